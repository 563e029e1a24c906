/**
 * The enterprise four-colour carbon label (绿/黄/橙/红) under the platform default scheme
 * `jining_default_four_colour@2` (reference/label-scheme.json). Pure: no I/O, no clock.
 *
 * Two methods, each run only when the request carries its input:
 * - `product_benchmark`: the product's indicator value against the NDRC 标杆 (benchmark) and 基准
 *   (base) of a record in reference/energy-benchmarks.json. Green ≤ 标杆 < yellow ≤ midpoint <
 *   orange ≤ 基准 < red, midpoint = (标杆 + 基准) ÷ 2. Lower is better (the file says so for every
 *   indicator; negative values, e.g. converter_process, follow the same bands). A record whose
 *   标杆 is worse than its 基准 (a higher-is-better indicator) is refused with
 *   `UNSUPPORTED_BENCHMARK`, never labelled the wrong way round. A record whose 标杆 or 基准 is
 *   null makes the method not applicable.
 * - `industry_intensity_ratio`: K = enterprise intensity ÷ industry average intensity (both
 *   tCO2 per 10^4 CNY value added); green K ≤ 0.8 < yellow ≤ 1.2 < orange ≤ 2.0 < red.
 *
 * The worse colour (higher rank) of the applicable methods wins. With none applicable the call
 * throws `NO_APPLICABLE_METHOD` (the API maps it to 422). Bad input throws `VALIDATION_FAILED`
 * (400), including an unknown benchmark id and an industry average ≤ 0.
 *
 * `provisional` is true only when a value actually used is `unverified`: the benchmark record of
 * an applicable product method. A method that was not applicable does not count; the scheme's
 * bands are `design` (platform defaults), not unverified facts.
 *
 * `reason` is bilingual as two fields, `{ zh, en }`, so the UI can pick one and official labels
 * can print the Chinese text alone.
 *
 * Decimals: inputs and thresholds are decimal strings; arithmetic is decimal.js at 40 significant
 * digits, half-up. Band decisions compare by cross-multiplication (value vs threshold × average),
 * so K's rounding at 40 digits never moves a case across a boundary; inputs are limited to 30
 * significant digits so that those products are exact.
 *
 * @example decideLabel({ productBenchmark: { benchmarkId: 'cement_clinker', value: '108.5' } }).colour === 'yellow'
 */
import { Decimal as DecimalBase } from 'decimal.js';
import labelSchemeFile from '../../../../reference/label-scheme.json' with { type: 'json' };
import { ReferenceLookupError, shippedReferenceLibrary, type EnergyBenchmark, type ReferenceLibrary } from '../reference/reference-library.ts';

const LabelDecimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
type LabelDecimal = InstanceType<typeof LabelDecimal>;

/** Inputs beyond this many significant digits could make threshold × average inexact at 40 digits. */
const maxSignificantDigits = 30;

export const labelSchemeId = 'jining_default_four_colour';
export const labelSchemeVersion = 2;
export const labelSchemeRef = `${labelSchemeId}@${labelSchemeVersion}`;

export type LabelColour = 'green' | 'yellow' | 'orange' | 'red';
export type LabelMethodId = 'product_benchmark' | 'industry_intensity_ratio';
export type LabelErrorCode = 'VALIDATION_FAILED' | 'NO_APPLICABLE_METHOD' | 'UNSUPPORTED_BENCHMARK';

export interface BilingualText {
  zh: string;
  en: string;
}

export interface LabelRequest {
  /** The product's indicator value, in the unit of the benchmark record (e.g. kgce/t), as a decimal string. */
  productBenchmark?: { benchmarkId: string; value: string };
  /** Intensities in tCO2 per 10^4 CNY value added, same period, as decimal strings. */
  intensityRatio?: { enterpriseIntensity: string; industryAverageIntensity: string };
}

/** Upper bounds (inclusive) of green, yellow and orange for the product method; null when not available. */
export interface ProductBenchmarkThresholds {
  benchmark: string | null;
  midpoint: string | null;
  base: string | null;
}

/** Upper bounds (inclusive) of K for green, yellow and orange. */
export interface IntensityRatioThresholds {
  green: string;
  yellow: string;
  orange: string;
}

export interface LabelMethodResult {
  method: LabelMethodId;
  applicable: boolean;
  colour?: LabelColour;
  reason: BilingualText;
  thresholds: ProductBenchmarkThresholds | IntensityRatioThresholds;
  /** `<id>@<version>` of the benchmark record (product method only). */
  benchmarkRef?: string;
  /** Status of the benchmark record at run time, for the calculation audit. */
  benchmarkStatus?: string;
  /** K as a decimal string, rounded to 40 significant digits (intensity method only). */
  ratio?: string;
}

export interface LabelResult {
  colour: LabelColour;
  provisional: boolean;
  schemeRef: string;
  methods: LabelMethodResult[];
}

/** A benchmark record as the engine needs it; `benchmark`/`base` are decimal strings or null. */
export type LabelBenchmark = EnergyBenchmark;

export interface DecideLabelOptions {
  /** The reference library to read benchmarks from (default: as shipped; the server passes the published one). */
  library?: ReferenceLibrary;
}

export class LabelError extends Error {
  override name = 'LabelError';
  readonly code: LabelErrorCode;
  /** Request field at fault, for VALIDATION_FAILED. */
  readonly path: string | undefined;
  /** The methods as evaluated, for NO_APPLICABLE_METHOD, so their reasons can be recorded. */
  readonly methods: LabelMethodResult[] | undefined;

  constructor(options: { code: LabelErrorCode; message: string; path?: string; methods?: LabelMethodResult[] }) {
    super(options.message);
    this.code = options.code;
    this.path = options.path;
    this.methods = options.methods;
  }
}

// ---- scheme, read once and checked against what this code implements ----

const scheme = labelSchemeFile.defaultScheme;
if (scheme.id !== labelSchemeId || scheme.version !== labelSchemeVersion) {
  throw new Error(`label-scheme.json: expected ${labelSchemeRef}, found ${scheme.id}@${scheme.version}`);
}

const colourRank = new Map<string, number>(scheme.colours.map((c) => [c.id, c.rank]));
const colourNameZh = new Map<string, string>(scheme.colours.map((c) => [c.id, c.nameZh]));
const colourOrder: LabelColour[] = ['green', 'yellow', 'orange', 'red'];
colourOrder.forEach((colour, i) => {
  if (colourRank.get(colour) !== i + 1) throw new Error(`label-scheme.json: colour ${colour} must have rank ${i + 1}`);
});

function schemeMethod(id: LabelMethodId) {
  const method = scheme.methods.find((m) => m.id === id);
  if (!method) throw new Error(`label-scheme.json: ${labelSchemeRef} has no method ${id}`);
  return method;
}

function bandUpperBounds(id: LabelMethodId): [string, string, string] {
  const bands = schemeMethod(id).bands;
  const colours = bands.map((b) => b.colour).join(',');
  if (colours !== colourOrder.join(',') || bands[3]?.upperInclusive !== null) {
    throw new Error(`label-scheme.json: ${id} bands must be green, yellow, orange, red with red unbounded`);
  }
  return [String(bands[0]?.upperInclusive), String(bands[1]?.upperInclusive), String(bands[2]?.upperInclusive)];
}

// The product bands are symbolic; this code implements exactly benchmark / midpoint / base.
const productBounds = bandUpperBounds('product_benchmark');
if (productBounds.join(',') !== 'benchmark,midpoint,base') {
  throw new Error('label-scheme.json: product_benchmark bands must end at benchmark, midpoint, base');
}

const [kGreen, kYellow, kOrange] = bandUpperBounds('industry_intensity_ratio');
const intensityThresholds: IntensityRatioThresholds = { green: kGreen, yellow: kYellow, orange: kOrange };

// ---- helpers ----

// Plain decimal text as in the reference files ("19.570", "-30"): no exponent, no spaces, no bare ".5".
const decimalPattern = /^[+-]?\d+(\.\d+)?$/;

function parseDecimal(text: unknown, path: string): LabelDecimal {
  if (typeof text !== 'string' || !decimalPattern.test(text)) {
    throw new LabelError({ code: 'VALIDATION_FAILED', path, message: `${path} must be a decimal string, got ${JSON.stringify(text)}` });
  }
  const value = new LabelDecimal(text);
  if (value.precision(true) > maxSignificantDigits && !value.isZero()) {
    throw new LabelError({ code: 'VALIDATION_FAILED', path, message: `${path} has more than ${maxSignificantDigits} significant digits` });
  }
  return value;
}

/** Plain decimal text, never exponent notation; decimal.js drops trailing fraction zeros ("2.0" → "2"). */
function toText(value: LabelDecimal): string {
  return value.toFixed();
}

function worse(a: LabelColour, b: LabelColour): LabelColour {
  return colourOrder.indexOf(a) >= colourOrder.indexOf(b) ? a : b;
}

function zhColour(colour: LabelColour): string {
  return colourNameZh.get(colour) ?? colour;
}

// ---- methods ----

function decideProductBenchmark(input: NonNullable<LabelRequest['productBenchmark']>, library: ReferenceLibrary): { result: LabelMethodResult; usedUnverified: boolean } {
  if (typeof input.benchmarkId !== 'string') {
    throw new LabelError({ code: 'VALIDATION_FAILED', path: 'productBenchmark.benchmarkId', message: 'productBenchmark.benchmarkId must be a string' });
  }
  let record: LabelBenchmark;
  try {
    record = library.findEnergyBenchmark(input.benchmarkId).value;
  } catch (error) {
    if (!(error instanceof ReferenceLookupError)) throw error;
    throw new LabelError({ code: 'VALIDATION_FAILED', path: 'productBenchmark.benchmarkId', message: `${error.message} (energy-benchmarks)` });
  }
  const value = parseDecimal(input.value, 'productBenchmark.value');
  const benchmarkRef = `${record.id}@${record.version}`;
  const common = { method: 'product_benchmark' as const, benchmarkRef, benchmarkStatus: record.status };

  if (record.benchmark === null || record.base === null) {
    const missing = [record.benchmark === null ? '标杆' : null, record.base === null ? '基准' : null].filter(Boolean).join('、');
    const missingEn = [record.benchmark === null ? 'benchmark (标杆)' : null, record.base === null ? 'base (基准)' : null].filter(Boolean).join(' and ');
    return {
      usedUnverified: false,
      result: {
        ...common,
        applicable: false,
        reason: {
          zh: `${record.nameZh}（${benchmarkRef}）缺少${missing}值，产品对标法不适用。`,
          en: `${record.id} (${benchmarkRef}) has no ${missingEn} value; the product-benchmark method is not applicable.`,
        },
        thresholds: { benchmark: record.benchmark, midpoint: null, base: record.base },
      },
    };
  }

  const benchmark = parseDecimal(record.benchmark, `benchmark ${benchmarkRef} 标杆`);
  const base = parseDecimal(record.base, `benchmark ${benchmarkRef} 基准`);
  if (benchmark.greaterThan(base)) {
    // 标杆 worse than 基准 only makes sense for a higher-is-better indicator; none exists in the
    // reference file and these bands would invert its meaning, so refuse rather than guess.
    throw new LabelError({
      code: 'UNSUPPORTED_BENCHMARK',
      message: `benchmark ${benchmarkRef}: 标杆 ${record.benchmark} is above 基准 ${record.base} (higher is better); the ${labelSchemeRef} product bands assume lower is better`,
    });
  }
  // Exact: halving a finite decimal terminates.
  const midpoint = benchmark.plus(base).dividedBy(2);
  const thresholds = { benchmark: toText(benchmark), midpoint: toText(midpoint), base: toText(base) };

  let colour: LabelColour;
  if (value.lessThanOrEqualTo(benchmark)) colour = 'green';
  else if (value.lessThanOrEqualTo(midpoint)) colour = 'yellow';
  else if (value.lessThanOrEqualTo(base)) colour = 'orange';
  else colour = 'red';

  const v = toText(value);
  const unit = record.unit;
  const why: Record<LabelColour, BilingualText> = {
    green: { zh: `不高于标杆水平 ${thresholds.benchmark}`, en: `at or below the benchmark (标杆) ${thresholds.benchmark}` },
    yellow: {
      zh: `高于标杆水平 ${thresholds.benchmark}，不高于中点 ${thresholds.midpoint}`,
      en: `above the benchmark ${thresholds.benchmark}, at or below the midpoint ${thresholds.midpoint}`,
    },
    orange: {
      zh: `高于中点 ${thresholds.midpoint}，不高于基准水平 ${thresholds.base}`,
      en: `above the midpoint ${thresholds.midpoint}, at or below the base (基准) ${thresholds.base}`,
    },
    red: { zh: `高于基准水平 ${thresholds.base}`, en: `above the base (基准) ${thresholds.base}` },
  };
  const unverifiedZh = record.status === 'unverified' ? '；对标值未经核实，标识为暂定' : '';
  const unverifiedEn = record.status === 'unverified' ? '; the benchmark values are unverified, so the label is provisional' : '';
  return {
    usedUnverified: record.status === 'unverified',
    result: {
      ...common,
      applicable: true,
      colour,
      reason: {
        zh: `${record.nameZh}${record.indicator} ${v} ${unit}，${why[colour].zh}：${zhColour(colour)}${unverifiedZh}。`,
        en: `${record.id}: ${v} ${unit} is ${why[colour].en}: ${colour}${unverifiedEn}.`,
      },
      thresholds,
    },
  };
}

function decideIntensityRatio(input: NonNullable<LabelRequest['intensityRatio']>): LabelMethodResult {
  const enterprise = parseDecimal(input.enterpriseIntensity, 'intensityRatio.enterpriseIntensity');
  const average = parseDecimal(input.industryAverageIntensity, 'intensityRatio.industryAverageIntensity');
  if (average.lessThanOrEqualTo(0)) {
    throw new LabelError({
      code: 'VALIDATION_FAILED',
      path: 'intensityRatio.industryAverageIntensity',
      message: `intensityRatio.industryAverageIntensity must be greater than zero, got ${input.industryAverageIntensity}`,
    });
  }
  // average > 0, so K ≤ t ⇔ enterprise ≤ t × average; exact for ≤ 30-digit inputs.
  const atMost = (bound: string) => enterprise.lessThanOrEqualTo(new LabelDecimal(bound).times(average));
  let colour: LabelColour;
  if (atMost(kGreen)) colour = 'green';
  else if (atMost(kYellow)) colour = 'yellow';
  else if (atMost(kOrange)) colour = 'orange';
  else colour = 'red';

  const exactRatio = enterprise.dividedBy(average);
  const ratio = toText(exactRatio);
  // The reason shows K to 4 decimals (≈ when rounded); `ratio` keeps all 40 digits for the record.
  const shown = exactRatio.toDecimalPlaces(4, LabelDecimal.ROUND_HALF_UP);
  const kText = `${shown.equals(exactRatio) ? '=' : '≈'} ${toText(shown)}`;
  const band: Record<LabelColour, BilingualText> = {
    green: { zh: `K ≤ ${kGreen}`, en: `K ≤ ${kGreen}` },
    yellow: { zh: `${kGreen} < K ≤ ${kYellow}`, en: `${kGreen} < K ≤ ${kYellow}` },
    orange: { zh: `${kYellow} < K ≤ ${kOrange}`, en: `${kYellow} < K ≤ ${kOrange}` },
    red: { zh: `K > ${kOrange}`, en: `K > ${kOrange}` },
  };
  return {
    method: 'industry_intensity_ratio',
    applicable: true,
    colour,
    ratio,
    reason: {
      zh: `碳效值 K = ${toText(enterprise)} ÷ ${toText(average)} ${kText}（tCO2/万元增加值之比），${band[colour].zh}：${zhColour(colour)}。`,
      en: `K = ${toText(enterprise)} ÷ ${toText(average)} ${kText} (ratio of tCO2 per 10^4 CNY value added), ${band[colour].en}: ${colour}.`,
    },
    thresholds: { ...intensityThresholds },
  };
}

/**
 * The label for one enterprise and period under `jining_default_four_colour@2`. Only the methods
 * whose input the request carries are evaluated and listed, product method first.
 */
export function decideLabel(request: LabelRequest, options: DecideLabelOptions = {}): LabelResult {
  const library = options.library ?? shippedReferenceLibrary;
  const methods: LabelMethodResult[] = [];
  let provisional = false;

  if (request.productBenchmark !== undefined) {
    const { result, usedUnverified } = decideProductBenchmark(request.productBenchmark, library);
    methods.push(result);
    provisional ||= usedUnverified;
  }
  if (request.intensityRatio !== undefined) methods.push(decideIntensityRatio(request.intensityRatio));

  const colours = methods.flatMap((m) => (m.applicable && m.colour ? [m.colour] : []));
  const [first, ...rest] = colours;
  if (first === undefined) {
    throw new LabelError({
      code: 'NO_APPLICABLE_METHOD',
      message:
        methods.length === 0
          ? 'no label method input given: send productBenchmark and/or intensityRatio'
          : `no applicable label method: ${methods.map((m) => m.reason.en).join(' ')}`,
      methods,
    });
  }
  return { colour: rest.reduce(worse, first), provisional, schemeRef: labelSchemeRef, methods };
}
