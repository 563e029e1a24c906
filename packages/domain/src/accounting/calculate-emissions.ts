/**
 * Enterprise GHG and energy accounting (issue 5, item 2): scope 1 from fuels, processes, clinker,
 * carbon mass balance and direct gases; scope 2 from purchased electricity and heat; exports
 * reported apart; comprehensive energy consumption (当量值) in tce. Exact decimal arithmetic,
 * divisions last, rounding half away from zero only at output (3 decimals).
 */
import { Decimal as DecimalBase } from 'decimal.js';
import { accountingDefaults, isUnverified, ReferenceLookupError, shippedReferenceLibrary, type ReferenceLibrary, type ReferenceStatus } from '../reference/reference-library.ts';

/** 40 significant digits: far beyond the 12 input decimals × a handful of factors, so sums stay exact. */
const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
type Decimal = InstanceType<typeof Decimal>;

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
/** Molar mass ratios (g/mol): CO2/C, CO2/CaO, CO2/MgO. */
const CO2_PER_C = { num: new Decimal(44), den: new Decimal(12) };
const CO2_PER_CAO = { num: new Decimal(44), den: new Decimal(56) };
const CO2_PER_MGO = { num: new Decimal(44), den: new Decimal(40) };
/** m3 at 20 °C → Nm3 (0 °C) at equal pressure: × 273.15 K / 293.15 K. */
const NM3_PER_M3_AT_20C = { num: new Decimal('273.15'), den: new Decimal('293.15') };
/** Enthalpy of the 20 °C feed-water reference, kJ/kg (steam formula of the NDRC guide). */
const STEAM_REFERENCE_ENTHALPY_KJ_PER_KG = new Decimal('83.74');
/** Specific heat of water, kJ/(kg·K); hot-water reference temperature 20 °C. */
const WATER_SPECIFIC_HEAT_KJ_PER_KG_K = new Decimal('4.1868');
const HOT_WATER_REFERENCE_C = new Decimal(20);

export type EmissionActivity =
  | {
      readonly type: 'fuel';
      readonly fuel: string;
      readonly quantity: string;
      readonly unit: string;
      /** GJ per unit of the fuel row (t or 10^4 Nm3), measured. */
      readonly ncvGjPerUnit?: string;
      readonly carbonContentTcPerGj?: string;
      readonly oxidationRate?: string;
      readonly use?: 'combustion' | 'feedstock';
    }
  | { readonly type: 'process'; readonly material: string; readonly quantity: string; readonly unit: string }
  | {
      readonly type: 'clinker';
      /** t of clinker. */
      readonly quantity: string;
      readonly unit?: string;
      readonly caoFraction: string;
      readonly mgoFraction: string;
      readonly nonCarbonateCaoFraction?: string;
      readonly nonCarbonateMgoFraction?: string;
    }
  | {
      readonly type: 'mass_balance';
      readonly inputs: readonly MassBalanceFlow[];
      readonly outputs: readonly MassBalanceFlow[];
    }
  | { readonly type: 'direct_gas'; readonly gas: string; readonly quantity: string; readonly unit: string }
  | {
      readonly type: 'electricity_purchased' | 'electricity_exported';
      readonly quantity: string;
      readonly unit: string;
    }
  | {
      readonly type: 'electricity_green';
      readonly quantity: string;
      readonly unit: string;
      readonly certificateIds?: readonly string[];
    }
  | {
      readonly type: 'heat_purchased' | 'heat_exported';
      readonly quantity: string;
      /** `GJ`, `MJ`, or `t` of steam (with `enthalpyKjPerKg`) or hot water (with `temperatureC`). */
      readonly unit: string;
      readonly medium?: 'steam' | 'hot_water';
      readonly enthalpyKjPerKg?: string;
      readonly temperatureC?: string;
    };

export interface MassBalanceFlow {
  /** t of material. */
  readonly quantity: string;
  readonly unit: string;
  /** t C per t of material, 0–1. */
  readonly carbonFraction: string;
}

export interface EmissionsRequest {
  /** Fuel factor set, optionally pinned (`cn_industry_other_2015@1`). */
  readonly factorSet?: string;
  readonly electricityFactor?: string;
  readonly heatFactor?: string;
  readonly gwpSet?: string;
  readonly activities: readonly unknown[];
}

export interface EmissionsLine {
  readonly index: number;
  /** Emission amount, tCO2e (positive also for exports). */
  readonly tco2e: string;
  /** Signed contribution to energyTce. */
  readonly tce: string;
  readonly factorIds: readonly string[];
}

export interface EmissionsResult {
  readonly factorSet: string;
  readonly electricityFactor: string;
  readonly heatFactor: string;
  readonly gwpSet: string;
  readonly scope1Tco2e: string;
  readonly scope2Tco2e: string;
  readonly exportedTco2e: string;
  readonly grossTco2e: string;
  readonly netTco2e: string;
  readonly energyTce: string;
  readonly feedstockTce: string;
  readonly nonFossilElectricityMwh: string;
  readonly lines: readonly EmissionsLine[];
  readonly provisional: boolean;
  readonly warnings: readonly string[];
}

export type AccountingInputErrorCode =
  | 'empty_activities'
  | 'invalid_activity'
  | 'unknown_type'
  | 'unknown_reference'
  | 'unknown_unit'
  | 'invalid_number'
  | 'negative_number'
  | 'too_many_decimals'
  | 'fraction_out_of_range'
  | 'oxide_sum_exceeds_one'
  | 'missing_field';

/** Bad or unknown input; `index` is the activity's position (null for request-level problems). */
export class AccountingInputError extends Error {
  override readonly name = 'AccountingInputError';
  readonly code: AccountingInputErrorCode;
  readonly index: number | null;

  constructor(options: { readonly code: AccountingInputErrorCode; readonly index: number | null; readonly message: string }) {
    super(options.index === null ? options.message : `activity ${options.index}: ${options.message}`);
    this.code = options.code;
    this.index = options.index;
  }
}

/** Exact (unrounded) totals, for callers and tests that need them; `calculateEmissions` rounds these. */
export interface ExactEmissions {
  readonly factorSet: string;
  readonly electricityFactor: string;
  readonly heatFactor: string;
  readonly gwpSet: string;
  readonly scope1Tco2e: Decimal;
  readonly scope2Tco2e: Decimal;
  readonly exportedTco2e: Decimal;
  readonly energyTce: Decimal;
  readonly feedstockTce: Decimal;
  readonly nonFossilElectricityMwh: Decimal;
  readonly lines: readonly { index: number; tco2e: Decimal; tce: Decimal; factorIds: string[] }[];
  readonly provisional: boolean;
  readonly warnings: readonly string[];
}

/** Plain decimal: digits, optional fraction of at most 12 digits; no sign, exponent, NaN or Infinity. */
const DECIMAL_PATTERN = /^[0-9]+(\.[0-9]+)?$/;
const MAX_DECIMALS = 12;

function parseAmount(value: unknown, index: number, field: string): Decimal {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') {
    throw new AccountingInputError({ code: value === undefined ? 'missing_field' : 'invalid_number', index, message: `${field} must be a decimal string` });
  }
  if (/^-[0-9]+(\.[0-9]+)?$/.test(text) && !/^-0+(\.0+)?$/.test(text)) {
    throw new AccountingInputError({ code: 'negative_number', index, message: `${field} must not be negative (${text})` });
  }
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  if (!DECIMAL_PATTERN.test(unsigned)) {
    throw new AccountingInputError({ code: 'invalid_number', index, message: `${field} is not a plain decimal (${text})` });
  }
  const fraction = unsigned.split('.')[1] ?? '';
  if (fraction.length > MAX_DECIMALS) {
    throw new AccountingInputError({ code: 'too_many_decimals', index, message: `${field} has more than ${MAX_DECIMALS} decimals` });
  }
  return new Decimal(unsigned);
}

function parseFraction(value: unknown, index: number, field: string): Decimal {
  const d = parseAmount(value, index, field);
  if (d.gt(ONE)) throw new AccountingInputError({ code: 'fraction_out_of_range', index, message: `${field} must be within 0–1 (${String(value)})` });
  return d;
}

function lookup<T>(index: number, find: () => T): T {
  try {
    return find();
  } catch (error) {
    if (error instanceof ReferenceLookupError) {
      throw new AccountingInputError({ code: 'unknown_reference', index, message: error.message });
    }
    throw error;
  }
}

function unknownUnit(index: number, unit: unknown, allowed: readonly string[]): never {
  throw new AccountingInputError({ code: 'unknown_unit', index, message: `unknown unit "${String(unit)}" (expected ${allowed.join(', ')})` });
}

/** A quantity as a fraction num/den of the base unit, so divisions can be done last. */
interface Ratio {
  readonly num: Decimal;
  readonly den: Decimal;
}

const KG_PER_T = new Decimal(1000);
const KWH_PER_MWH = new Decimal(1000);
const MJ_PER_GJ = new Decimal(1000);
const NM3_PER_10K_NM3 = new Decimal(10000);

/** Fuel quantity in the fuel row's unit (t or 10^4 Nm3). */
function fuelQuantity(options: { readonly quantity: Decimal; readonly unit: unknown; readonly rowUnit: string; readonly index: number }): Ratio {
  const { quantity, unit, rowUnit, index } = options;
  if (rowUnit === 't') {
    if (unit === 't') return { num: quantity, den: ONE };
    if (unit === 'kg') return { num: quantity, den: KG_PER_T };
    return unknownUnit(index, unit, ['t', 'kg']);
  }
  if (rowUnit === '10^4 Nm3') {
    if (unit === '10^4 Nm3') return { num: quantity, den: ONE };
    if (unit === 'Nm3') return { num: quantity, den: NM3_PER_10K_NM3 };
    if (unit === 'm3@20C') return { num: quantity.mul(NM3_PER_M3_AT_20C.num), den: NM3_PER_10K_NM3.mul(NM3_PER_M3_AT_20C.den) };
    return unknownUnit(index, unit, ['10^4 Nm3', 'Nm3', 'm3@20C']);
  }
  throw new AccountingInputError({ code: 'unknown_unit', index, message: `fuel row unit "${rowUnit}" is not supported` });
}

function tonnes(options: { readonly quantity: Decimal; readonly unit: unknown; readonly index: number }): Ratio {
  if (options.unit === 't') return { num: options.quantity, den: ONE };
  if (options.unit === 'kg') return { num: options.quantity, den: KG_PER_T };
  return unknownUnit(options.index, options.unit, ['t', 'kg']);
}

function megawattHours(options: { readonly quantity: Decimal; readonly unit: unknown; readonly index: number }): Ratio {
  if (options.unit === 'MWh') return { num: options.quantity, den: ONE };
  if (options.unit === 'kWh') return { num: options.quantity, den: KWH_PER_MWH };
  return unknownUnit(options.index, options.unit, ['MWh', 'kWh']);
}

function record(value: unknown, index: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AccountingInputError({ code: 'invalid_activity', index, message: 'activity must be an object' });
  }
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, index: number, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new AccountingInputError({ code: 'invalid_activity', index, message: `${field} must be a string` });
  return value;
}

/** Computes the exact figures; throws AccountingInputError for bad or unknown input. */
export function computeEmissions(request: EmissionsRequest, library: ReferenceLibrary = shippedReferenceLibrary): ExactEmissions {
  if (!Array.isArray(request.activities) || request.activities.length === 0) {
    throw new AccountingInputError({ code: 'empty_activities', index: null, message: 'activities must be a non-empty list' });
  }
  const factorSetRef = request.factorSet ?? accountingDefaults.factorSet;
  const electricityRef = request.electricityFactor ?? accountingDefaults.electricityFactor;
  const heatRef = request.heatFactor ?? accountingDefaults.heatFactor;
  const gwpRef = request.gwpSet ?? accountingDefaults.gwpSet;

  // Resolve the request-level ids up front so the response reports their versions. An unknown id
  // names the first activity that needs it (or none, index null, when no activity does).
  const needs = (types: readonly string[]): number | null => {
    const i = request.activities.findIndex((a) => typeof a === 'object' && a !== null && types.includes(String((a as Record<string, unknown>)['type'])));
    return i === -1 ? null : i;
  };
  const resolveRef = (find: () => { ref: string }, types: readonly string[]): string => {
    try {
      return find().ref;
    } catch (error) {
      if (error instanceof ReferenceLookupError) {
        throw new AccountingInputError({ code: 'unknown_reference', index: needs(types), message: error.message });
      }
      throw error;
    }
  };
  const reported = {
    factorSet: resolveRef(() => library.findFuelFactorSet(factorSetRef), ['fuel']),
    electricityFactor: resolveRef(() => library.findElectricityFactor(electricityRef), ['electricity_purchased', 'electricity_exported', 'electricity_green']),
    heatFactor: resolveRef(() => library.findHeatFactor(heatRef), ['heat_purchased', 'heat_exported']),
    gwpSet: resolveRef(() => library.findGwp({ gwpSet: gwpRef, gas: 'CO2' }), ['direct_gas']).split('/')[0] ?? gwpRef,
  };
  const warnings = new Set<string>();
  let provisional = false;
  const useStatus = (...statuses: ReferenceStatus[]): void => {
    if (statuses.some(isUnverified)) provisional = true;
  };

  // Standard-coal conversions (GB/T 2589-2020) are only resolved when a line needs them.
  const tceDefinition = (): { ref: string; gjPerTce: Decimal } => {
    const f = library.findStandardCoalFactor('tce_definition');
    useStatus(f.value.status);
    return { ref: f.ref, gjPerTce: new Decimal(f.value.gjPerTce ?? '') };
  };
  const kgcePer = (id: string): { ref: string; value: Decimal } => {
    const f = library.findStandardCoalFactor(id);
    useStatus(f.value.status);
    return { ref: f.ref, value: new Decimal(f.value.kgcePerUnit ?? '') };
  };

  let scope1 = ZERO;
  let scope2 = ZERO;
  let exported = ZERO;
  // Fuel energy is summed in GJ and divided by the tce definition once, at the end.
  let fuelEnergyGj = ZERO;
  let feedstockGj = ZERO;
  let otherTce = ZERO;
  let nonFossilMwh = ZERO;
  let gjPerTce: Decimal | undefined;
  const lines: { index: number; tco2e: Decimal; tce: Decimal; factorIds: string[] }[] = [];

  request.activities.forEach((raw, index) => {
    const a = record(raw, index);
    const type = a['type'];
    switch (type) {
      case 'fuel': {
        const fuelId = optionalString(a['fuel'], index, 'fuel');
        if (fuelId === undefined) throw new AccountingInputError({ code: 'missing_field', index, message: 'fuel is required' });
        const row = lookup(index, () => library.findFuel({ factorSet: factorSetRef, fuel: fuelId }));
        const use = a['use'] ?? 'combustion';
        if (use !== 'combustion' && use !== 'feedstock') {
          throw new AccountingInputError({ code: 'unknown_type', index, message: `unknown use "${String(use)}"` });
        }
        const quantity = fuelQuantity({ quantity: parseAmount(a['quantity'], index, 'quantity'), unit: a['unit'], rowUnit: row.value.unit, index });
        const ncv = a['ncvGjPerUnit'] === undefined ? new Decimal(row.value.ncvGjPerUnit) : parseAmount(a['ncvGjPerUnit'], index, 'ncvGjPerUnit');
        const cc = a['carbonContentTcPerGj'] === undefined ? new Decimal(row.value.carbonContentTcPerGj) : parseAmount(a['carbonContentTcPerGj'], index, 'carbonContentTcPerGj');
        const of = a['oxidationRate'] === undefined ? new Decimal(row.value.oxidationRate) : parseFraction(a['oxidationRate'], index, 'oxidationRate');
        const usesDefaults = a['ncvGjPerUnit'] === undefined || (use === 'combustion' && (a['carbonContentTcPerGj'] === undefined || a['oxidationRate'] === undefined));
        if (usesDefaults) {
          const set = lookup(index, () => library.findFuelFactorSet(factorSetRef));
          useStatus(set.value.status, row.value.status);
        }
        const tce = lookup(index, tceDefinition);
        gjPerTce = tce.gjPerTce;
        const energyGj = quantity.num.mul(ncv).div(quantity.den);
        if (use === 'feedstock') {
          // Carbon covered by a mass balance: no combustion emission; energy is 原料用能.
          feedstockGj = feedstockGj.add(energyGj);
          lines.push({ index, tco2e: ZERO, tce: ZERO, factorIds: [row.ref, tce.ref] });
          break;
        }
        const tco2 = quantity.num.mul(ncv).mul(cc).mul(of).mul(CO2_PER_C.num).div(quantity.den.mul(CO2_PER_C.den));
        scope1 = scope1.add(tco2);
        fuelEnergyGj = fuelEnergyGj.add(energyGj);
        lines.push({ index, tco2e: tco2, tce: quantity.num.mul(ncv).div(quantity.den.mul(tce.gjPerTce)), factorIds: [row.ref, tce.ref] });
        break;
      }
      case 'process': {
        const material = optionalString(a['material'], index, 'material');
        if (material === undefined) throw new AccountingInputError({ code: 'missing_field', index, message: 'material is required' });
        const f = lookup(index, () => library.findProcessFactor(material));
        useStatus(f.value.status);
        const t = tonnes({ quantity: parseAmount(a['quantity'], index, 'quantity'), unit: a['unit'], index });
        const amount = t.num.mul(new Decimal(f.value.valueTco2PerT)).div(t.den);
        if (f.value.role === 'carbon_fixed_in_product') {
          scope1 = scope1.sub(amount);
          lines.push({ index, tco2e: amount.neg(), tce: ZERO, factorIds: [f.ref] });
        } else if (f.value.role === 'emission') {
          scope1 = scope1.add(amount);
          lines.push({ index, tco2e: amount, tce: ZERO, factorIds: [f.ref] });
        } else {
          throw new AccountingInputError({ code: 'unknown_reference', index, message: `material "${material}" has unknown role ${f.value.role}` });
        }
        break;
      }
      case 'clinker': {
        const t = tonnes({ quantity: parseAmount(a['quantity'], index, 'quantity'), unit: a['unit'] ?? 't', index });
        const cao = parseFraction(a['caoFraction'], index, 'caoFraction');
        const mgo = parseFraction(a['mgoFraction'], index, 'mgoFraction');
        const caoNc = a['nonCarbonateCaoFraction'] === undefined ? ZERO : parseFraction(a['nonCarbonateCaoFraction'], index, 'nonCarbonateCaoFraction');
        const mgoNc = a['nonCarbonateMgoFraction'] === undefined ? ZERO : parseFraction(a['nonCarbonateMgoFraction'], index, 'nonCarbonateMgoFraction');
        if (cao.add(mgo).gt(ONE)) {
          throw new AccountingInputError({ code: 'oxide_sum_exceeds_one', index, message: 'caoFraction + mgoFraction must not exceed 1' });
        }
        if (caoNc.gt(cao) || mgoNc.gt(mgo)) {
          throw new AccountingInputError({ code: 'fraction_out_of_range', index, message: 'a non-carbonate fraction exceeds the total oxide fraction' });
        }
        // 44/56 and 44/40 over a common denominator 560 (= 56 × 10 = 40 × 14) keeps the division last.
        const perT = cao.sub(caoNc).mul(CO2_PER_CAO.num).mul(10).add(mgo.sub(mgoNc).mul(CO2_PER_MGO.num).mul(14));
        const tco2 = t.num.mul(perT).div(t.den.mul(CO2_PER_CAO.den.mul(10)));
        scope1 = scope1.add(tco2);
        lines.push({ index, tco2e: tco2, tce: ZERO, factorIds: [] });
        break;
      }
      case 'mass_balance': {
        const flows = (field: 'inputs' | 'outputs'): Ratio => {
          const list = a[field];
          if (!Array.isArray(list)) throw new AccountingInputError({ code: 'missing_field', index, message: `${field} must be a list` });
          let num = ZERO;
          // Common denominator 1000 (kg → t) so every flow adds exactly.
          for (const item of list) {
            const flow = record(item, index);
            const t = tonnes({ quantity: parseAmount(flow['quantity'], index, `${field}.quantity`), unit: flow['unit'] ?? 't', index });
            const c = parseFraction(flow['carbonFraction'], index, `${field}.carbonFraction`);
            num = num.add(t.num.mul(c).mul(KG_PER_T.div(t.den)));
          }
          return { num, den: KG_PER_T };
        };
        const inC = flows('inputs');
        const outC = flows('outputs');
        const tco2 = inC.num.sub(outC.num).mul(CO2_PER_C.num).div(KG_PER_T.mul(CO2_PER_C.den));
        scope1 = scope1.add(tco2);
        lines.push({ index, tco2e: tco2, tce: ZERO, factorIds: [] });
        break;
      }
      case 'direct_gas': {
        const gas = optionalString(a['gas'], index, 'gas');
        if (gas === undefined) throw new AccountingInputError({ code: 'missing_field', index, message: 'gas is required' });
        const gwp = lookup(index, () => library.findGwp({ gwpSet: gwpRef, gas }));
        useStatus(gwp.status);
        const t = tonnes({ quantity: parseAmount(a['quantity'], index, 'quantity'), unit: a['unit'], index });
        const tco2e = t.num.mul(new Decimal(gwp.value)).div(t.den);
        scope1 = scope1.add(tco2e);
        lines.push({ index, tco2e, tce: ZERO, factorIds: [gwp.ref] });
        break;
      }
      case 'electricity_purchased':
      case 'electricity_exported':
      case 'electricity_green': {
        const mwh = megawattHours({ quantity: parseAmount(a['quantity'], index, 'quantity'), unit: a['unit'], index });
        const grid = lookup(index, () => library.findElectricityFactor(electricityRef));
        const kgce = lookup(index, () => kgcePer('electricity_equivalent'));
        // kgce/kWh equals tce/MWh.
        const tce = mwh.num.mul(kgce.value).div(mwh.den);
        if (grid.value.purpose === 'ets_reporting') {
          warnings.add(`electricity factor ${grid.ref} is for national ETS reporting only, not general accounting`);
        }
        if (type === 'electricity_green') {
          if (!grid.value.excludesMarketNonFossil) {
            warnings.add(`green electricity with grid factor ${grid.ref}, which does not exclude market-traded non-fossil power (double counting)`);
          }
          nonFossilMwh = nonFossilMwh.add(mwh.num.div(mwh.den));
          otherTce = otherTce.add(tce);
          lines.push({ index, tco2e: ZERO, tce, factorIds: [kgce.ref] });
          break;
        }
        useStatus(grid.value.status);
        const tco2 = mwh.num.mul(new Decimal(grid.value.valueTco2PerMwh)).div(mwh.den);
        if (type === 'electricity_purchased') {
          scope2 = scope2.add(tco2);
          otherTce = otherTce.add(tce);
          lines.push({ index, tco2e: tco2, tce, factorIds: [grid.ref, kgce.ref] });
        } else {
          exported = exported.add(tco2);
          otherTce = otherTce.sub(tce);
          lines.push({ index, tco2e: tco2, tce: tce.neg(), factorIds: [grid.ref, kgce.ref] });
        }
        break;
      }
      case 'heat_purchased':
      case 'heat_exported': {
        const quantity = parseAmount(a['quantity'], index, 'quantity');
        const factorIds: string[] = [];
        let gj: Ratio;
        if (a['unit'] === 'GJ') gj = { num: quantity, den: ONE };
        else if (a['unit'] === 'MJ') gj = { num: quantity, den: MJ_PER_GJ };
        else if (a['unit'] === 't') {
          // Steam or hot water by mass: the guide formulas are recalled, not sourced (unverified).
          if (a['medium'] === 'steam') {
            const enthalpy = parseAmount(a['enthalpyKjPerKg'], index, 'enthalpyKjPerKg');
            const conv = lookup(index, () => library.findHeatConversion('steam_to_gj'));
            useStatus(conv.value.status);
            factorIds.push(conv.ref);
            // t × (kJ/kg − 83.74) = MJ; ÷ 1000 → GJ.
            gj = { num: quantity.mul(enthalpy.sub(STEAM_REFERENCE_ENTHALPY_KJ_PER_KG)), den: MJ_PER_GJ };
          } else if (a['medium'] === 'hot_water') {
            const temperature = parseAmount(a['temperatureC'], index, 'temperatureC');
            const conv = lookup(index, () => library.findHeatConversion('hot_water_to_gj'));
            useStatus(conv.value.status);
            factorIds.push(conv.ref);
            gj = { num: quantity.mul(temperature.sub(HOT_WATER_REFERENCE_C)).mul(WATER_SPECIFIC_HEAT_KJ_PER_KG_K), den: MJ_PER_GJ };
          } else {
            throw new AccountingInputError({ code: 'missing_field', index, message: 'heat in t needs medium "steam" (with enthalpyKjPerKg) or "hot_water" (with temperatureC)' });
          }
          if (gj.num.isNegative()) {
            throw new AccountingInputError({ code: 'negative_number', index, message: 'steam enthalpy or water temperature is below the reference' });
          }
        } else return unknownUnit(index, a['unit'], ['GJ', 'MJ', 't']);
        const heat = lookup(index, () => library.findHeatFactor(heatRef));
        useStatus(heat.value.status);
        const kgce = lookup(index, () => kgcePer('heat'));
        // kgce/MJ equals tce/GJ.
        const tce = gj.num.mul(kgce.value).div(gj.den);
        const tco2 = gj.num.mul(new Decimal(heat.value.valueTco2PerGj)).div(gj.den);
        factorIds.unshift(heat.ref);
        factorIds.push(kgce.ref);
        if (type === 'heat_purchased') {
          scope2 = scope2.add(tco2);
          otherTce = otherTce.add(tce);
          lines.push({ index, tco2e: tco2, tce, factorIds });
        } else {
          exported = exported.add(tco2);
          otherTce = otherTce.sub(tce);
          lines.push({ index, tco2e: tco2, tce: tce.neg(), factorIds });
        }
        break;
      }
      default:
        throw new AccountingInputError({ code: 'unknown_type', index, message: `unknown activity type "${String(type)}"` });
    }
  });

  const energyTce = gjPerTce === undefined ? otherTce : fuelEnergyGj.div(gjPerTce).add(otherTce);
  const feedstockTce = gjPerTce === undefined ? ZERO : feedstockGj.div(gjPerTce);
  return {
    ...reported,
    scope1Tco2e: scope1,
    scope2Tco2e: scope2,
    exportedTco2e: exported,
    energyTce,
    feedstockTce,
    nonFossilElectricityMwh: nonFossilMwh,
    lines,
    provisional,
    warnings: [...warnings],
  };
}

/** Rounds half away from zero to 3 decimals; never prints "-0.000". */
function out(value: Decimal): string {
  const text = value.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

/** Issue 5, item 2: the accounting result as 3-decimal strings. */
export function calculateEmissions(request: EmissionsRequest, library: ReferenceLibrary = shippedReferenceLibrary): EmissionsResult {
  const exact = computeEmissions(request, library);
  const gross = exact.scope1Tco2e.add(exact.scope2Tco2e);
  return {
    factorSet: exact.factorSet,
    electricityFactor: exact.electricityFactor,
    heatFactor: exact.heatFactor,
    gwpSet: exact.gwpSet,
    scope1Tco2e: out(exact.scope1Tco2e),
    scope2Tco2e: out(exact.scope2Tco2e),
    exportedTco2e: out(exact.exportedTco2e),
    grossTco2e: out(gross),
    netTco2e: out(gross.sub(exact.exportedTco2e)),
    energyTce: out(exact.energyTce),
    feedstockTce: out(exact.feedstockTce),
    nonFossilElectricityMwh: out(exact.nonFossilElectricityMwh),
    lines: exact.lines.map((l) => ({ index: l.index, tco2e: out(l.tco2e), tce: out(l.tce), factorIds: l.factorIds })),
    provisional: exact.provisional,
    warnings: exact.warnings,
  };
}
