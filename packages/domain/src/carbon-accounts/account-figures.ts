/**
 * An enterprise's carbon-account figures for one period (issue "Carbon accounts 2/3"): the exact
 * sum of its monthly figures, the account total (gross emissions for power generation, net
 * otherwise), intensities per 10^4 CNY of value added and output value, product output and unit
 * energy consumption, year-on-year change, completeness and data quality.
 *
 * Sums are exact, divisions come last, and figures are rounded half away from zero only at output:
 * tonnes and tce to 3 decimals, intensities to 6, unit energy consumption to 4, percentages and
 * shares to 2 and 4. Pure: the caller loads the months (e.g. from `monthlyFiguresFromEmissions`).
 *
 * @example accountFigures({ period: '2024', industryClass: '3011', months }).emissionsTco2e
 */
import type { ExactEmissions } from '../accounting/calculate-emissions.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { ExactDecimal, parseDecimal, roundOut, ZERO } from './exact-decimal.ts';
import { isPowerGeneration } from './industry-classes.ts';
import { parsePeriod, PeriodError, previousYearPeriod, type Period, type PeriodType } from './periods.ts';

/** How a month's figures were obtained, from least to most reliable. */
export type DataQuality = 'reported' | 'utility_metered' | 'verified';
export const dataQualities: readonly DataQuality[] = ['reported', 'utility_metered', 'verified'];

export interface MonthlyProduction {
  readonly productId: string;
  /** In `unit`, ≥ 0. */
  readonly output: string;
  /** e.g. 't', 'MWh', 'unit'. */
  readonly unit: string;
  /** Unit product comprehensive energy consumption as reported, in the benchmark's unit (e.g. kgce/t). */
  readonly unitEnergyConsumption?: string | null;
  /** Energy benchmark id (reference/energy-benchmarks.json) the product is labelled against. */
  readonly benchmarkId?: string | null;
}

export interface MonthlyFigures {
  /** YYYY-MM. */
  readonly month: string;
  /** tCO2e, exact (unrounded is fine). */
  readonly scope1Tco2e: string;
  readonly scope2Tco2e: string;
  readonly exportedTco2e: string;
  readonly energyTce: string;
  readonly feedstockTce: string;
  readonly nonFossilElectricityMwh: string;
  readonly production: readonly MonthlyProduction[];
  /** 10^4 CNY; null when not reported for the month. */
  readonly outputValue10kCny: string | null;
  readonly valueAdded10kCny: string | null;
  /** The lowest quality among the month's values. */
  readonly quality: DataQuality;
  readonly provisional: boolean;
  readonly factorRefs: readonly string[];
  readonly warnings?: readonly string[];
}

export interface AccountProduct {
  readonly productId: string;
  readonly benchmarkId: string | null;
  readonly unit: string;
  /** Σ output, 3 decimals. */
  readonly output: string;
  /** Output-weighted mean of the months' reported values (4 decimals), or the single-product estimate; null if neither exists. */
  readonly unitEnergyConsumption: string | null;
  /** True when `unitEnergyConsumption` is the site-energy ÷ output estimate. */
  readonly estimated: boolean;
}

export interface AccountCompleteness {
  readonly monthsExpected: number;
  /** Months with figures (a month of zeros, e.g. a plant standing still, counts). */
  readonly monthsWithActivity: number;
  /** Months with at least one production line. */
  readonly monthsWithProduction: number;
  readonly monthsWithValueAdded: number;
  /** Every month of the period has figures. */
  readonly complete: boolean;
  /** monthsWithActivity ÷ monthsExpected, 0–1, 4 decimals. */
  readonly share: string;
  readonly missingMonths: readonly string[];
}

export interface AccountFigures {
  readonly period: string;
  readonly periodType: PeriodType;
  /** tCO2e / tce / MWh, 3 decimals. */
  readonly scope1Tco2e: string;
  readonly scope2Tco2e: string;
  readonly exportedTco2e: string;
  /** scope 1 + scope 2. */
  readonly grossTco2e: string;
  /** gross − exported. */
  readonly netTco2e: string;
  readonly energyTce: string;
  readonly feedstockTce: string;
  readonly nonFossilElectricityMwh: string;
  /** The account total: gross for power generation (isPowerGeneration), net otherwise; 3 decimals. */
  readonly emissionsTco2e: string;
  readonly emissionsBasis: 'gross' | 'net';
  /** Σ value added and Σ output value, 10^4 CNY, 4 decimals; null when any month of the period lacks it. */
  readonly valueAdded10kCny: string | null;
  readonly outputValue10kCny: string | null;
  /** tCO2e per 10^4 CNY value added, 6 decimals; null when value added is missing in any month or Σ ≤ 0. */
  readonly intensityPerValueAdded: string | null;
  /** tCO2e per 10^4 CNY output value, 6 decimals; same nulls. */
  readonly intensityPerOutputValue: string | null;
  /** tce per 10^4 CNY value added, 6 decimals. */
  readonly energyPerValueAdded: string | null;
  readonly products: readonly AccountProduct[];
  /** Against `previousYear`, 2 decimals; null when not comparable. */
  readonly yoy: { readonly emissionsChangePercent: string | null; readonly intensityChangePercent: string | null };
  readonly completeness: AccountCompleteness;
  readonly quality: { readonly reported: number; readonly utilityMetered: number; readonly verified: number; readonly level: DataQuality };
  readonly provisional: boolean;
  /** Sorted, unique. */
  readonly factorRefs: readonly string[];
  readonly warnings: readonly string[];
}

export interface AccountFiguresOptions {
  readonly period: string;
  /** GB/T 4754-2017 class (4 digits); decides gross vs net. */
  readonly industryClass: string;
  /** At most one entry per month, each month inside the period; missing months lower completeness. */
  readonly months: readonly MonthlyFigures[];
  /** The account of `previousYearPeriod(period)`, for year-on-year change. */
  readonly previousYear?: AccountFigures | null;
}

interface ProductSum {
  productId: string;
  unit: string;
  benchmarkId: string | null;
  output: ExactDecimal;
  /** Σ output × reported unit energy consumption, over months that reported it. */
  weightedUec: ExactDecimal;
  monthsWithout: number;
}

const qualityRank: Record<DataQuality, number> = { reported: 0, utility_metered: 1, verified: 2 };
const HUNDRED = new ExactDecimal(100);
const KG_PER_T = new ExactDecimal(1000);

function optionalText(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0) throw new CarbonAccountInputError({ path, message: 'must be a non-empty string or null' });
  return value;
}

/** (current − previous) ÷ previous × 100, 2 decimals; null unless previous > 0. */
function changePercent(current: ExactDecimal, previous: ExactDecimal): string | null {
  if (!previous.greaterThan(0)) return null;
  return roundOut(current.minus(previous).times(HUNDRED).dividedBy(previous), 2);
}

/** Exact sum of the months of `period`; see the module comment. Throws CarbonAccountInputError for bad input. */
export function accountFigures(options: AccountFiguresOptions): AccountFigures {
  let period: Period;
  try {
    period = parsePeriod(options.period);
  } catch (error) {
    if (error instanceof PeriodError) throw new CarbonAccountInputError({ path: 'period', message: error.message });
    throw error;
  }
  if (typeof options.industryClass !== 'string' || !/^\d{4}$/.test(options.industryClass)) {
    throw new CarbonAccountInputError({ path: 'industryClass', message: `must be a 4-digit GB/T 4754-2017 class, got ${JSON.stringify(options.industryClass)}` });
  }
  if (!Array.isArray(options.months)) throw new CarbonAccountInputError({ path: 'months', message: 'must be a list' });

  const expected = new Set(period.months);
  const byMonth = new Map<string, { figures: MonthlyFigures; index: number }>();
  options.months.forEach((figures, index) => {
    const month = figures?.month;
    if (typeof month !== 'string' || !expected.has(month)) {
      throw new CarbonAccountInputError({ path: `months[${index}].month`, message: `${JSON.stringify(month)} is not a month of period ${period.key}` });
    }
    if (byMonth.has(month)) throw new CarbonAccountInputError({ path: `months[${index}].month`, message: `${month} appears twice` });
    byMonth.set(month, { figures, index });
  });

  let scope1 = ZERO;
  let scope2 = ZERO;
  let exported = ZERO;
  let energy = ZERO;
  let feedstock = ZERO;
  let nonFossil = ZERO;
  let valueAdded = ZERO;
  let outputValue = ZERO;
  let monthsWithValueAdded = 0;
  let monthsWithOutputValue = 0;
  let monthsWithProduction = 0;
  const qualityCounts: Record<DataQuality, number> = { reported: 0, utility_metered: 0, verified: 0 };
  let provisional = false;
  const factorRefs = new Set<string>();
  const warnings = new Set<string>();
  const products = new Map<string, ProductSum>();

  // Ascending month order, so products are listed in order of first appearance.
  for (const month of period.months) {
    const entry = byMonth.get(month);
    if (entry === undefined) continue;
    const { figures: m, index } = entry;
    const at = (field: string) => `months[${index}].${field}`;
    scope1 = scope1.plus(parseDecimal(m.scope1Tco2e, at('scope1Tco2e')));
    scope2 = scope2.plus(parseDecimal(m.scope2Tco2e, at('scope2Tco2e')));
    exported = exported.plus(parseDecimal(m.exportedTco2e, at('exportedTco2e')));
    energy = energy.plus(parseDecimal(m.energyTce, at('energyTce')));
    feedstock = feedstock.plus(parseDecimal(m.feedstockTce, at('feedstockTce')));
    nonFossil = nonFossil.plus(parseDecimal(m.nonFossilElectricityMwh, at('nonFossilElectricityMwh')));
    if (m.valueAdded10kCny !== null && m.valueAdded10kCny !== undefined) {
      valueAdded = valueAdded.plus(parseDecimal(m.valueAdded10kCny, at('valueAdded10kCny')));
      monthsWithValueAdded += 1;
    }
    if (m.outputValue10kCny !== null && m.outputValue10kCny !== undefined) {
      outputValue = outputValue.plus(parseDecimal(m.outputValue10kCny, at('outputValue10kCny')));
      monthsWithOutputValue += 1;
    }
    if (!dataQualities.includes(m.quality)) throw new CarbonAccountInputError({ path: at('quality'), message: `must be one of ${dataQualities.join(', ')}` });
    qualityCounts[m.quality] += 1;
    if (typeof m.provisional !== 'boolean') throw new CarbonAccountInputError({ path: at('provisional'), message: 'must be a boolean' });
    provisional ||= m.provisional;
    if (!Array.isArray(m.factorRefs)) throw new CarbonAccountInputError({ path: at('factorRefs'), message: 'must be a list' });
    for (const ref of m.factorRefs) factorRefs.add(String(ref));
    for (const warning of m.warnings ?? []) warnings.add(String(warning));

    if (!Array.isArray(m.production)) throw new CarbonAccountInputError({ path: at('production'), message: 'must be a list' });
    if (m.production.length > 0) monthsWithProduction += 1;
    const seenThisMonth = new Set<string>();
    m.production.forEach((p, j) => {
      const pat = (field: string) => at(`production[${j}].${field}`);
      const productId = optionalText(p.productId, pat('productId'));
      const unit = optionalText(p.unit, pat('unit'));
      if (productId === null || unit === null) throw new CarbonAccountInputError({ path: pat(productId === null ? 'productId' : 'unit'), message: 'is required' });
      if (seenThisMonth.has(productId)) throw new CarbonAccountInputError({ path: pat('productId'), message: `${productId} appears twice in ${month}` });
      seenThisMonth.add(productId);
      const output = parseDecimal(p.output, pat('output'), { nonNegative: true });
      const benchmarkId = optionalText(p.benchmarkId, pat('benchmarkId'));
      const uecText = p.unitEnergyConsumption ?? null;
      const sum = products.get(productId) ?? { productId, unit, benchmarkId, output: ZERO, weightedUec: ZERO, monthsWithout: 0 };
      if (sum.unit !== unit) throw new CarbonAccountInputError({ path: pat('unit'), message: `${productId} is reported in ${sum.unit} and ${unit}; outputs cannot be added` });
      if (benchmarkId !== null) {
        if (sum.benchmarkId !== null && sum.benchmarkId !== benchmarkId) {
          throw new CarbonAccountInputError({ path: pat('benchmarkId'), message: `${productId} has benchmarks ${sum.benchmarkId} and ${benchmarkId}` });
        }
        sum.benchmarkId = benchmarkId;
      }
      sum.output = sum.output.plus(output);
      if (uecText === null) sum.monthsWithout += 1;
      else sum.weightedUec = sum.weightedUec.plus(output.times(parseDecimal(uecText, pat('unitEnergyConsumption'), { nonNegative: true })));
      products.set(productId, sum);
    });
  }

  const monthsExpected = period.months.length;
  const monthsWithActivity = byMonth.size;
  const missingMonths = period.months.filter((m) => !byMonth.has(m));
  const complete = missingMonths.length === 0;
  if (!complete) warnings.add(`period ${period.key} is incomplete: no figures for ${missingMonths.join(', ')}`);

  const gross = scope1.plus(scope2);
  const net = gross.minus(exported);
  const basis = isPowerGeneration(options.industryClass) ? 'gross' : 'net';
  const emissions = basis === 'gross' ? gross : net;

  // Value-based intensities need the denominator for every month of the period.
  const vaComplete = monthsWithValueAdded === monthsExpected;
  const ovComplete = monthsWithOutputValue === monthsExpected;
  const perValueAdded = (numerator: ExactDecimal): string | null => (vaComplete && valueAdded.greaterThan(0) ? roundOut(numerator.dividedBy(valueAdded), 6) : null);
  const intensityExact = vaComplete && valueAdded.greaterThan(0) ? emissions.dividedBy(valueAdded) : null;
  if (!vaComplete) warnings.add(`value added missing for ${monthsExpected - monthsWithValueAdded} of ${monthsExpected} months: intensities not computed`);
  else if (!valueAdded.greaterThan(0)) warnings.add('value added is zero or negative: intensities not computed');

  const productList: AccountProduct[] = [...products.values()].map((p) => {
    const reported = p.monthsWithout === 0 && p.output.greaterThan(0) ? roundOut(p.weightedUec.dividedBy(p.output), 4) : null;
    return { productId: p.productId, benchmarkId: p.benchmarkId, unit: p.unit, output: roundOut(p.output, 3), unitEnergyConsumption: reported, estimated: false };
  });
  // The issue allows "site tce ÷ output only for single-product enterprises, marked as an estimate":
  // with several products the site's energy cannot be split between them, and only a tonne-based
  // product gives kgce/t, the unit of the tonne-based benchmarks. Feedstock energy (原料用能) is not
  // in energyTce, so for feedstock-heavy products the estimate is low — one more reason to flag it.
  const [single] = productList;
  const singleSum = single === undefined ? undefined : products.get(single.productId);
  if (
    productList.length === 1 &&
    single !== undefined &&
    singleSum !== undefined &&
    single.unitEnergyConsumption === null &&
    single.unit === 't' &&
    singleSum.output.greaterThan(0)
  ) {
    productList[0] = { ...single, unitEnergyConsumption: roundOut(energy.times(KG_PER_T).dividedBy(singleSum.output), 4), estimated: true };
    warnings.add(`unit energy consumption of ${single.productId} is an estimate: site energy ÷ output (single-product enterprise)`);
  }

  const previous = options.previousYear ?? null;
  let yoy: AccountFigures['yoy'] = { emissionsChangePercent: null, intensityChangePercent: null };
  if (previous !== null) {
    const expectedPrevious = previousYearPeriod(period.key);
    if (previous.period !== expectedPrevious) {
      throw new CarbonAccountInputError({ path: 'previousYear.period', message: `expected ${expectedPrevious} for year-on-year change of ${period.key}, got ${previous.period}` });
    }
    const comparable = complete && previous.completeness.complete && previous.emissionsBasis === basis;
    if (comparable) {
      const previousIntensity = previous.intensityPerValueAdded === null ? null : parseDecimal(previous.intensityPerValueAdded, 'previousYear.intensityPerValueAdded');
      yoy = {
        emissionsChangePercent: changePercent(emissions, parseDecimal(previous.emissionsTco2e, 'previousYear.emissionsTco2e')),
        intensityChangePercent: intensityExact === null || previousIntensity === null ? null : changePercent(intensityExact, previousIntensity),
      };
    }
  }

  const present = dataQualities.filter((q) => qualityCounts[q] > 0);
  const level = present.reduce<DataQuality | null>((low, q) => (low === null || qualityRank[q] < qualityRank[low] ? q : low), null) ?? 'reported';

  return {
    period: period.key,
    periodType: period.type,
    scope1Tco2e: roundOut(scope1, 3),
    scope2Tco2e: roundOut(scope2, 3),
    exportedTco2e: roundOut(exported, 3),
    grossTco2e: roundOut(gross, 3),
    netTco2e: roundOut(net, 3),
    energyTce: roundOut(energy, 3),
    feedstockTce: roundOut(feedstock, 3),
    nonFossilElectricityMwh: roundOut(nonFossil, 3),
    emissionsTco2e: roundOut(emissions, 3),
    emissionsBasis: basis,
    valueAdded10kCny: vaComplete ? roundOut(valueAdded, 4) : null,
    outputValue10kCny: ovComplete ? roundOut(outputValue, 4) : null,
    intensityPerValueAdded: perValueAdded(emissions),
    intensityPerOutputValue: ovComplete && outputValue.greaterThan(0) ? roundOut(emissions.dividedBy(outputValue), 6) : null,
    energyPerValueAdded: perValueAdded(energy),
    products: productList,
    yoy,
    completeness: {
      monthsExpected,
      monthsWithActivity,
      monthsWithProduction,
      monthsWithValueAdded,
      complete,
      share: roundOut(new ExactDecimal(monthsWithActivity).dividedBy(monthsExpected), 4),
      missingMonths,
    },
    quality: { reported: qualityCounts.reported, utilityMetered: qualityCounts.utility_metered, verified: qualityCounts.verified, level },
    provisional,
    factorRefs: [...factorRefs].sort(),
    warnings: [...warnings],
  };
}

/**
 * A month's figures from the accounting engine's exact result (`computeEmissions`) plus the
 * month's production and economic data. Factor references are those of every line, unique.
 */
export function monthlyFiguresFromEmissions(options: {
  readonly month: string;
  readonly emissions: ExactEmissions;
  readonly production: readonly MonthlyProduction[];
  readonly outputValue10kCny: string | null;
  readonly valueAdded10kCny: string | null;
  readonly quality: DataQuality;
}): MonthlyFigures {
  const e = options.emissions;
  return {
    month: options.month,
    scope1Tco2e: e.scope1Tco2e.toFixed(),
    scope2Tco2e: e.scope2Tco2e.toFixed(),
    exportedTco2e: e.exportedTco2e.toFixed(),
    energyTce: e.energyTce.toFixed(),
    feedstockTce: e.feedstockTce.toFixed(),
    nonFossilElectricityMwh: e.nonFossilElectricityMwh.toFixed(),
    production: options.production,
    outputValue10kCny: options.outputValue10kCny,
    valueAdded10kCny: options.valueAdded10kCny,
    quality: options.quality,
    provisional: e.provisional,
    factorRefs: [...new Set(e.lines.flatMap((l) => l.factorIds))].sort(),
    warnings: [...e.warnings],
  };
}
