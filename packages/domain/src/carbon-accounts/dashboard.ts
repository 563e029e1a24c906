/**
 * Carbon-account dashboards (碳账户看板) for the commission, the ecology bureau and county
 * governments, computed from one row per enterprise and from monthly sums — no I/O.
 *
 * - `dashboardEnterprises`: the enterprise list under filters (area, GB/T 4754 division or the
 *   platform's sector, colour of the official or monitoring label, completeness, provisional,
 *   provincial-versus-city conflict, a name/USCC search), ordered by enterprise id.
 * - `colourDistribution`: counts by colour per area or per division, with the previous year's
 *   official counts and how many enterprises improved (towards green) or worsened (towards red).
 * - `colourChanges`: the enterprises whose official colour differs from the previous year's.
 * - `emissionTrend`: emissions (tCO2e) and intensity (tCO2e/万元 value added) per month over the
 *   last 24 months and per year. Intensity is Σ emissions ÷ Σ value added over the enterprise-months
 *   that reported value added — never an average of the enterprises' ratios.
 * - `completenessByArea`: months submitted ÷ months expected per area, and the incomplete enterprises.
 * - `colourConflicts`: enterprises whose provincial list colour differs from the published city colour.
 *
 * Decimals are exact (decimal.js) and rounded half away from zero only on output: tCO2e to 3
 * places, 万元 (10^4 CNY) to 4, intensities to 6, shares to 4.
 *
 * @example
 * const list = dashboardEnterprises({ rows, filters: { colour: 'red', areaId: 'zoucheng' }, monthsExpected: 12 });
 * const byArea = colourDistribution({ enterprises: dashboardEnterprises({ rows, filters: {}, monthsExpected: 12 }), by: 'area' });
 */
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { parseDecimal, roundOut, ZERO, type ExactDecimal } from './exact-decimal.ts';
import { industryClassOf } from './industry-classes.ts';
import { monthsBetween } from './periods.ts';

export const dashboardColours = ['green', 'yellow', 'orange', 'red'] as const;
export type DashboardColour = (typeof dashboardColours)[number];
/** A colour, or 'none' for an enterprise without a label (or whose label has no colour). */
export type DashboardColourKey = DashboardColour | 'none';
export const dashboardColourKeys: readonly DashboardColourKey[] = [...dashboardColours, 'none'];
export type DashboardLabelSource = 'official' | 'monitoring';

/** Units of the dashboard's figures, to be shown with them. */
export const dashboardUnits = Object.freeze({ emissions: 'tCO2e', intensity: 'tCO2e/万元', valueAdded: '万元' });

/** One enterprise as the database gives it, for one year. */
export interface DashboardEnterpriseRow {
  readonly enterpriseId: string;
  readonly nameZh: string;
  readonly nameEn: string | null;
  readonly uscc: string | null;
  readonly areaId: string;
  /** The platform's sector grouping (organisations.sector, e.g. 'coal_power'); null when not set. */
  readonly sector: string | null;
  /** GB/T 4754-2017 class, 4 digits. */
  readonly industryClass: string;
  /** The published official colour of the year; null without one (or with a colourless label). */
  readonly officialColour: DashboardColour | null;
  /** The published official label of the year was decided on provisional factors; null without a label. */
  readonly officialProvisional: boolean | null;
  /** The published official colour of the previous year. */
  readonly previousColour: DashboardColour | null;
  /** The current monitoring label's colour (latest rolling 12 months). */
  readonly monitoringColour: DashboardColour | null;
  /** The enterprise is on the provincial list of the year. */
  readonly provincialListed: boolean;
  /** The provincial list's colour tag; null when listed without a colour or not listed. */
  readonly provincialColour: DashboardColour | null;
  /** Months of the year with a result. */
  readonly monthsSubmitted: number;
  /** Months of the year with value added reported. */
  readonly monthsWithValueAdded: number;
  /** The annual account's total, tCO2e (decimal string); null without an annual account. */
  readonly emissionsTco2e: string | null;
  /** Σ value added of the year's months, 万元; null when no month reported it. */
  readonly valueAdded10kCny: string | null;
  /** The annual account used provisional factors. */
  readonly accountProvisional: boolean;
}

export interface DashboardFilters {
  readonly areaId?: string;
  /** GB/T 4754 division (大类), 2 digits. */
  readonly division?: string;
  /** The platform's sector id. */
  readonly sector?: string;
  readonly colour?: DashboardColourKey;
  /** Which label `colour` refers to; default official. */
  readonly labelSource?: DashboardLabelSource;
  readonly complete?: boolean;
  readonly provisional?: boolean;
  readonly conflict?: boolean;
  /** Part of the Chinese or English name, or of the USCC (case-insensitive). */
  readonly q?: string;
}

export type ColourChange = 'improved' | 'worsened' | 'unchanged' | 'new' | 'dropped';

/** An enterprise with what the dashboard derives for it. */
export interface DashboardEnterprise extends DashboardEnterpriseRow {
  readonly division: string;
  readonly divisionNameZh: string | null;
  /** The colour of the label source asked for. */
  readonly colour: DashboardColour | null;
  /** Official colour against the previous year's; null when neither year has one. */
  readonly change: ColourChange | null;
  /** The provincial list's colour and the published city colour both exist and differ. */
  readonly conflict: boolean;
  readonly monthsExpected: number;
  readonly complete: boolean;
  /** The official label or the annual account rests on provisional factors. */
  readonly provisional: boolean;
  /** Emissions ÷ value added, tCO2e/万元, 6 decimals; null unless every submitted month reported value added and Σ > 0. */
  readonly intensity: string | null;
  /** emissionsTco2e rounded to 3 decimals. */
  readonly emissions: string | null;
}

/** Green best (0) … red worst (3). */
const rank: Readonly<Record<DashboardColour, number>> = { green: 0, yellow: 1, orange: 2, red: 3 };

function colourChange(previous: DashboardColour | null, current: DashboardColour | null): ColourChange | null {
  if (previous === null && current === null) return null;
  if (previous === null) return 'new';
  if (current === null) return 'dropped';
  const d = rank[current] - rank[previous];
  return d < 0 ? 'improved' : d > 0 ? 'worsened' : 'unchanged';
}

/** Months of `year` that should have data when `asOfMonth` (YYYY-MM) is the latest complete month: 12, fewer, or 0. */
export function monthsExpectedIn(options: { readonly year: number; readonly asOfMonth: string }): number {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.asOfMonth))
    throw new CarbonAccountInputError({ path: 'asOfMonth', message: `must be YYYY-MM, got ${JSON.stringify(options.asOfMonth)}` });
  const asOfYear = Number(options.asOfMonth.slice(0, 4));
  if (options.year < asOfYear) return 12;
  if (options.year > asOfYear) return 0;
  return Number(options.asOfMonth.slice(5, 7));
}

/** The row with its derived fields (division, colour of the source, change, conflict, completeness, intensity). */
export function describeEnterprise(options: {
  readonly row: DashboardEnterpriseRow;
  readonly monthsExpected: number;
  readonly labelSource?: DashboardLabelSource;
}): DashboardEnterprise {
  const { row, monthsExpected } = options;
  const cls = industryClassOf(row.industryClass);
  const emissions = row.emissionsTco2e === null ? null : scaled(row.emissionsTco2e, `${row.enterpriseId}.emissionsTco2e`);
  const valueAdded = row.valueAdded10kCny === null ? null : scaled(row.valueAdded10kCny, `${row.enterpriseId}.valueAdded10kCny`);
  const intensity =
    emissions !== null && valueAdded !== null && valueAdded.units > 0n && row.monthsSubmitted > 0 && row.monthsWithValueAdded === row.monthsSubmitted
      ? divideRounded({ numerator: emissions, denominator: valueAdded, places: 6 })
      : null;
  return {
    ...row,
    division: row.industryClass.slice(0, 2),
    divisionNameZh: cls?.divisionNameZh ?? null,
    colour: (options.labelSource ?? 'official') === 'official' ? row.officialColour : row.monitoringColour,
    change: colourChange(row.previousColour, row.officialColour),
    conflict: row.provincialColour !== null && row.officialColour !== null && row.provincialColour !== row.officialColour,
    monthsExpected,
    complete: row.monthsSubmitted >= monthsExpected,
    provisional: row.officialProvisional === true || row.accountProvisional,
    intensity,
    emissions: emissions === null ? null : divideRounded({ numerator: emissions, denominator: { units: 1n, scale: 0 }, places: 3 }),
  };
}

/**
 * A plain decimal string as an integer and a power of ten (`'12.50'` → 1250 × 10^-2). The list
 * works on BigInt rather than decimal.js: one division per enterprise at 100 significant digits
 * costs more than everything else the dashboard does with 10,000 enterprises, and the result is
 * the same exact, half-away-from-zero rounded figure.
 */
interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(value: string, path: string): Scaled {
  parseDecimal(value, path); // the same rules as everywhere else (plain, at most 18 + 60 digits)
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

/** numerator ÷ denominator rounded half away from zero to `places` decimals (denominator ≠ 0). */
function divideRounded(options: { numerator: Scaled; denominator: Scaled; places: number }): string {
  const { numerator: n, denominator: d, places } = options;
  // n.units/10^n.scale ÷ d.units/10^d.scale × 10^places = n.units × 10^(d.scale + places) ÷ (d.units × 10^n.scale)
  let top = n.units * 10n ** BigInt(d.scale + places);
  let bottom = d.units * 10n ** BigInt(n.scale);
  if (bottom < 0n) {
    top = -top;
    bottom = -bottom;
  }
  const negative = top < 0n;
  const abs = negative ? -top : top;
  let q = abs / bottom;
  if ((abs % bottom) * 2n >= bottom) q += 1n;
  const digits = q.toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative && q !== 0n ? `-${text}` : text;
}

function matches(e: DashboardEnterprise, f: DashboardFilters): boolean {
  if (f.areaId !== undefined && e.areaId !== f.areaId) return false;
  if (f.division !== undefined && e.division !== f.division) return false;
  if (f.sector !== undefined && e.sector !== f.sector) return false;
  if (f.colour !== undefined && (e.colour ?? 'none') !== f.colour) return false;
  if (f.complete !== undefined && e.complete !== f.complete) return false;
  if (f.provisional !== undefined && e.provisional !== f.provisional) return false;
  if (f.conflict !== undefined && e.conflict !== f.conflict) return false;
  if (f.q !== undefined && f.q.trim() !== '') {
    const q = f.q.trim().toLowerCase();
    if (![e.nameZh, e.nameEn ?? '', e.uscc ?? '', e.enterpriseId].some((s) => s.toLowerCase().includes(q))) return false;
  }
  return true;
}

/** The filtered enterprises, ordered by enterprise id. */
export function dashboardEnterprises(options: {
  readonly rows: readonly DashboardEnterpriseRow[];
  readonly filters: DashboardFilters;
  readonly monthsExpected: number;
}): DashboardEnterprise[] {
  const labelSource = options.filters.labelSource ?? 'official';
  return options.rows
    .map((row) => describeEnterprise({ row, monthsExpected: options.monthsExpected, labelSource }))
    .filter((e) => matches(e, options.filters))
    .sort((a, b) => compare(a.enterpriseId, b.enterpriseId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ColourCounts = Record<DashboardColourKey, number>;
const emptyCounts = (): ColourCounts => ({ green: 0, yellow: 0, orange: 0, red: 0, none: 0 });

export interface ColourDistributionRow {
  /** Area id or division code. */
  readonly key: string;
  /** Division name (GB/T 4754) for `by: 'division'`; null for areas (the caller names them). */
  readonly nameZh: string | null;
  /** Colours of the label source of the enterprises. */
  readonly counts: ColourCounts;
  readonly total: number;
  /** Official colours of the previous year of the same enterprises. */
  readonly previous: ColourCounts;
  readonly improved: number;
  readonly worsened: number;
}

/** Counts by colour per area or per division, keys in ascending order. */
export function colourDistribution(options: { readonly enterprises: readonly DashboardEnterprise[]; readonly by: 'area' | 'division' }): ColourDistributionRow[] {
  const groups = new Map<string, { nameZh: string | null; counts: ColourCounts; previous: ColourCounts; improved: number; worsened: number; total: number }>();
  for (const e of options.enterprises) {
    const key = options.by === 'area' ? e.areaId : e.division;
    let g = groups.get(key);
    if (!g) {
      g = { nameZh: options.by === 'division' ? e.divisionNameZh : null, counts: emptyCounts(), previous: emptyCounts(), improved: 0, worsened: 0, total: 0 };
      groups.set(key, g);
    }
    g.counts[e.colour ?? 'none'] += 1;
    g.previous[e.previousColour ?? 'none'] += 1;
    g.total += 1;
    if (e.change === 'improved') g.improved += 1;
    if (e.change === 'worsened') g.worsened += 1;
  }
  return [...groups.entries()].sort(([a], [b]) => compare(a, b)).map(([key, g]) => ({ key, ...g }));
}

/** Sums over the rows of `colourDistribution`. */
export function colourTotals(rows: readonly ColourDistributionRow[]): { counts: ColourCounts; previous: ColourCounts; total: number; improved: number; worsened: number } {
  const counts = emptyCounts();
  const previous = emptyCounts();
  let total = 0;
  let improved = 0;
  let worsened = 0;
  for (const r of rows) {
    for (const k of dashboardColourKeys) {
      counts[k] += r.counts[k];
      previous[k] += r.previous[k];
    }
    total += r.total;
    improved += r.improved;
    worsened += r.worsened;
  }
  return { counts, previous, total, improved, worsened };
}

/** Enterprises whose official colour changed against the previous year (improved, worsened, new, dropped): worsened first, then improved, new, dropped; by id within each. */
export function colourChanges(enterprises: readonly DashboardEnterprise[]): DashboardEnterprise[] {
  const order: Record<ColourChange, number> = { worsened: 0, improved: 1, new: 2, dropped: 3, unchanged: 4 };
  return enterprises.filter((e) => e.change !== null && e.change !== 'unchanged').sort((a, b) => order[a.change!] - order[b.change!] || compare(a.enterpriseId, b.enterpriseId));
}

/** Sums over the enterprise-months of one month (or one year): SQL sums of exact numerics, as decimal strings. */
export interface MonthSum {
  /** YYYY-MM. */
  readonly month: string;
  /** Σ emissions of every enterprise-month, tCO2e. */
  readonly emissionsTco2e: string;
  /** Σ emissions of the enterprise-months that reported value added, tCO2e (the intensity's numerator). */
  readonly emissionsWithValueAddedTco2e: string;
  /** Σ value added, 万元; '0' when none reported. */
  readonly valueAdded10kCny: string;
  /** Enterprises with a result that month. */
  readonly enterprises: number;
}

export interface TrendPoint {
  /** YYYY-MM or YYYY. */
  readonly period: string;
  /** tCO2e, 3 decimals. */
  readonly emissionsTco2e: string;
  /** 万元, 4 decimals. */
  readonly valueAdded10kCny: string;
  /** tCO2e/万元, 6 decimals: Σ emissions ÷ Σ value added over the enterprise-months with value added; null when Σ value added ≤ 0. */
  readonly intensity: string | null;
  /** Enterprises with data (for a year: the largest monthly count). */
  readonly enterprises: number;
}

export interface EmissionTrend {
  readonly units: typeof dashboardUnits;
  /** The `months` months ending with `endMonth`, oldest first; months without data show zeros and a null intensity. */
  readonly monthly: readonly TrendPoint[];
  /** Every year with data, oldest first. */
  readonly yearly: readonly TrendPoint[];
}

interface Acc {
  emissions: ExactDecimal;
  numerator: ExactDecimal;
  valueAdded: ExactDecimal;
  enterprises: number;
}

function point(period: string, acc: Acc): TrendPoint {
  return {
    period,
    emissionsTco2e: roundOut(acc.emissions, 3),
    valueAdded10kCny: roundOut(acc.valueAdded, 4),
    intensity: acc.valueAdded.gt(0) ? roundOut(acc.numerator.div(acc.valueAdded), 6) : null,
    enterprises: acc.enterprises,
  };
}

/** Monthly points over the last `months` (default 24) months ending with `endMonth`, and yearly points of every year in `sums`. */
export function emissionTrend(options: { readonly sums: readonly MonthSum[]; readonly endMonth: string; readonly months?: number }): EmissionTrend {
  const count = options.months ?? 24;
  if (!Number.isInteger(count) || count < 1 || count > 120) throw new CarbonAccountInputError({ path: 'months', message: 'must be a whole number from 1 to 120' });
  const [y, m] = options.endMonth.split('-').map(Number) as [number, number];
  const startIndex = y * 12 + (m - 1) - (count - 1);
  const start = `${Math.floor(startIndex / 12)}-${String((startIndex % 12) + 1).padStart(2, '0')}`;
  const window = monthsBetween(start, options.endMonth);
  const byMonth = new Map<string, Acc>();
  const byYear = new Map<string, Acc>();
  options.sums.forEach((s, i) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(s.month)) throw new CarbonAccountInputError({ path: `sums[${i}].month`, message: `must be YYYY-MM, got ${JSON.stringify(s.month)}` });
    if (byMonth.has(s.month)) throw new CarbonAccountInputError({ path: `sums[${i}].month`, message: `repeated month ${s.month}` });
    const acc: Acc = {
      emissions: parseDecimal(s.emissionsTco2e, `sums[${i}].emissionsTco2e`),
      numerator: parseDecimal(s.emissionsWithValueAddedTco2e, `sums[${i}].emissionsWithValueAddedTco2e`),
      valueAdded: parseDecimal(s.valueAdded10kCny, `sums[${i}].valueAdded10kCny`),
      enterprises: s.enterprises,
    };
    byMonth.set(s.month, acc);
    const year = s.month.slice(0, 4);
    const ya = byYear.get(year) ?? { emissions: ZERO, numerator: ZERO, valueAdded: ZERO, enterprises: 0 };
    byYear.set(year, {
      emissions: ya.emissions.plus(acc.emissions),
      numerator: ya.numerator.plus(acc.numerator),
      valueAdded: ya.valueAdded.plus(acc.valueAdded),
      enterprises: Math.max(ya.enterprises, acc.enterprises),
    });
  });
  const none: Acc = { emissions: ZERO, numerator: ZERO, valueAdded: ZERO, enterprises: 0 };
  return {
    units: dashboardUnits,
    monthly: window.map((month) => point(month, byMonth.get(month) ?? none)),
    yearly: [...byYear.entries()].sort(([a], [b]) => compare(a, b)).map(([year, acc]) => point(year, acc)),
  };
}

export interface CompletenessRow {
  readonly areaId: string;
  readonly enterprises: number;
  readonly completeEnterprises: number;
  readonly monthsSubmitted: number;
  readonly monthsExpected: number;
  /** monthsSubmitted ÷ monthsExpected (each enterprise's months capped at the expected number), 4 decimals; null when nothing is expected. */
  readonly share: string | null;
}

/** Months submitted ÷ expected per area, and the incomplete enterprises (fewest months first, then by id). */
export function completenessByArea(enterprises: readonly DashboardEnterprise[]): { byArea: CompletenessRow[]; total: CompletenessRow; incomplete: DashboardEnterprise[] } {
  const groups = new Map<string, { enterprises: number; completeEnterprises: number; monthsSubmitted: number; monthsExpected: number }>();
  const total = { enterprises: 0, completeEnterprises: 0, monthsSubmitted: 0, monthsExpected: 0 };
  for (const e of enterprises) {
    const g = groups.get(e.areaId) ?? { enterprises: 0, completeEnterprises: 0, monthsSubmitted: 0, monthsExpected: 0 };
    for (const acc of [g, total]) {
      acc.enterprises += 1;
      acc.completeEnterprises += e.complete ? 1 : 0;
      acc.monthsSubmitted += Math.min(e.monthsSubmitted, e.monthsExpected);
      acc.monthsExpected += e.monthsExpected;
    }
    groups.set(e.areaId, g);
  }
  const share = (s: number, x: number) => (x === 0 ? null : roundOut(parseDecimal(String(s), 'monthsSubmitted').div(x), 4));
  return {
    byArea: [...groups.entries()].sort(([a], [b]) => compare(a, b)).map(([areaId, g]) => ({ areaId, ...g, share: share(g.monthsSubmitted, g.monthsExpected) })),
    total: { areaId: '', ...total, share: share(total.monthsSubmitted, total.monthsExpected) },
    incomplete: enterprises.filter((e) => !e.complete).sort((a, b) => a.monthsSubmitted - b.monthsSubmitted || compare(a.enterpriseId, b.enterpriseId)),
  };
}

/** Enterprises whose provincial list colour differs from the published city colour, by id. */
export function colourConflicts(enterprises: readonly DashboardEnterprise[]): DashboardEnterprise[] {
  return enterprises.filter((e) => e.conflict).sort((a, b) => compare(a.enterpriseId, b.enterpriseId));
}
