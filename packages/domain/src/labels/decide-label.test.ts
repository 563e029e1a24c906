import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import labelCases from './cases/labels.json' with { type: 'json' };
import { decideLabel, LabelError, labelSchemeRef, type LabelColour, type LabelRequest } from './decide-label.ts';
import { ReferenceLibrary } from '../reference/reference-library.ts';

const rank: Record<LabelColour, number> = { green: 1, yellow: 2, orange: 3, red: 4 };

function productColour(benchmarkId: string, value: string): LabelColour | undefined {
  return decideLabel({ productBenchmark: { benchmarkId, value } }).colour;
}

function ratioColour(enterpriseIntensity: string, industryAverageIntensity: string): LabelColour {
  return decideLabel({ intensityRatio: { enterpriseIntensity, industryAverageIntensity } }).colour;
}

function labelError(request: LabelRequest, library?: ReferenceLibrary): LabelError {
  try {
    decideLabel(request, library ? { library } : {});
  } catch (error) {
    if (error instanceof LabelError) return error;
    throw error;
  }
  throw new Error('expected a LabelError');
}

describe('decideLabel: worked cases (cases/labels.json, copied from the shared case set)', () => {
  it('uses the scheme the cases were computed for', () => {
    expect(labelCases.note).toContain(labelSchemeRef);
    expect(labelCases.cases.length).toBe(9);
  });

  // toMatchObject compares every field under `expected`; arrays must match in length and order.
  it.each(labelCases.cases)('$name', ({ request, expected }) => {
    const result = decideLabel(request);
    expect(result).toMatchObject(expected);
    for (const method of result.methods) {
      expect(method.reason.zh.length).toBeGreaterThan(0);
      expect(method.reason.en.length).toBeGreaterThan(0);
    }
  });
});

describe('decideLabel: product-benchmark bands (cement_clinker 标杆 100, 基准 117, midpoint 108.5)', () => {
  it.each([
    { value: '99.99', colour: 'green', why: 'better than 标杆' },
    { value: '100', colour: 'green', why: 'exactly at 标杆' },
    { value: '100.0000001', colour: 'yellow', why: 'just above 标杆' },
    { value: '108.5', colour: 'yellow', why: 'exactly at the midpoint' },
    { value: '108.50000001', colour: 'orange', why: 'just above the midpoint' },
    { value: '117', colour: 'orange', why: 'exactly at 基准' },
    { value: '117.000000001', colour: 'red', why: 'just above 基准' },
    { value: '0', colour: 'green', why: 'zero' },
  ])('$value → $colour ($why)', ({ value, colour }) => {
    expect(productColour('cement_clinker', value)).toBe(colour);
  });

  it('states thresholds, benchmark reference and its status', () => {
    const [method] = decideLabel({ productBenchmark: { benchmarkId: 'cement_clinker', value: '105' } }).methods;
    expect(method).toMatchObject({
      method: 'product_benchmark',
      applicable: true,
      colour: 'yellow',
      thresholds: { benchmark: '100', midpoint: '108.5', base: '117' },
      benchmarkRef: 'cement_clinker@1',
      benchmarkStatus: 'secondary',
    });
    expect(method?.reason.zh).toContain('黄');
    expect(method?.reason.en).toContain('yellow');
  });

  // converter_process: 标杆 −30, 基准 −10 (net energy recovery); scheme v2 keeps the same bands.
  it.each([
    { value: '-31', colour: 'green' },
    { value: '-30', colour: 'green' },
    { value: '-29.9', colour: 'yellow' },
    { value: '-20', colour: 'yellow' },
    { value: '-19.9', colour: 'orange' },
    { value: '-10', colour: 'orange' },
    { value: '-9.9', colour: 'red' },
    { value: '5', colour: 'red' },
  ])('negative indicator: converter_process $value → $colour', ({ value, colour }) => {
    expect(productColour('converter_process', value)).toBe(colour);
  });

  it('gives decimal-string thresholds for negative and fractional records', () => {
    expect(decideLabel({ productBenchmark: { benchmarkId: 'converter_process', value: '-20' } }).methods[0]?.thresholds).toEqual({
      benchmark: '-30',
      midpoint: '-20',
      base: '-10',
    });
    expect(decideLabel({ productBenchmark: { benchmarkId: 'flat_glass_medium', value: '9.5' } }).methods[0]?.thresholds).toEqual({
      benchmark: '9.5',
      midpoint: '11.5',
      base: '13.5',
    });
  });
});

describe('decideLabel: industry intensity ratio bands (K = enterprise ÷ industry)', () => {
  it.each([
    { e: '0.8', avg: '1', colour: 'green', why: 'K exactly 0.8' },
    { e: '0.8000000001', avg: '1', colour: 'yellow', why: 'just above 0.8' },
    { e: '1.2', avg: '1', colour: 'yellow', why: 'K exactly 1.2' },
    { e: '1.2000000001', avg: '1', colour: 'orange', why: 'just above 1.2' },
    { e: '2', avg: '1', colour: 'orange', why: 'K exactly 2.0' },
    { e: '2.0000000001', avg: '1', colour: 'red', why: 'just above 2.0' },
    { e: '0', avg: '3', colour: 'green', why: 'no emissions' },
    { e: '0.24', avg: '0.3', colour: 'green', why: 'K = 0.8 with a fractional average' },
    // 29 significant digits, within the 30-digit input limit: K exceeds 0.8 by 3.3 × 10^-28.
    { e: `0.24${'0'.repeat(26)}1`, avg: '0.3', colour: 'yellow', why: 'K a hair above 0.8' },
    { e: `2.39999999999999999999999999999`, avg: '3', colour: 'green', why: 'K a hair below 0.8' },
    { e: '1', avg: '3', colour: 'green', why: 'K = 1/3, non-terminating' },
  ])('$e ÷ $avg → $colour ($why)', ({ e, avg, colour }) => {
    expect(ratioColour(e, avg)).toBe(colour);
  });

  it('states K, the thresholds as decimal strings and no benchmark reference', () => {
    const [method] = decideLabel({ intensityRatio: { enterpriseIntensity: '3.0', industryAverageIntensity: '2.0' } }).methods;
    expect(method).toMatchObject({
      method: 'industry_intensity_ratio',
      applicable: true,
      colour: 'orange',
      ratio: '1.5',
      thresholds: { green: '0.8', yellow: '1.2', orange: '2.0' },
    });
    expect(method?.benchmarkRef).toBeUndefined();
  });

  it.each(['0', '-1', '0.0'])('refuses an industry average of %s with VALIDATION_FAILED', (avg) => {
    const error = labelError({ intensityRatio: { enterpriseIntensity: '1', industryAverageIntensity: avg } });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.path).toBe('intensityRatio.industryAverageIntensity');
  });
});

describe('decideLabel: combination', () => {
  it.each([
    { value: '99', e: '2.5', avg: '2.0', colour: 'orange', why: 'green product, orange ratio (K 1.25)' },
    { value: '117.5', e: '2', avg: '2.0', colour: 'red', why: 'red product, yellow ratio (K 1)' },
    { value: '105', e: '2', avg: '2.0', colour: 'yellow', why: 'both yellow' },
    { value: '110', e: '1', avg: '2', colour: 'orange', why: 'orange product, green ratio (K 0.5)' },
    { value: '100', e: '5', avg: '2', colour: 'red', why: 'green product, red ratio (K 2.5)' },
  ])('the worse colour wins: $why', ({ value, e, avg, colour }) => {
    const result = decideLabel({
      productBenchmark: { benchmarkId: 'cement_clinker', value },
      intensityRatio: { enterpriseIntensity: e, industryAverageIntensity: avg },
    });
    expect(result.colour).toBe(colour);
    expect(result.methods.map((m) => m.method)).toEqual(['product_benchmark', 'industry_intensity_ratio']);
  });

  it.each(['eaf', 'coke_stamp_charging', 'methanol_cog'])('%s (标杆 or 基准 null) is not applicable and does not count', (benchmarkId) => {
    const result = decideLabel({
      productBenchmark: { benchmarkId, value: '1' },
      intensityRatio: { enterpriseIntensity: '1', industryAverageIntensity: '1' },
    });
    expect(result.colour).toBe('yellow');
    expect(result.methods[0]).toMatchObject({ method: 'product_benchmark', applicable: false, benchmarkRef: `${benchmarkId}@1` });
    expect(result.methods[0]?.colour).toBeUndefined();
    expect(result.methods[0]?.reason.en).toContain('not applicable');
  });

  it('answers NO_APPLICABLE_METHOD when the only method is not applicable, with its reason', () => {
    const error = labelError({ productBenchmark: { benchmarkId: 'eaf', value: '80' } });
    expect(error.code).toBe('NO_APPLICABLE_METHOD');
    expect(error.methods?.[0]?.applicable).toBe(false);
    expect(error.message).toContain('eaf');
  });

  it('answers NO_APPLICABLE_METHOD for an empty request', () => {
    expect(labelError({}).code).toBe('NO_APPLICABLE_METHOD');
  });
});

describe('decideLabel: provisional', () => {
  it('is false for a secondary benchmark', () => {
    expect(decideLabel({ productBenchmark: { benchmarkId: 'cement_clinker', value: '90' } }).provisional).toBe(false);
  });

  it('is true when an unverified benchmark decides, whatever the colour', () => {
    for (const value of ['1000', '1500', '1700', '2000']) {
      expect(decideLabel({ productBenchmark: { benchmarkId: 'methanol_coal', value } }).provisional).toBe(true);
    }
  });

  it('is true when an unverified benchmark is used even if the other method gives the worse colour', () => {
    const result = decideLabel({
      productBenchmark: { benchmarkId: 'methanol_coal', value: '1000' },
      intensityRatio: { enterpriseIntensity: '9', industryAverageIntensity: '2' },
    });
    expect(result).toMatchObject({ colour: 'red', provisional: true });
  });

  it('is false when the unverified benchmark was not applicable (eaf)', () => {
    const result = decideLabel({
      productBenchmark: { benchmarkId: 'eaf', value: '80' },
      intensityRatio: { enterpriseIntensity: '1', industryAverageIntensity: '2' },
    });
    expect(result).toMatchObject({ colour: 'green', provisional: false });
    expect(result.methods[0]?.benchmarkStatus).toBe('unverified');
  });

  it('is false for the intensity ratio alone', () => {
    expect(decideLabel({ intensityRatio: { enterpriseIntensity: '1', industryAverageIntensity: '2' } }).provisional).toBe(false);
  });
});

describe('decideLabel: refusals', () => {
  it('names an unknown benchmark id', () => {
    const error = labelError({ productBenchmark: { benchmarkId: 'cement_klinker', value: '100' } });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.path).toBe('productBenchmark.benchmarkId');
    expect(error.message).toContain('cement_klinker');
  });

  it.each(['', 'abc', '1e3', '1,5', 'NaN', 'Infinity', '1234567890123456789012345678901', ' 100', '100.', '.5'])('refuses the value %j', (value) => {
    const error = labelError({ productBenchmark: { benchmarkId: 'cement_clinker', value } });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.path).toBe('productBenchmark.value');
  });

  it('refuses a higher-is-better benchmark (标杆 above 基准) rather than invert it', () => {
    const body = { id: 'yield_like', version: 1, status: 'design', nameZh: '收率', indicator: '产品收率', unit: '%', benchmark: '95', base: '90' };
    const library = new ReferenceLibrary([{ kind: 'energy_benchmark', id: 'yield_like', version: 1, status: 'design', body }]);
    const error = labelError({ productBenchmark: { benchmarkId: 'yield_like', value: '92' } }, library);
    expect(error.code).toBe('UNSUPPORTED_BENCHMARK');
    expect(error.message).toContain('yield_like@1');
  });

  it('every reference benchmark with both values has 标杆 ≤ 基准 (lower is better)', () => {
    for (const id of ['cement_clinker', 'coke_top_charging', 'blast_furnace_process', 'converter_process', 'electrolytic_aluminium', 'oil_refining']) {
      expect(() => productColour(id, '0')).not.toThrow();
    }
  });
});

describe('decideLabel: properties', () => {
  // Decimal strings with up to 6 integer and 4 fraction digits: exact, within the 30-digit limit.
  const decimalText = (min: number) => fc.tuple(fc.integer({ min, max: 999_999 }), fc.integer({ min: 0, max: 9_999 })).map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);

  it('a higher (worse) enterprise intensity never gives a better colour', () => {
    fc.assert(
      fc.property(decimalText(0), decimalText(0), decimalText(1), (a, b, avg) => {
        const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
        expect(rank[ratioColour(high, avg)]).toBeGreaterThanOrEqual(rank[ratioColour(low, avg)]);
      }),
    );
  });

  it('a higher (worse) product value never gives a better colour', () => {
    fc.assert(
      fc.property(decimalText(0), decimalText(0), fc.constantFrom('cement_clinker', 'methanol_coal', 'flat_glass_large'), (a, b, id) => {
        const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
        expect(rank[productColour(id, high) ?? 'green']).toBeGreaterThanOrEqual(rank[productColour(id, low) ?? 'green']);
      }),
    );
  });

  it('the label is the worst of the method colours', () => {
    fc.assert(
      fc.property(decimalText(0), decimalText(0), decimalText(1), (value, e, avg) => {
        const both = decideLabel({
          productBenchmark: { benchmarkId: 'cement_clinker', value },
          intensityRatio: { enterpriseIntensity: e, industryAverageIntensity: avg },
        });
        const worst = Math.max(rank[productColour('cement_clinker', value) ?? 'green'], rank[ratioColour(e, avg)]);
        expect(rank[both.colour]).toBe(worst);
      }),
    );
  });
});
