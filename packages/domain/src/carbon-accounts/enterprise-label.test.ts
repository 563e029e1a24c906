import { describe, expect, it } from 'vitest';
import { ReferenceLibrary, shippedReferenceRecords } from '../reference/reference-library.ts';
import { accountFigures, type MonthlyProduction } from './account-figures.ts';
import { draftEnterpriseLabel } from './enterprise-label.ts';
import { industryAverage, type IndustryAverage } from './industry-average.ts';
import { parsePeriod } from './periods.ts';

/** A calendar-year account: 1200 tCO2e net, value added 120 (intensity 10) unless told otherwise. */
function account(options: { industryClass?: string; production?: MonthlyProduction[]; valueAdded?: string | null; energyTce?: string } = {}) {
  return accountFigures({
    period: '2024',
    industryClass: options.industryClass ?? '3011',
    months: parsePeriod('2024').months.map((month) => ({
      month,
      scope1Tco2e: '90',
      scope2Tco2e: '20',
      exportedTco2e: '10',
      energyTce: options.energyTce ?? '30',
      feedstockTce: '0',
      nonFossilElectricityMwh: '0',
      production: options.production ?? [{ productId: 'clinker', output: '250', unit: 't', unitEnergyConsumption: '105', benchmarkId: 'cement_clinker' }],
      outputValue10kCny: '40',
      valueAdded10kCny: options.valueAdded === undefined ? '10' : options.valueAdded,
      quality: 'reported' as const,
      provisional: false,
      factorRefs: [],
    })),
  });
}

/** An industry average at class level with the given intensity. */
function industry(averageIntensity: string | null, level: IndustryAverage['level'] = 'class'): IndustryAverage {
  return averageIntensity === null || level === null
    ? industryAverage({ industryClass: '3011', peers: [] })
    : { level, code: '3011', peerCount: 6, averageIntensity, peerIds: ['a', 'b', 'c', 'd', 'e', 'f'], reason: { zh: '行业平均', en: 'industry average' } };
}

describe('draftEnterpriseLabel', () => {
  it('labels by the product benchmark alone when no industry average exists', () => {
    const drafted = draftEnterpriseLabel({ account: account(), industry: industry(null) });
    if (!drafted.ok) throw new Error(drafted.reason.en);
    expect(drafted.result.colour).toBe('yellow');
    expect(drafted.result.methods.map((m) => m.method)).toEqual(['product_benchmark']);
    expect(drafted.inputs).toEqual({ productBenchmark: { benchmarkId: 'cement_clinker', value: '105.0000', estimated: false, productId: 'clinker' }, intensityRatio: null });
    expect(drafted.notes.map((n) => n.en).join(' ')).toContain('Fewer than 5');
  });

  it.each([
    { average: '20', expected: 'yellow', why: 'K = 0.5 green, product yellow → yellow' },
    { average: '8', expected: 'orange', why: 'K = 1.25 orange is worse than product yellow → orange' },
    { average: '4', expected: 'red', why: 'K = 2.5 red → red' },
  ])('combines both methods, the worse colour winning: $why', ({ average, expected }) => {
    const drafted = draftEnterpriseLabel({ account: account(), industry: industry(average) });
    if (!drafted.ok) throw new Error(drafted.reason.en);
    expect(drafted.result.colour).toBe(expected);
    expect(drafted.inputs.intensityRatio).toEqual({ enterpriseIntensity: '10.000000', industryAverageIntensity: average, level: 'class', code: '3011', peerCount: 6 });
    const ratio = drafted.result.methods.find((m) => m.method === 'industry_intensity_ratio');
    expect(ratio?.reason.zh).toContain('同行比较：GB/T 4754-2017 小类 3011，6 家企业，2024');
    expect(ratio?.reason.en).toContain('Peer group: GB/T 4754-2017 class 3011, 6 enterprises, 2024');
  });

  it('labels by the intensity ratio alone for a product without a benchmark', () => {
    const drafted = draftEnterpriseLabel({
      account: account({ industryClass: '3514', production: [{ productId: 'excavators', output: '30', unit: 'unit' }] }),
      industry: industry('9'),
    });
    if (!drafted.ok) throw new Error(drafted.reason.en);
    expect(drafted.result.colour).toBe('yellow');
    expect(drafted.result.methods.map((m) => m.method)).toEqual(['industry_intensity_ratio']);
    expect(drafted.inputs.productBenchmark).toBeNull();
    expect(drafted.notes[0]?.zh).toContain('无对标产品');
  });

  it('uses the single-product estimate and says so in the product method’s reason', () => {
    // 360 tce × 1000 ÷ 3600 t = 100 kgce/t: exactly 标杆 → green.
    const drafted = draftEnterpriseLabel({
      account: account({ energyTce: '30', production: [{ productId: 'clinker', output: '300', unit: 't', benchmarkId: 'cement_clinker' }] }),
      industry: industry(null),
    });
    if (!drafted.ok) throw new Error(drafted.reason.en);
    expect(drafted.inputs.productBenchmark).toEqual({ benchmarkId: 'cement_clinker', value: '100.0000', estimated: true, productId: 'clinker' });
    expect(drafted.result.colour).toBe('green');
    expect(drafted.result.methods[0]?.reason.zh).toContain('估算值');
    expect(drafted.result.methods[0]?.reason.en).toContain('estimate');
  });

  it('takes the first product that has both a benchmark and a value', () => {
    const drafted = draftEnterpriseLabel({
      account: account({
        production: [
          { productId: 'cement', output: '300', unit: 't' },
          { productId: 'clinker_line_1', output: '100', unit: 't', benchmarkId: 'cement_clinker' },
          { productId: 'clinker_line_2', output: '100', unit: 't', unitEnergyConsumption: '120', benchmarkId: 'cement_clinker' },
        ],
      }),
      industry: industry(null),
    });
    expect(drafted.ok && drafted.inputs.productBenchmark?.productId).toBe('clinker_line_2');
    expect(drafted.ok && drafted.result.colour).toBe('red');
  });

  it('returns NO_APPLICABLE_METHOD with a bilingual reason instead of throwing when nothing applies', () => {
    const drafted = draftEnterpriseLabel({
      account: account({ valueAdded: null, production: [{ productId: 'excavators', output: '30', unit: 'unit' }] }),
      industry: industry('9'),
    });
    expect(drafted.ok).toBe(false);
    if (drafted.ok) return;
    expect(drafted.code).toBe('NO_APPLICABLE_METHOD');
    expect(drafted.methods).toEqual([]);
    expect(drafted.inputs).toEqual({ productBenchmark: null, intensityRatio: null });
    expect(drafted.reason.zh).toContain('不出具碳效标识');
    expect(drafted.reason.zh).toContain('增加值缺失');
    expect(drafted.reason.en).toContain('no applicable method');
    expect(drafted.reason.en).toContain('Value added for 2024 is missing');
  });

  it('records a benchmark without 标杆 as a method that was evaluated but not applicable', () => {
    const drafted = draftEnterpriseLabel({
      account: account({ industryClass: '2521', production: [{ productId: 'coke', output: '100', unit: 't', unitEnergyConsumption: '120', benchmarkId: 'coke_stamp_charging' }] }),
      industry: industry(null),
    });
    expect(drafted.ok).toBe(false);
    if (drafted.ok) return;
    expect(drafted.methods).toHaveLength(1);
    expect(drafted.methods[0]).toMatchObject({ method: 'product_benchmark', applicable: false });
    expect(drafted.reason.zh).toContain('缺少标杆');
  });

  it('drops an unknown benchmark with a note and lets the intensity decide', () => {
    const drafted = draftEnterpriseLabel({
      account: account({ production: [{ productId: 'glass', output: '100', unit: 't', unitEnergyConsumption: '10', benchmarkId: 'no_such_benchmark' }] }),
      industry: industry('10'),
    });
    if (!drafted.ok) throw new Error(drafted.reason.en);
    expect(drafted.result.colour).toBe('yellow');
    expect(drafted.inputs.productBenchmark).toBeNull();
    expect(drafted.notes[0]?.en).toContain('no_such_benchmark');
  });

  it('drops a benchmark the scheme cannot band (higher is better) and lets the intensity decide', () => {
    const body = { id: 'test_higher_is_better', version: 1, status: 'design', nameZh: '测试', indicator: '单位产品综合能耗', unit: 'kgce/t', benchmark: '200', base: '100' };
    const library = new ReferenceLibrary([...shippedReferenceRecords(), { kind: 'energy_benchmark', id: body.id, version: 1, status: 'design', body }]);
    const drafted = draftEnterpriseLabel({
      account: account({ production: [{ productId: 'x', output: '100', unit: 't', unitEnergyConsumption: '150', benchmarkId: body.id }] }),
      industry: industry('12.5'),
      library,
    });
    if (!drafted.ok) throw new Error(drafted.reason.en);
    expect(drafted.result.colour).toBe('green');
    expect(drafted.result.methods.map((m) => m.method)).toEqual(['industry_intensity_ratio']);
    expect(drafted.notes.some((n) => n.zh.includes('产品对标法未采用'))).toBe(true);
  });

  it('treats an industry average of zero as not applicable', () => {
    const drafted = draftEnterpriseLabel({ account: account({ production: [] }), industry: industry('0.000000') });
    expect(drafted.ok).toBe(false);
    if (!drafted.ok) expect(drafted.reason.zh).toContain('不大于零');
  });
});
