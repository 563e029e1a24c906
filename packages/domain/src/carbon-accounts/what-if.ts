/**
 * What-if (情景模拟) for one enterprise and one label period (a year `2024` or a rolling 12 months
 * `2025-01R12`): the enterprise's monthly activity lines are changed — a fuel switch, green
 * electricity, an efficiency gain — and the baseline and the scenario both go through the same
 * engines as the stored accounts: `computeEmissions` per month, `accountFigures` for the period,
 * `industryAverage` and `draftEnterpriseLabel` for the colour. Nothing here is a formula of its own
 * apart from moving quantities between lines; nothing is saved (the caller writes nothing).
 *
 * Changes apply in the order given, each to the lines the previous ones left:
 * - `fuel_switch`: `sharePercent` of every combustion line of `fromFuel` is removed and replaced,
 *   month by month, by `toFuel` delivering the same useful energy: GJ(to) = GJ(from, as the engine
 *   computes it with the line's own NCV) × `efficiencyRatio`, where `efficiencyRatio` = η(from
 *   boiler) ÷ η(to boiler), default 1 (equal efficiency); quantity(to) = GJ(to) ÷ NCV(to) of the
 *   default factor set, in the fuel's row unit. Feedstock lines are not switched.
 * - `green_electricity`: `mwh` over the period (spread over the months in proportion to their
 *   purchased electricity) or `sharePercent` of purchased electricity becomes `electricity_green`
 *   (the engine's green-power activity: no scope-2 emission, the same tce, counted as non-fossil);
 *   the purchased lines of each month shrink in proportion.
 * - `efficiency`: the lines of one activity (`fuel:<id>`, `electricity_purchased`,
 *   `electricity_green`, `heat_purchased`) or of all energy use (`all_energy`: fuel combustion,
 *   purchased and green electricity, purchased heat) shrink by `reductionPercent`.
 * Scenario quantities are rounded half-up to 6 decimals of their unit (the engine takes at most 12).
 * A product's reported unit energy consumption is scaled by the month's site-energy ratio
 * (scenario ÷ baseline) — the product's share of site energy is assumed unchanged; value added,
 * output and output value stay as reported.
 *
 * The industry average is recomputed for each side with the enterprise's own figures in place of
 * its entry among the peers (the rated enterprise counts among its peers), the other peers as given.
 *
 * @example whatIf({ period: '2024', enterpriseId: 'ent-001', industryClass: '0610', months, peers, library,
 *   changes: [{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '60' }] }).scenario.label.colour
 */
import { AccountingInputError, computeEmissions, type ExactEmissions } from '../accounting/calculate-emissions.ts';
import type { BilingualText, LabelColour, LabelMethodId } from '../labels/decide-label.ts';
import { accountingDefaults, isUnverified, ReferenceLookupError, type ReferenceLibrary, type ReferenceStatus } from '../reference/reference-library.ts';
import { accountFigures, monthlyFiguresFromEmissions, type AccountFigures, type DataQuality, type MonthlyProduction } from './account-figures.ts';
import { draftEnterpriseLabel } from './enterprise-label.ts';
import { ExactDecimal, roundOut, ZERO } from './exact-decimal.ts';
import { industryAverage, peerFiguresOf, type IndustryAverageLevel, type PeerFigures } from './industry-average.ts';
import { parsePeriod, PeriodError } from './periods.ts';

export type WhatIfChange =
  | {
      readonly kind: 'fuel_switch';
      readonly fromFuel: string;
      readonly toFuel: string;
      /** 0–100, of the from-fuel's combustion quantity. */
      readonly sharePercent: string;
      /** η(from boiler) ÷ η(to boiler), > 0 and ≤ 5; default 1. */
      readonly efficiencyRatio?: string | undefined;
    }
  | {
      readonly kind: 'green_electricity';
      /** MWh over the period (a year's worth for a 12-month period). Exactly one of mwh and sharePercent. */
      readonly mwh?: string | undefined;
      /** 0–100, of the purchased electricity. */
      readonly sharePercent?: string | undefined;
    }
  | {
      readonly kind: 'efficiency';
      /** `all_energy`, `fuel:<id>`, `electricity_purchased`, `electricity_green` or `heat_purchased`. */
      readonly activity: string;
      /** 0–100. */
      readonly reductionPercent: string;
    };

export const whatIfChangeKinds = ['fuel_switch', 'green_electricity', 'efficiency'] as const;

/** One month of the enterprise as the accounts see it. */
export interface WhatIfMonth {
  /** YYYY-MM. */
  readonly month: string;
  /** The activity lines the engine is given for the month (with the utility's metered kWh in place of the reported purchased electricity, as the stored month). */
  readonly activities: readonly Record<string, unknown>[];
  readonly production: readonly MonthlyProduction[];
  readonly outputValue10kCny: string | null;
  readonly valueAdded10kCny: string | null;
  readonly quality: DataQuality;
}

export interface WhatIfOptions {
  readonly enterpriseId: string;
  /** A year (`2024`) or a rolling 12 months (`2025-01R12`). */
  readonly period: string;
  readonly industryClass: string;
  /** Months of the period with data; months outside the period are ignored. */
  readonly months: readonly WhatIfMonth[];
  /** The peer figures the label compares with (the enterprise's own entry, if present, is replaced on each side). */
  readonly peers: readonly PeerFigures[];
  readonly changes: readonly WhatIfChange[];
  readonly library: ReferenceLibrary;
}

export type WhatIfErrorCode = 'invalid_period' | 'no_data' | 'invalid_change' | 'unknown_fuel' | 'out_of_range' | 'exceeds_purchased' | 'activity_not_found';

export interface WhatIfIssue {
  /** The offending field, e.g. `changes.0.sharePercent`. */
  readonly path: string;
  readonly code: WhatIfErrorCode;
  readonly message: string;
}

/** Bad input: every issue found, each naming its field. Nothing is computed. */
export class WhatIfError extends Error {
  override readonly name = 'WhatIfError';
  readonly issues: readonly WhatIfIssue[];

  constructor(issues: readonly WhatIfIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.issues = issues;
  }
}

export interface WhatIfMovedQuantity {
  /** Activity key, e.g. `fuel:raw_coal`, `electricity_purchased`. */
  readonly activity: string;
  readonly unit: string;
  /** Σ over the period's months, in `unit`. */
  readonly before: string;
  readonly after: string;
  /** after − before. */
  readonly delta: string;
}

export interface WhatIfAppliedChange {
  readonly index: number;
  readonly kind: WhatIfChange['kind'];
  readonly change: WhatIfChange;
  readonly description: BilingualText;
  readonly moved: readonly WhatIfMovedQuantity[];
  /** Energy taken off the from-fuel and put on the to-fuel (fuel switch), tce, 3 decimals. */
  readonly energy: { readonly fromTce: string; readonly toTce: string } | null;
  readonly assumptions: readonly BilingualText[];
  /** Reference values the change itself used (fuel rows, the tce definition). */
  readonly factorRefs: readonly string[];
}

export interface WhatIfSource {
  /** `fuel:<id>`, `fuel_feedstock:<id>`, `process:<material>`, `clinker`, `mass_balance`, `direct_gas:<gas>`, `electricity_purchased`, `electricity_green`, `electricity_exported`, `heat_purchased`, `heat_exported`. */
  readonly source: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly scope: 'scope1' | 'scope2' | 'exported';
  /** tCO2e, 3 decimals (exports positive, reported apart from the gross). */
  readonly baselineTco2e: string;
  readonly scenarioTco2e: string;
  readonly deltaTco2e: string;
  /** Signed contribution to energyTce, 3 decimals. */
  readonly baselineTce: string;
  readonly scenarioTce: string;
}

export interface WhatIfLabel {
  readonly colour: LabelColour | null;
  readonly provisional: boolean;
  readonly reason: BilingualText;
  readonly methods: readonly {
    readonly method: LabelMethodId;
    readonly applicable: boolean;
    readonly colour: LabelColour | null;
    readonly reason: BilingualText;
    readonly ratio: string | null;
    readonly benchmarkRef: string | null;
  }[];
  readonly notes: readonly BilingualText[];
  readonly industryAverage: {
    readonly level: IndustryAverageLevel | null;
    readonly code: string | null;
    readonly peerCount: number;
    readonly averageIntensity: string | null;
  };
}

export interface WhatIfSide {
  readonly figures: {
    readonly emissionsTco2e: string;
    readonly emissionsBasis: 'gross' | 'net';
    readonly scope1Tco2e: string;
    readonly scope2Tco2e: string;
    readonly exportedTco2e: string;
    readonly grossTco2e: string;
    readonly energyTce: string;
    readonly nonFossilElectricityMwh: string;
    readonly valueAdded10kCny: string | null;
    readonly intensityPerValueAdded: string | null;
    readonly energyPerValueAdded: string | null;
    readonly products: readonly {
      readonly productId: string;
      readonly unit: string;
      readonly output: string;
      readonly benchmarkId: string | null;
      /** kgce per unit (the benchmark's unit), 4 decimals. */
      readonly unitEnergyConsumption: string | null;
      readonly estimated: boolean;
      /** tCO2e per unit of output, 6 decimals: single-product enterprises only (the site's emissions cannot be split). */
      readonly tco2ePerUnit: string | null;
    }[];
    readonly monthsWithActivity: number;
    readonly monthsExpected: number;
    readonly provisional: boolean;
    readonly factorRefs: readonly string[];
    readonly warnings: readonly string[];
  };
  readonly label: WhatIfLabel;
}

export interface WhatIfResult {
  readonly enterpriseId: string;
  readonly period: string;
  readonly periodType: 'year' | 'rolling12';
  readonly months: readonly string[];
  readonly baseline: WhatIfSide;
  readonly scenario: WhatIfSide;
  readonly sources: readonly WhatIfSource[];
  readonly deltas: {
    readonly emissionsTco2e: string;
    /** Percent of the baseline, 2 decimals; null when the baseline is ≤ 0. */
    readonly emissionsPercent: string | null;
    readonly scope1Tco2e: string;
    readonly scope2Tco2e: string;
    readonly energyTce: string;
    readonly nonFossilElectricityMwh: string;
    readonly intensityPerValueAdded: string | null;
    readonly colour: { readonly from: LabelColour | null; readonly to: LabelColour | null; readonly change: 'better' | 'worse' | 'same' | 'not_comparable' };
  };
  readonly changes: readonly WhatIfAppliedChange[];
  readonly assumptions: readonly BilingualText[];
  /** Every reference value used (both sides, the label benchmarks, the changes), sorted. */
  readonly factorRefs: readonly string[];
  /** Those whose reference status is `unverified`: results that use them are provisional. */
  readonly provisionalFactorRefs: readonly string[];
  /** Fuels of the default factor set, for a fuel switch's target. */
  readonly fuelChoices: readonly { readonly id: string; readonly nameZh: string; readonly nameEn: string; readonly unit: string }[];
  /** The enterprise's own energy use over the period (baseline: fuel combustion, purchased and green electricity, purchased heat), for choosing a change. */
  readonly activities: readonly { readonly activity: string; readonly nameZh: string; readonly nameEn: string; readonly unit: string; readonly quantity: string }[];
}

type Line = Record<string, unknown>;
type MonthLines = { month: WhatIfMonth; lines: Line[] };

const HUNDRED = new ExactDecimal(100);
const QUANTITY_PLACES = 6;
const colourRank: Record<LabelColour, number> = { green: 1, yellow: 2, orange: 3, red: 4 };
const colourZh: Record<LabelColour, string> = { green: '绿', yellow: '黄', orange: '橙', red: '红' };
const energyTypes = new Set(['electricity_purchased', 'electricity_green', 'heat_purchased']);
const fixedNames: Record<string, { zh: string; en: string }> = {
  electricity_purchased: { zh: '外购电力', en: 'Purchased electricity' },
  electricity_green: { zh: '绿色电力', en: 'Green electricity' },
  electricity_exported: { zh: '输出电力', en: 'Exported electricity' },
  heat_purchased: { zh: '外购热力', en: 'Purchased heat' },
  heat_exported: { zh: '输出热力', en: 'Exported heat' },
  clinker: { zh: '熟料生产', en: 'Clinker production' },
  mass_balance: { zh: '碳质量平衡', en: 'Carbon mass balance' },
  all_energy: { zh: '全部能源消费', en: 'All energy use' },
};

/** 6 decimals half-up, never below zero (a plain string the engine accepts). */
const quantityText = (value: ExactDecimal): string => roundOut(value.isNegative() ? ZERO : value, QUANTITY_PLACES);
const d = (value: unknown): ExactDecimal => new ExactDecimal(String(value));
const fromEngine = (value: { toFixed(): string }): ExactDecimal => new ExactDecimal(value.toFixed());

/** Chinese and English names of a fuel row, from the factor set's record (the parsed row keeps no names). */
function fuelNames(library: ReferenceLibrary, fuelId: string): { zh: string; en: string } {
  const set = library.findFuelFactorSet(accountingDefaults.factorSet).value;
  const record = library.records.find((r) => r.kind === 'fuel_factor_set' && r.id === set.id && r.version === set.version);
  const rows = (record?.body['fuels'] ?? []) as readonly Record<string, unknown>[];
  const row = rows.find((r) => r['id'] === fuelId);
  return { zh: typeof row?.['nameZh'] === 'string' ? row['nameZh'] : fuelId, en: typeof row?.['nameEn'] === 'string' ? row['nameEn'] : fuelId };
}

/** The activity key of a line (also the source key of its emissions). */
function sourceOf(line: Line): string {
  const type = String(line['type']);
  if (type === 'fuel') return `${line['use'] === 'feedstock' ? 'fuel_feedstock' : 'fuel'}:${String(line['fuel'])}`;
  if (type === 'process') return `process:${String(line['material'])}`;
  if (type === 'direct_gas') return `direct_gas:${String(line['gas'])}`;
  return type;
}

function namesOf(library: ReferenceLibrary, key: string): { zh: string; en: string } {
  const fixed = fixedNames[key];
  if (fixed) return fixed;
  const [kind, id = ''] = key.split(':');
  if (kind === 'fuel') return fuelNames(library, id);
  if (kind === 'fuel_feedstock') {
    const n = fuelNames(library, id);
    return { zh: `${n.zh}（原料）`, en: `${n.en} (feedstock)` };
  }
  if (kind === 'process') return { zh: `工业过程 ${id}`, en: `Process: ${id}` };
  if (kind === 'direct_gas') return { zh: `直接排放 ${id}`, en: `Direct ${id}` };
  return { zh: key, en: key };
}

function scopeOf(key: string): WhatIfSource['scope'] {
  if (key === 'electricity_purchased' || key === 'electricity_green' || key === 'heat_purchased') return 'scope2';
  if (key === 'electricity_exported' || key === 'heat_exported') return 'exported';
  return 'scope1';
}

/** The engine's electricity units: MWh and kWh. */
function mwhOf(line: Line): ExactDecimal {
  const q = d(line['quantity']);
  return line['unit'] === 'kWh' ? q.dividedBy(1000) : q;
}

/** A percentage 0–100 as a fraction; records an issue and returns null when malformed or out of range. */
function percent(value: unknown, path: string, issues: WhatIfIssue[]): ExactDecimal | null {
  if (typeof value !== 'string' || !/^\d{1,3}(\.\d{1,4})?$/.test(value)) {
    issues.push({ path, code: 'out_of_range', message: `must be a percentage 0–100 with at most 4 decimals, got ${JSON.stringify(value)}` });
    return null;
  }
  const p = d(value);
  if (p.greaterThan(HUNDRED)) {
    issues.push({ path, code: 'out_of_range', message: `must be within 0–100, got ${value}` });
    return null;
  }
  return p.dividedBy(HUNDRED);
}

function positiveDecimal(value: unknown, path: string, issues: WhatIfIssue[], max?: ExactDecimal): ExactDecimal | null {
  if (typeof value !== 'string' || !/^\d{1,12}(\.\d{1,6})?$/.test(value)) {
    issues.push({ path, code: 'invalid_change', message: `must be a plain decimal with at most 6 decimals, got ${JSON.stringify(value)}` });
    return null;
  }
  const v = d(value);
  if (!v.greaterThan(0) || (max !== undefined && v.greaterThan(max))) {
    issues.push({ path, code: 'out_of_range', message: `must be greater than 0${max === undefined ? '' : ` and at most ${max.toFixed()}`}, got ${value}` });
    return null;
  }
  return v;
}

/** The fuel row of the default factor set, or an issue. */
function knownFuel(library: ReferenceLibrary, fuel: unknown, path: string, issues: WhatIfIssue[]) {
  if (typeof fuel !== 'string' || fuel.length === 0) {
    issues.push({ path, code: 'unknown_fuel', message: 'is required' });
    return null;
  }
  try {
    return library.findFuel({ factorSet: accountingDefaults.factorSet, fuel });
  } catch (error) {
    if (!(error instanceof ReferenceLookupError)) throw error;
    issues.push({ path, code: 'unknown_fuel', message: `${fuel} is not a fuel of factor set ${accountingDefaults.factorSet}` });
    return null;
  }
}

/** Σ quantity per (activity, unit) over the months, for the "moved" report. */
function totals(all: readonly MonthLines[], matches: (line: Line) => boolean): Map<string, ExactDecimal> {
  const sums = new Map<string, ExactDecimal>();
  for (const { lines } of all) {
    for (const line of lines) {
      if (!matches(line)) continue;
      // Electricity is reported in MWh whatever the line's unit.
      const electricity = String(line['type']).startsWith('electricity_');
      const key = `${sourceOf(line)}|${electricity ? 'MWh' : String(line['unit'])}`;
      sums.set(key, (sums.get(key) ?? ZERO).plus(electricity ? mwhOf(line) : d(line['quantity'])));
    }
  }
  return sums;
}

function movedBetween(before: Map<string, ExactDecimal>, after: Map<string, ExactDecimal>): WhatIfMovedQuantity[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys.map((key) => {
    const [activity = '', unit = ''] = key.split('|');
    const b = before.get(key) ?? ZERO;
    const a = after.get(key) ?? ZERO;
    return { activity, unit, before: roundOut(b, QUANTITY_PLACES), after: roundOut(a, QUANTITY_PLACES), delta: roundOut(a.minus(b), QUANTITY_PLACES) };
  });
}

const isCombustionOf = (fuel: string) => (line: Line) => line['type'] === 'fuel' && line['fuel'] === fuel && (line['use'] ?? 'combustion') === 'combustion';

function emissionsOf(lines: readonly Line[], library: ReferenceLibrary): ExactEmissions {
  return computeEmissions({ activities: lines }, library);
}

/** Applies one change to every month (mutating `all`); returns its report, or null after recording issues. */
function applyChange(options: { change: WhatIfChange; index: number; all: MonthLines[]; library: ReferenceLibrary; issues: WhatIfIssue[] }): WhatIfAppliedChange | null {
  const { change, index, all, library, issues } = options;
  const at = (field: string) => `changes.${index}.${field}`;
  const before = issues.length;

  if (change.kind === 'fuel_switch') {
    const fromRow = knownFuel(library, change.fromFuel, at('fromFuel'), issues);
    const toRow = knownFuel(library, change.toFuel, at('toFuel'), issues);
    const share = percent(change.sharePercent, at('sharePercent'), issues);
    const ratio = change.efficiencyRatio === undefined ? new ExactDecimal(1) : positiveDecimal(change.efficiencyRatio, at('efficiencyRatio'), issues, new ExactDecimal(5));
    if (fromRow && toRow && fromRow.value.id === toRow.value.id) issues.push({ path: at('toFuel'), code: 'invalid_change', message: 'must differ from fromFuel' });
    if (fromRow && !all.some(({ lines }) => lines.some(isCombustionOf(fromRow.value.id)))) {
      issues.push({ path: at('fromFuel'), code: 'activity_not_found', message: `the enterprise burns no ${change.fromFuel} in this period` });
    }
    if (issues.length > before || !fromRow || !toRow || !share || !ratio) return null;
    const tce = library.findStandardCoalFactor('tce_definition');
    const gjPerTce = d(tce.value.gjPerTce);
    const toNcv = d(toRow.value.ncvGjPerUnit);
    const matches = (line: Line) => isCombustionOf(fromRow.value.id)(line) || isCombustionOf(toRow.value.id)(line);
    const was = totals(all, matches);
    let fromTce = ZERO;
    let toTce = ZERO;
    const names = { from: fuelNames(library, fromRow.value.id), to: fuelNames(library, toRow.value.id) };
    for (const entry of all) {
      const taken: Line[] = [];
      entry.lines = entry.lines.map((line) => {
        if (!isCombustionOf(fromRow.value.id)(line)) return line;
        const q = d(line['quantity']);
        const kept = quantityText(q.times(new ExactDecimal(1).minus(share)));
        const moved = q.minus(d(kept));
        if (moved.greaterThan(0)) taken.push({ ...line, quantity: moved.toFixed() });
        return { ...line, quantity: kept };
      });
      if (taken.length === 0) continue;
      // The energy the removed quantity carried, as the engine computes it (the line's own NCV if measured).
      const takenTce = fromEngine(emissionsOf(taken, library).energyTce);
      const quantity = quantityText(takenTce.times(gjPerTce).times(ratio).dividedBy(toNcv));
      const added: Line = { type: 'fuel', fuel: toRow.value.id, quantity, unit: toRow.value.unit, note: `情景模拟：替代${names.from.zh}` };
      fromTce = fromTce.plus(takenTce);
      toTce = toTce.plus(fromEngine(emissionsOf([added], library).energyTce));
      entry.lines = [...entry.lines, added];
    }
    const sharePercent = roundOut(share.times(HUNDRED), 2);
    const ratioText = ratio.toFixed();
    return {
      index,
      kind: 'fuel_switch',
      change,
      description: {
        zh: `将${names.from.zh}的 ${sharePercent}% 按等有用能替换为${names.to.zh}（锅炉效率比 ${ratioText}）。`,
        en: `${sharePercent} % of ${names.from.en} replaced by ${names.to.en} at equal useful energy (boiler efficiency ratio ${ratioText}).`,
      },
      moved: movedBetween(was, totals(all, matches)),
      energy: { fromTce: roundOut(fromTce, 3), toTce: roundOut(toTce, 3) },
      assumptions: [
        {
          zh: `等有用能替代：${names.to.zh}热量 = 被替代${names.from.zh}热量（按引擎所用低位发热量）× 效率比 ${ratioText}（原锅炉效率 ÷ 新锅炉效率${change.efficiencyRatio === undefined ? '，未填写时按两者相同计' : ''}）；${names.to.zh}用量 = 热量 ÷ 缺省低位发热量 ${toRow.value.ncvGjPerUnit} GJ/${toRow.value.unit}。`,
          en: `Equal useful energy: energy of ${names.to.en} = energy of the ${names.from.en} removed (at the NCV the engine uses) × efficiency ratio ${ratioText} (old boiler efficiency ÷ new${change.efficiencyRatio === undefined ? '; none given, so equal' : ''}); quantity = energy ÷ default NCV ${toRow.value.ncvGjPerUnit} GJ/${toRow.value.unit}.`,
        },
      ],
      factorRefs: [fromRow.ref, toRow.ref, tce.ref],
    };
  }

  if (change.kind === 'green_electricity') {
    const hasMwh = change.mwh !== undefined && change.mwh !== null && change.mwh !== '';
    const hasShare = change.sharePercent !== undefined && change.sharePercent !== null && change.sharePercent !== '';
    if (hasMwh === hasShare) {
      issues.push({ path: at(hasMwh ? 'sharePercent' : 'mwh'), code: 'invalid_change', message: 'give either mwh or sharePercent, not both or neither' });
      return null;
    }
    const isPurchased = (line: Line) => line['type'] === 'electricity_purchased';
    const purchased = all.map(({ lines }) => lines.filter(isPurchased).reduce((sum, line) => sum.plus(mwhOf(line)), ZERO));
    const total = purchased.reduce((sum, p) => sum.plus(p), ZERO);
    if (!total.greaterThan(0)) {
      issues.push({ path: at(hasMwh ? 'mwh' : 'sharePercent'), code: 'activity_not_found', message: 'the enterprise purchased no grid electricity in this period' });
      return null;
    }
    let greenTotal: ExactDecimal;
    if (hasMwh) {
      const mwh = positiveDecimal(change.mwh, at('mwh'), issues);
      if (!mwh) return null;
      if (mwh.greaterThan(total)) {
        issues.push({ path: at('mwh'), code: 'exceeds_purchased', message: `${change.mwh} MWh is more than the ${roundOut(total, 3)} MWh purchased in the period` });
        return null;
      }
      greenTotal = mwh;
    } else {
      const share = percent(change.sharePercent, at('sharePercent'), issues);
      if (!share) return null;
      greenTotal = d(quantityText(total.times(share)));
    }
    const was = totals(all, (line) => isPurchased(line) || line['type'] === 'electricity_green');
    // Spread in proportion to each month's purchases; the last month with purchases takes the rounding remainder.
    const lastWithPurchases = purchased.reduce((last, p, i) => (p.greaterThan(0) ? i : last), -1);
    let assigned = ZERO;
    all.forEach((entry, i) => {
      const monthPurchased = purchased[i]!;
      if (!monthPurchased.greaterThan(0)) return;
      let green = i === lastWithPurchases ? greenTotal.minus(assigned) : d(quantityText(greenTotal.times(monthPurchased).dividedBy(total)));
      if (green.greaterThan(monthPurchased)) green = monthPurchased;
      if (green.isNegative()) green = ZERO;
      assigned = assigned.plus(green);
      if (green.isZero()) return;
      const lines = entry.lines.filter(isPurchased);
      let left = green;
      let seen = 0;
      entry.lines = entry.lines.map((line) => {
        if (!isPurchased(line)) return line;
        seen += 1;
        const mwh = mwhOf(line);
        const cut = seen === lines.length ? left : d(quantityText(green.times(mwh).dividedBy(monthPurchased)));
        const taken = cut.greaterThan(mwh) ? mwh : cut;
        left = left.minus(taken);
        const rest = mwh.minus(taken);
        return { ...line, quantity: quantityText(line['unit'] === 'kWh' ? rest.times(1000) : rest) };
      });
      entry.lines = [...entry.lines, { type: 'electricity_green', quantity: quantityText(green), unit: 'MWh', note: '情景模拟：绿色电力' }];
    });
    const greenText = roundOut(assigned, 3);
    const sharePercent = roundOut(assigned.times(HUNDRED).dividedBy(total), 2);
    return {
      index,
      kind: 'green_electricity',
      change,
      description: {
        zh: `外购电力中 ${greenText} MWh（${sharePercent}%）改为绿色电力。`,
        en: `${greenText} MWh (${sharePercent} %) of purchased electricity becomes green electricity.`,
      },
      moved: movedBetween(
        was,
        totals(all, (line) => isPurchased(line) || line['type'] === 'electricity_green'),
      ),
      energy: null,
      assumptions: [
        {
          zh: '绿色电力按核算引擎的绿电活动计：不计范围二排放，综合能耗不变，计入非化石电量；按各月外购电量比例分摊。',
          en: "Green electricity is the engine's green-power activity: no scope-2 emission, the same energy (tce), counted as non-fossil; spread over the months in proportion to their purchases.",
        },
      ],
      factorRefs: [],
    };
  }

  if (change.kind === 'efficiency') {
    const share = percent(change.reductionPercent, at('reductionPercent'), issues);
    const activity = change.activity;
    let matches: ((line: Line) => boolean) | null = null;
    if (activity === 'all_energy') {
      matches = (line) => (line['type'] === 'fuel' && (line['use'] ?? 'combustion') === 'combustion') || energyTypes.has(String(line['type']));
    } else if (typeof activity === 'string' && activity.startsWith('fuel:')) {
      const row = knownFuel(library, activity.slice(5), at('activity'), issues);
      if (row) matches = isCombustionOf(row.value.id);
    } else if (typeof activity === 'string' && energyTypes.has(activity)) {
      matches = (line) => line['type'] === activity;
    } else {
      issues.push({
        path: at('activity'),
        code: 'invalid_change',
        message: `must be all_energy, fuel:<id>, electricity_purchased, electricity_green or heat_purchased, got ${JSON.stringify(activity)}`,
      });
    }
    if (matches && !all.some(({ lines }) => lines.some(matches))) {
      issues.push({ path: at('activity'), code: 'activity_not_found', message: `the enterprise has no ${String(activity)} in this period` });
    }
    if (issues.length > before || !share || !matches) return null;
    const match = matches;
    const was = totals(all, match);
    const keep = new ExactDecimal(1).minus(share);
    for (const entry of all) entry.lines = entry.lines.map((line) => (match(line) ? { ...line, quantity: quantityText(d(line['quantity']).times(keep)) } : line));
    const names = namesOf(library, activity);
    const pct = roundOut(share.times(HUNDRED), 2);
    return {
      index,
      kind: 'efficiency',
      change,
      description: { zh: `${names.zh}减少 ${pct}%（节能改造）。`, en: `${names.en} reduced by ${pct} % (efficiency).` },
      moved: movedBetween(was, totals(all, match)),
      energy: null,
      assumptions: [
        { zh: '节能量按同比例减少相应活动数据计，产量与增加值不变。', en: 'An efficiency gain reduces the activity in proportion; output and value added stay as reported.' },
      ],
      factorRefs: [],
    };
  }

  issues.push({ path: at('kind'), code: 'invalid_change', message: `must be one of ${whatIfChangeKinds.join(', ')}, got ${JSON.stringify((change as { kind?: unknown }).kind)}` });
  return null;
}

/** Per-source exact sums of the engine's lines over the months. */
function sourceSums(all: readonly { lines: readonly Line[]; emissions: ExactEmissions }[]): Map<string, { tco2e: ExactDecimal; tce: ExactDecimal }> {
  const sums = new Map<string, { tco2e: ExactDecimal; tce: ExactDecimal }>();
  for (const { lines, emissions } of all) {
    for (const l of emissions.lines) {
      const key = sourceOf(lines[l.index]!);
      const s = sums.get(key) ?? { tco2e: ZERO, tce: ZERO };
      sums.set(key, { tco2e: s.tco2e.plus(fromEngine(l.tco2e)), tce: s.tce.plus(fromEngine(l.tce)) });
    }
  }
  return sums;
}

function statusOfRef(library: ReferenceLibrary, ref: string): ReferenceStatus | null {
  const match = /^([^@/]+)@(\d+)(?:\/(.+))?$/.exec(ref);
  if (!match) return null;
  const record = library.records.find((r) => r.id === match[1] && r.version === Number(match[2]));
  if (!record) return null;
  if (match[3] !== undefined && record.kind === 'fuel_factor_set') {
    const rows = (record.body['fuels'] ?? []) as readonly Record<string, unknown>[];
    const row = rows.find((r) => r['id'] === match[3]);
    if (row && isUnverified(row['status'] as ReferenceStatus)) return 'unverified';
  }
  return record.status;
}

/** The enterprise's figures and label on one side. */
function side(options: {
  enterpriseId: string;
  period: string;
  industryClass: string;
  months: readonly { month: WhatIfMonth; lines: readonly Line[]; emissions: ExactEmissions; production: readonly MonthlyProduction[] }[];
  peers: readonly PeerFigures[];
  library: ReferenceLibrary;
}): { side: WhatIfSide; account: AccountFigures } {
  const account = accountFigures({
    period: options.period,
    industryClass: options.industryClass,
    months: options.months.map((m) =>
      monthlyFiguresFromEmissions({
        month: m.month.month,
        emissions: m.emissions,
        production: m.production,
        outputValue10kCny: m.month.outputValue10kCny,
        valueAdded10kCny: m.month.valueAdded10kCny,
        quality: m.month.quality,
      }),
    ),
  });
  const own = peerFiguresOf({ enterpriseId: options.enterpriseId, industryClass: options.industryClass, account });
  const peers = [...options.peers.filter((p) => p.enterpriseId !== options.enterpriseId), own];
  const industry = industryAverage({ industryClass: options.industryClass, peers });
  const drafted = draftEnterpriseLabel({ account, industry, library: options.library });
  const methods = (drafted.ok ? drafted.result.methods : drafted.methods).map((m) => ({
    method: m.method,
    applicable: m.applicable,
    colour: m.colour ?? null,
    reason: m.reason,
    ratio: m.ratio ?? null,
    benchmarkRef: m.benchmarkRef ?? null,
  }));
  const label: WhatIfLabel = {
    colour: drafted.ok ? drafted.result.colour : null,
    provisional: drafted.ok ? drafted.result.provisional || account.provisional : account.provisional,
    reason: drafted.ok ? { zh: drafted.result.methods.map((m) => m.reason.zh).join(' '), en: drafted.result.methods.map((m) => m.reason.en).join(' ') } : drafted.reason,
    methods,
    notes: drafted.notes,
    industryAverage: { level: industry.level, code: industry.code, peerCount: industry.peerCount, averageIntensity: industry.averageIntensity },
  };
  const emissions = d(account.emissionsTco2e);
  const single = account.products.length === 1;
  return {
    account,
    side: {
      figures: {
        emissionsTco2e: account.emissionsTco2e,
        emissionsBasis: account.emissionsBasis,
        scope1Tco2e: account.scope1Tco2e,
        scope2Tco2e: account.scope2Tco2e,
        exportedTco2e: account.exportedTco2e,
        grossTco2e: account.grossTco2e,
        energyTce: account.energyTce,
        nonFossilElectricityMwh: account.nonFossilElectricityMwh,
        valueAdded10kCny: account.valueAdded10kCny,
        intensityPerValueAdded: account.intensityPerValueAdded,
        energyPerValueAdded: account.energyPerValueAdded,
        products: account.products.map((p) => ({
          productId: p.productId,
          unit: p.unit,
          output: p.output,
          benchmarkId: p.benchmarkId,
          unitEnergyConsumption: p.unitEnergyConsumption,
          estimated: p.estimated,
          tco2ePerUnit: single && d(p.output).greaterThan(0) ? roundOut(emissions.dividedBy(d(p.output)), 6) : null,
        })),
        monthsWithActivity: account.completeness.monthsWithActivity,
        monthsExpected: account.completeness.monthsExpected,
        provisional: account.provisional,
        factorRefs: account.factorRefs,
        warnings: account.warnings,
      },
      label,
    },
  };
}

function difference(a: string | null, b: string | null, places: number): string | null {
  return a === null || b === null ? null : roundOut(d(b).minus(d(a)), places);
}

/** See the module comment. Throws WhatIfError listing every bad field; nothing is half-applied (the input is never mutated). */
export function whatIf(options: WhatIfOptions): WhatIfResult {
  const { library } = options;
  let period;
  try {
    period = parsePeriod(options.period);
  } catch (error) {
    if (error instanceof PeriodError) throw new WhatIfError([{ path: 'period', code: 'invalid_period', message: error.message }]);
    throw error;
  }
  if (period.type !== 'year' && period.type !== 'rolling12') {
    throw new WhatIfError([
      { path: 'period', code: 'invalid_period', message: `a what-if runs on a label period: a year (2024) or a rolling 12 months (2025-01R12), got ${period.key}` },
    ]);
  }
  const inPeriod = new Set(period.months);
  const months = options.months.filter((m) => inPeriod.has(m.month)).sort((a, b) => (a.month < b.month ? -1 : 1));
  if (months.length === 0) throw new WhatIfError([{ path: 'period', code: 'no_data', message: `the enterprise has no monthly data in ${period.key}` }]);
  if (!Array.isArray(options.changes)) throw new WhatIfError([{ path: 'changes', code: 'invalid_change', message: 'must be a list' }]);

  const baselineLines: MonthLines[] = months.map((month) => ({ month, lines: month.activities.map((a) => ({ ...a })) }));
  const scenarioLines: MonthLines[] = months.map((month) => ({ month, lines: month.activities.map((a) => ({ ...a })) }));
  const issues: WhatIfIssue[] = [];
  const applied: WhatIfAppliedChange[] = [];
  options.changes.forEach((change, index) => {
    if (typeof change !== 'object' || change === null) {
      issues.push({ path: `changes.${index}`, code: 'invalid_change', message: 'must be an object' });
      return;
    }
    const report = applyChange({ change, index, all: scenarioLines, library, issues });
    if (report) applied.push(report);
  });
  if (issues.length > 0) throw new WhatIfError(issues);

  const run = (all: readonly MonthLines[]) =>
    all.map(({ month, lines }) => {
      try {
        return { month, lines, emissions: emissionsOf(lines, library) };
      } catch (error) {
        if (error instanceof AccountingInputError) {
          throw new WhatIfError([{ path: `months.${month.month}.activities${error.index === null ? '' : `.${error.index}`}`, code: 'invalid_change', message: error.message }]);
        }
        throw error;
      }
    });
  const baseRuns = run(baselineLines);
  const scenRuns = run(scenarioLines);
  // Reported unit energy consumption follows the site's energy: scaled by the month's scenario ÷ baseline tce.
  const scenWithProduction = scenRuns.map((r, i) => {
    const baseTce = fromEngine(baseRuns[i]!.emissions.energyTce);
    const scenTce = fromEngine(r.emissions.energyTce);
    const production = r.month.production.map((p) =>
      p.unitEnergyConsumption === null || p.unitEnergyConsumption === undefined || !baseTce.greaterThan(0) || baseTce.equals(scenTce)
        ? p
        : { ...p, unitEnergyConsumption: roundOut(d(p.unitEnergyConsumption).times(scenTce).dividedBy(baseTce), 4) },
    );
    return { ...r, production };
  });
  const common = { enterpriseId: options.enterpriseId, period: period.key, industryClass: options.industryClass, peers: options.peers, library };
  const baseline = side({ ...common, months: baseRuns.map((r) => ({ ...r, production: r.month.production })) });
  const scenario = side({ ...common, months: scenWithProduction });

  const baseSources = sourceSums(baseRuns);
  const scenSources = sourceSums(scenRuns);
  const sources: WhatIfSource[] = [...new Set([...baseSources.keys(), ...scenSources.keys()])].map((source) => {
    const b = baseSources.get(source) ?? { tco2e: ZERO, tce: ZERO };
    const s = scenSources.get(source) ?? { tco2e: ZERO, tce: ZERO };
    const names = namesOf(library, source);
    return {
      source,
      nameZh: names.zh,
      nameEn: names.en,
      scope: scopeOf(source),
      baselineTco2e: roundOut(b.tco2e, 3),
      scenarioTco2e: roundOut(s.tco2e, 3),
      deltaTco2e: roundOut(s.tco2e.minus(b.tco2e), 3),
      baselineTce: roundOut(b.tce, 3),
      scenarioTce: roundOut(s.tce, 3),
    };
  });

  const bf = baseline.side.figures;
  const sf = scenario.side.figures;
  const from = baseline.side.label.colour;
  const to = scenario.side.label.colour;
  const colourChange = from === null || to === null ? 'not_comparable' : colourRank[to] < colourRank[from] ? 'better' : colourRank[to] > colourRank[from] ? 'worse' : 'same';
  const baseEmissions = d(bf.emissionsTco2e);

  const refs = new Set<string>([
    ...bf.factorRefs,
    ...sf.factorRefs,
    ...applied.flatMap((c) => c.factorRefs),
    ...[baseline.side.label, scenario.side.label].flatMap((l) => l.methods.flatMap((m) => (m.benchmarkRef ? [m.benchmarkRef] : []))),
  ]);
  const factorRefs = [...refs].sort();
  const fuelSet = library.findFuelFactorSet(accountingDefaults.factorSet).value;
  const activityTotals = totals(baselineLines, (line) => (line['type'] === 'fuel' && (line['use'] ?? 'combustion') === 'combustion') || energyTypes.has(String(line['type'])));

  return {
    enterpriseId: options.enterpriseId,
    period: period.key,
    periodType: period.type,
    months: months.map((m) => m.month),
    baseline: baseline.side,
    scenario: scenario.side,
    sources,
    deltas: {
      emissionsTco2e: roundOut(d(sf.emissionsTco2e).minus(baseEmissions), 3),
      emissionsPercent: baseEmissions.greaterThan(0) ? roundOut(d(sf.emissionsTco2e).minus(baseEmissions).times(HUNDRED).dividedBy(baseEmissions), 2) : null,
      scope1Tco2e: roundOut(d(sf.scope1Tco2e).minus(d(bf.scope1Tco2e)), 3),
      scope2Tco2e: roundOut(d(sf.scope2Tco2e).minus(d(bf.scope2Tco2e)), 3),
      energyTce: roundOut(d(sf.energyTce).minus(d(bf.energyTce)), 3),
      nonFossilElectricityMwh: roundOut(d(sf.nonFossilElectricityMwh).minus(d(bf.nonFossilElectricityMwh)), 3),
      intensityPerValueAdded: difference(bf.intensityPerValueAdded, sf.intensityPerValueAdded, 6),
      colour: { from, to, change: colourChange },
    },
    changes: applied,
    assumptions: [
      {
        zh: `模拟结果不保存。基准与情景均按已发布参考库经同一核算引擎、碳账户汇总与贴标规则计算；行业平均值以本企业的基准或情景数值替换其自身后重算（共 ${baseline.side.label.industryAverage.peerCount} 家同行）。情景数量保留 6 位小数；产品单位能耗按当月综合能耗比例折算，产量、产值与增加值不变。`,
        en: `Nothing is saved. Baseline and scenario go through the same accounting engine, account figures and label rules with the published reference library; the industry average is recomputed with the enterprise's own baseline or scenario figures in its place (${baseline.side.label.industryAverage.peerCount} peers). Scenario quantities keep 6 decimals; product unit energy consumption is scaled by the month's site energy; output, output value and value added are unchanged.`,
      },
      ...(from !== null && to !== null
        ? []
        : [{ zh: '至少一方无适用的评价方法，颜色不可比。', en: 'At least one side has no applicable label method; colours are not comparable.' }]),
      ...(from !== null && to !== null && from !== to ? [{ zh: `标识由${colourZh[from]}变为${colourZh[to]}。`, en: `The label changes from ${from} to ${to}.` }] : []),
    ],
    factorRefs,
    provisionalFactorRefs: factorRefs.filter((ref) => {
      const status = statusOfRef(library, ref);
      return status !== null && isUnverified(status);
    }),
    fuelChoices: fuelSet.fuels.map((f) => {
      const n = fuelNames(library, f.id);
      return { id: f.id, nameZh: n.zh, nameEn: n.en, unit: f.unit };
    }),
    activities: [...activityTotals.entries()].map(([key, quantity]) => {
      const [activity = '', unit = ''] = key.split('|');
      const n = namesOf(library, activity);
      return { activity, nameZh: n.zh, nameEn: n.en, unit, quantity: roundOut(quantity, 3) };
    }),
  };
}
