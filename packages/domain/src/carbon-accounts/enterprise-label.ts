/**
 * The draft four-colour label of an enterprise for one period, from its account and its industry
 * average, under jining_default_four_colour@2 (`decideLabel`). The inputs are chosen here:
 * - product method: the first product with a benchmark id and a unit energy consumption (reported,
 *   or the single-product estimate — then the method's reason says it is an estimate);
 * - intensity method: the account's tCO2e per 10^4 CNY value added against the industry average,
 *   when both exist (the peer level, code and count go into the reason and the inputs).
 *
 * Missing data never throws: without any applicable method the result is `ok: false` with code
 * `NO_APPLICABLE_METHOD`, the methods as evaluated and a bilingual reason. A benchmark the library
 * does not know or cannot band (higher-is-better) drops the product method with a note.
 *
 * @example draftEnterpriseLabel({ account, industry }).ok
 */
import { decideLabel, LabelError, type BilingualText, type LabelMethodResult, type LabelRequest, type LabelResult } from '../labels/decide-label.ts';
import { ReferenceLookupError, shippedReferenceLibrary, type ReferenceLibrary } from '../reference/reference-library.ts';
import type { AccountFigures } from './account-figures.ts';
import { parseDecimal } from './exact-decimal.ts';
import type { IndustryAverage, IndustryAverageLevel } from './industry-average.ts';

export interface DraftLabelInputs {
  readonly productBenchmark: { readonly benchmarkId: string; readonly value: string; readonly estimated: boolean; readonly productId: string } | null;
  readonly intensityRatio: {
    readonly enterpriseIntensity: string;
    readonly industryAverageIntensity: string;
    readonly level: IndustryAverageLevel;
    readonly code: string;
    readonly peerCount: number;
  } | null;
}

export type DraftEnterpriseLabel =
  | { readonly ok: true; readonly result: LabelResult; readonly inputs: DraftLabelInputs; readonly notes: readonly BilingualText[] }
  | {
      readonly ok: false;
      readonly code: 'NO_APPLICABLE_METHOD';
      readonly methods: readonly LabelMethodResult[];
      readonly reason: BilingualText;
      readonly inputs: DraftLabelInputs;
      readonly notes: readonly BilingualText[];
    };

const levelZh: Record<IndustryAverageLevel, string> = { class: '小类', group: '中类', division: '大类' };

function appendReason(method: LabelMethodResult, extra: BilingualText): LabelMethodResult {
  return { ...method, reason: { zh: `${method.reason.zh}${extra.zh}`, en: `${method.reason.en} ${extra.en}` } };
}

/** See the module comment. */
export function draftEnterpriseLabel(options: { readonly account: AccountFigures; readonly industry: IndustryAverage; readonly library?: ReferenceLibrary }): DraftEnterpriseLabel {
  const { account, industry } = options;
  const library = options.library ?? shippedReferenceLibrary;
  const notes: BilingualText[] = [];

  // ---- product method input ----
  let productBenchmark: DraftLabelInputs['productBenchmark'] = null;
  const candidate = account.products.find((p) => p.benchmarkId !== null && p.unitEnergyConsumption !== null);
  if (candidate !== undefined && candidate.benchmarkId !== null && candidate.unitEnergyConsumption !== null) {
    try {
      library.findEnergyBenchmark(candidate.benchmarkId);
      productBenchmark = { benchmarkId: candidate.benchmarkId, value: candidate.unitEnergyConsumption, estimated: candidate.estimated, productId: candidate.productId };
    } catch (error) {
      if (!(error instanceof ReferenceLookupError)) throw error;
      notes.push({
        zh: `产品 ${candidate.productId} 的对标值 ${candidate.benchmarkId} 不在参考库中，产品对标法不适用。`,
        en: `Benchmark ${candidate.benchmarkId} of product ${candidate.productId} is not in the reference library; the product-benchmark method is not applicable.`,
      });
    }
  } else {
    const benchmarked = account.products.find((p) => p.benchmarkId !== null);
    notes.push(
      benchmarked === undefined
        ? { zh: '企业无对标产品，产品对标法不适用。', en: 'No product with an energy benchmark; the product-benchmark method is not applicable.' }
        : {
            zh: `产品 ${benchmarked.productId} 缺少单位产品综合能耗，产品对标法不适用。`,
            en: `Product ${benchmarked.productId} has no unit energy consumption; the product-benchmark method is not applicable.`,
          },
    );
  }

  // ---- intensity method input ----
  let intensityRatio: DraftLabelInputs['intensityRatio'] = null;
  if (account.intensityPerValueAdded === null) {
    notes.push({
      zh: `本期（${account.period}）增加值缺失或不大于零，无法计算企业碳排放强度，行业强度对比法不适用。`,
      en: `Value added for ${account.period} is missing or ≤ 0, so the enterprise intensity is unknown; the industry intensity method is not applicable.`,
    });
  } else if (industry.averageIntensity === null || industry.level === null || industry.code === null) {
    notes.push(industry.reason);
  } else if (!parseDecimal(industry.averageIntensity, 'industry.averageIntensity').greaterThan(0)) {
    notes.push({
      zh: `行业平均碳排放强度为 ${industry.averageIntensity}，不大于零，行业强度对比法不适用。`,
      en: `The industry average intensity is ${industry.averageIntensity} (≤ 0); the industry intensity method is not applicable.`,
    });
  } else {
    intensityRatio = {
      enterpriseIntensity: account.intensityPerValueAdded,
      industryAverageIntensity: industry.averageIntensity,
      level: industry.level,
      code: industry.code,
      peerCount: industry.peerCount,
    };
  }

  const decide = (withProduct: boolean): LabelResult => {
    const request: LabelRequest = {
      ...(withProduct && productBenchmark !== null ? { productBenchmark: { benchmarkId: productBenchmark.benchmarkId, value: productBenchmark.value } } : {}),
      ...(intensityRatio !== null
        ? { intensityRatio: { enterpriseIntensity: intensityRatio.enterpriseIntensity, industryAverageIntensity: intensityRatio.industryAverageIntensity } }
        : {}),
    };
    return decideLabel(request, { library });
  };

  let result: LabelResult;
  try {
    try {
      result = decide(true);
    } catch (error) {
      // A benchmark that cannot be banded (UNSUPPORTED_BENCHMARK) or refuses the value is the
      // product method's problem only: drop it, note why, and let the intensity method decide.
      const productFault =
        error instanceof LabelError && (error.code === 'UNSUPPORTED_BENCHMARK' || (error.code === 'VALIDATION_FAILED' && (error.path ?? '').startsWith('productBenchmark')));
      if (!productFault || productBenchmark === null) throw error;
      notes.push({ zh: `产品对标法未采用：${error.message}`, en: `Product-benchmark method not used: ${error.message}` });
      productBenchmark = null;
      result = decide(false);
    }
  } catch (error) {
    if (!(error instanceof LabelError) || error.code !== 'NO_APPLICABLE_METHOD') throw error;
    const methods = error.methods ?? [];
    const why = [...methods.map((m) => m.reason), ...notes];
    return {
      ok: false,
      code: 'NO_APPLICABLE_METHOD',
      methods,
      reason: {
        zh: `${account.period} 无可用的评价方法，不出具碳效标识：${why.map((w) => w.zh).join('')}`,
        en: `No label for ${account.period}: no applicable method. ${why.map((w) => w.en).join(' ')}`,
      },
      inputs: { productBenchmark, intensityRatio },
      notes,
    };
  }

  const methods = result.methods.map((method) => {
    if (method.method === 'product_benchmark' && productBenchmark?.estimated === true) {
      return appendReason(method, {
        zh: `（单位产品能耗为估算值：全厂综合能耗 ÷ 产量，仅适用于单一产品企业。）`,
        en: '(The unit energy consumption is an estimate: site energy ÷ output, allowed for single-product enterprises only.)',
      });
    }
    if (method.method === 'industry_intensity_ratio' && intensityRatio !== null) {
      return appendReason(method, {
        zh: `（同行比较：GB/T 4754-2017 ${levelZh[intensityRatio.level]} ${intensityRatio.code}，${intensityRatio.peerCount} 家企业，${account.period}。）`,
        en: `(Peer group: GB/T 4754-2017 ${intensityRatio.level} ${intensityRatio.code}, ${intensityRatio.peerCount} enterprises, ${account.period}.)`,
      });
    }
    return method;
  });
  return { ok: true, result: { ...result, methods }, inputs: { productBenchmark, intensityRatio }, notes };
}
