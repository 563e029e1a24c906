/**
 * The bulk path (issue 5, item 5): recalculating accounts for thousands of enterprises runs in SQL
 * `numeric` as Σ quantity × per-unit coefficient. A coefficient is what the engine itself gives for
 * one unit of an activity (the engine is linear in quantity), rounded to 34 significant digits, so
 * the SQL path and the per-request path share one formula and agree after rounding to 3 decimals.
 * A coefficient's key names the activity type, unit, use and every factor `id@version` it used:
 * publishing a new version gives new keys, never new values under an old key.
 */
import { Decimal as DecimalBase } from 'decimal.js';
import { computeEmissions, type EmissionsRequest, type ExactEmissions } from './calculate-emissions.ts';
import { accountingDefaults, shippedReferenceLibrary, type FuelFactorSet, type ReferenceLibrary } from '../reference/reference-library.ts';

/** SQL numeric receives 34 significant digits (IEEE 754 decimal128's precision). */
export const bulkSignificantDigits = 34;
const Decimal34 = DecimalBase.clone({ precision: bulkSignificantDigits, rounding: DecimalBase.ROUND_HALF_UP });

/** Per unit of the activity's quantity; decimal strings of at most 34 significant digits, no exponent. */
export interface BulkCoefficient {
  /** `type|unit|use|factorIds…` — null for an activity with measured values (a one-off line). */
  readonly key: string | null;
  readonly type: string;
  readonly unit: string;
  readonly factorIds: readonly string[];
  readonly scope1Tco2e: string;
  readonly scope2Tco2e: string;
  readonly exportedTco2e: string;
  readonly energyTce: string;
  readonly feedstockTce: string;
  readonly nonFossilElectricityMwh: string;
  readonly provisional: boolean;
  readonly warnings: readonly string[];
}

/** One activity on the bulk path: `quantity` × `coefficient` gives its contribution to each total. */
export interface BulkLine {
  readonly quantity: string;
  readonly coefficient: BulkCoefficient;
}

/** The request-level references (`id` or `id@version`) a batch is computed with. */
export type BulkReferences = Pick<EmissionsRequest, 'factorSet' | 'electricityFactor' | 'heatFactor' | 'gwpSet'>;

/** Fields that only identify an activity's coefficient; any other field (a measured NCV, a steam enthalpy…) makes the line one-off. */
const identityFields: Readonly<Record<string, readonly string[]>> = {
  fuel: ['fuel', 'use'],
  process: ['material'],
  direct_gas: ['gas'],
  electricity_purchased: [],
  electricity_exported: [],
  electricity_green: ['certificateIds'],
  heat_purchased: [],
  heat_exported: [],
};
/** Descriptive fields that never change a figure. */
const descriptiveFields = ['type', 'quantity', 'unit', 'note', 'source'];
/** Heat in tonnes needs a medium's enthalpy or temperature: always one-off. */
const coefficientUnits: Readonly<Record<string, readonly string[] | undefined>> = { heat_purchased: ['GJ', 'MJ'], heat_exported: ['GJ', 'MJ'] };

const digits = (value: InstanceType<typeof DecimalBase>): string => {
  const text = new Decimal34(value.toString()).toSignificantDigits(bulkSignificantDigits).toFixed();
  return text === '-0' ? '0' : text;
};

function coefficientFrom(options: { exact: ExactEmissions; key: string | null; type: string; unit: string }): BulkCoefficient {
  const { exact } = options;
  const line = exact.lines[0];
  return {
    key: options.key,
    type: options.type,
    unit: options.unit,
    factorIds: line?.factorIds ?? [],
    scope1Tco2e: digits(exact.scope1Tco2e),
    scope2Tco2e: digits(exact.scope2Tco2e),
    exportedTco2e: digits(exact.exportedTco2e),
    energyTce: digits(exact.energyTce),
    feedstockTce: digits(exact.feedstockTce),
    nonFossilElectricityMwh: digits(exact.nonFossilElectricityMwh),
    provisional: exact.provisional,
    warnings: exact.warnings,
  };
}

function isCoefficientActivity(activity: Readonly<Record<string, unknown>>): boolean {
  const type = String(activity['type']);
  const identity = identityFields[type];
  if (identity === undefined) return false;
  const units = coefficientUnits[type];
  if (units !== undefined && !units.includes(String(activity['unit']))) return false;
  return Object.keys(activity).every((k) => descriptiveFields.includes(k) || identity.includes(k));
}

/**
 * The bulk line of one activity; throws AccountingInputError exactly as the engine does.
 *
 * @example bulkLineOf({ activity: { type: 'electricity_purchased', quantity: '1000', unit: 'kWh' } }).coefficient.scope2Tco2e === '0.000641'
 */
export function bulkLineOf(options: { readonly activity: Readonly<Record<string, unknown>>; readonly references?: BulkReferences; readonly library?: ReferenceLibrary }): BulkLine {
  const library = options.library ?? shippedReferenceLibrary;
  const { activity } = options;
  const type = String(activity['type']);
  const unit = String(activity['unit'] ?? '');
  if (!isCoefficientActivity(activity)) {
    // One-off: the engine's exact totals for this activity, quantity 1.
    const exact = computeEmissions({ ...options.references, activities: [activity] }, library);
    return { quantity: '1', coefficient: coefficientFrom({ exact, key: null, type, unit }) };
  }
  // Validate the real quantity the engine's way first, so bad input fails as in the engine.
  computeEmissions({ ...options.references, activities: [activity] }, library);
  const unitActivity: Record<string, unknown> = { ...activity, quantity: '1' };
  delete unitActivity['certificateIds'];
  delete unitActivity['note'];
  delete unitActivity['source'];
  const exact = computeEmissions({ ...options.references, activities: [unitActivity] }, library);
  const use = type === 'fuel' ? String(activity['use'] ?? 'combustion') : '';
  const key = [type, unit, use, ...(exact.lines[0]?.factorIds ?? [])].join('|');
  return { quantity: String(activity['quantity']), coefficient: coefficientFrom({ exact, key, type, unit }) };
}

const fuelUnits: Readonly<Record<string, readonly string[]>> = { t: ['t', 'kg'], '10^4 Nm3': ['10^4 Nm3', 'Nm3', 'm3@20C'] };

/**
 * Every coefficient a batch with these references can need (every fuel of the set × unit × use,
 * every process material, gas, electricity and heat type × unit), for loading into a SQL table.
 */
export function bulkCoefficients(options: { readonly references?: BulkReferences; readonly library?: ReferenceLibrary } = {}): BulkCoefficient[] {
  const library = options.library ?? shippedReferenceLibrary;
  const references = options.references ?? {};
  const set: FuelFactorSet = library.findFuelFactorSet(references.factorSet ?? accountingDefaults.factorSet).value;
  const activities: Record<string, unknown>[] = [
    ...set.fuels.flatMap((f) => (fuelUnits[f.unit] ?? []).flatMap((unit) => ['combustion', 'feedstock'].map((use) => ({ type: 'fuel', fuel: f.id, unit, use, quantity: '1' })))),
    ...library.latestOf<{ id: string; version: number }>('process_factor').flatMap((p) => ['t', 'kg'].map((unit) => ({ type: 'process', material: p.id, unit, quantity: '1' }))),
    ...Object.keys(library.findGwpSet(references.gwpSet ?? accountingDefaults.gwpSet).value.values).flatMap((gas) =>
      ['t', 'kg'].map((unit) => ({ type: 'direct_gas', gas, unit, quantity: '1' })),
    ),
    ...['electricity_purchased', 'electricity_exported', 'electricity_green'].flatMap((type) => ['MWh', 'kWh'].map((unit) => ({ type, unit, quantity: '1' }))),
    ...['heat_purchased', 'heat_exported'].flatMap((type) => ['GJ', 'MJ'].map((unit) => ({ type, unit, quantity: '1' }))),
  ];
  const seen = new Set<string>();
  return activities.flatMap((activity) => {
    const { coefficient } = bulkLineOf({ activity, references, library });
    if (coefficient.key === null || seen.has(coefficient.key)) return [];
    seen.add(coefficient.key);
    return [coefficient];
  });
}
