import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEmissions } from '../accounting/calculate-emissions.ts';
import { accountFigures, monthlyFiguresFromEmissions, type MonthlyFigures } from './account-figures.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { parsePeriod } from './periods.ts';

/** A month of figures with round defaults; override what the case is about. */
function month(m: string, overrides: Partial<MonthlyFigures> = {}): MonthlyFigures {
  return {
    month: m,
    scope1Tco2e: '100',
    scope2Tco2e: '50',
    exportedTco2e: '10',
    energyTce: '60',
    feedstockTce: '0',
    nonFossilElectricityMwh: '5',
    production: [{ productId: 'clinker', output: '1000', unit: 't', unitEnergyConsumption: '110', benchmarkId: 'cement_clinker' }],
    outputValue10kCny: '40',
    valueAdded10kCny: '10',
    quality: 'reported',
    provisional: false,
    factorRefs: ['cn_shandong_2022@1'],
    ...overrides,
  };
}

function monthsOf(period: string, overrides: (m: string, i: number) => Partial<MonthlyFigures> = () => ({})): MonthlyFigures[] {
  return parsePeriod(period).months.map((m, i) => month(m, overrides(m, i)));
}

function inputError(run: () => unknown): CarbonAccountInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof CarbonAccountInputError) return error;
    throw error;
  }
  throw new Error('expected a CarbonAccountInputError');
}

describe('accountFigures: sums and the account total', () => {
  it('adds the months of a quarter exactly and rounds only at output', () => {
    const a = accountFigures({
      period: '2024-Q1',
      industryClass: '3011',
      months: [
        month('2024-01', { scope1Tco2e: '0.1234', scope2Tco2e: '0.0001' }),
        month('2024-02', { scope1Tco2e: '0.0001', scope2Tco2e: '0.0002' }),
        month('2024-03', { scope1Tco2e: '0.0001', scope2Tco2e: '0.0002' }),
      ],
    });
    // 0.1236 → 0.124 and 0.0005 → 0.001: rounding the months first would give 0.123 and 0.000.
    expect(a).toMatchObject({ period: '2024-Q1', periodType: 'quarter', scope1Tco2e: '0.124', scope2Tco2e: '0.001', grossTco2e: '0.124', exportedTco2e: '30.000' });
    expect(a.netTco2e).toBe('-29.876');
  });

  it.each([
    { industryClass: '3011', basis: 'net', emissions: '1680.000' },
    { industryClass: '4411', basis: 'gross', emissions: '1800.000' },
    { industryClass: '4412', basis: 'gross', emissions: '1800.000' },
    { industryClass: '4416', basis: 'net', emissions: '1680.000' },
  ])('class $industryClass → $basis emissions $emissions', ({ industryClass, basis, emissions }) => {
    const a = accountFigures({ period: '2024', industryClass, months: monthsOf('2024') });
    expect(a.grossTco2e).toBe('1800.000');
    expect(a.netTco2e).toBe('1680.000');
    expect(a.emissionsBasis).toBe(basis);
    expect(a.emissionsTco2e).toBe(emissions);
  });

  it('rounds half away from zero and never prints a negative zero', () => {
    const one = (scope1: string) =>
      accountFigures({ period: '2024-01', industryClass: '3011', months: [month('2024-01', { scope1Tco2e: scope1, scope2Tco2e: '0', exportedTco2e: '0' })] });
    expect(one('0.0005').scope1Tco2e).toBe('0.001');
    expect(one('-0.0005').scope1Tco2e).toBe('-0.001');
    expect(one('-0.0004').scope1Tco2e).toBe('0.000');
    expect(one('2.0004999').scope1Tco2e).toBe('2.000');
  });

  it('sums energy, feedstock energy and non-fossil electricity', () => {
    const a = accountFigures({ period: '2024-Q2', industryClass: '2614', months: monthsOf('2024-Q2', (_, i) => ({ feedstockTce: String(i + 1) })) });
    expect(a).toMatchObject({ energyTce: '180.000', feedstockTce: '6.000', nonFossilElectricityMwh: '15.000' });
  });
});

describe('accountFigures: intensities', () => {
  it('divides the period totals: tCO2e and tce per 10^4 CNY, 6 decimals', () => {
    const a = accountFigures({ period: '2024-Q1', industryClass: '3011', months: monthsOf('2024-Q1', (_, i) => ({ valueAdded10kCny: ['10', '20', '0.5'][i] ?? '0' })) });
    // 420 ÷ 30.5 = 13.770491803…; 180 ÷ 30.5 = 5.901639344…; 420 ÷ 120 = 3.5.
    expect(a).toMatchObject({
      valueAdded10kCny: '30.5000',
      intensityPerValueAdded: '13.770492',
      energyPerValueAdded: '5.901639',
      intensityPerOutputValue: '3.500000',
      outputValue10kCny: '120.0000',
    });
  });

  it('is null when value added is missing in any month, or sums to zero or less', () => {
    const missing = accountFigures({ period: '2024-Q1', industryClass: '3011', months: monthsOf('2024-Q1', (_, i) => (i === 1 ? { valueAdded10kCny: null } : {})) });
    expect(missing).toMatchObject({ intensityPerValueAdded: null, energyPerValueAdded: null, valueAdded10kCny: null, intensityPerOutputValue: '3.500000' });
    expect(missing.completeness.monthsWithValueAdded).toBe(2);
    expect(missing.warnings.join(' ')).toContain('value added missing for 1 of 3 months');
    const zero = accountFigures({ period: '2024-Q1', industryClass: '3011', months: monthsOf('2024-Q1', (_, i) => ({ valueAdded10kCny: ['5', '-5', '0'][i] ?? '0' })) });
    expect(zero.intensityPerValueAdded).toBeNull();
    expect(zero.valueAdded10kCny).toBe('0.0000');
  });

  it('is null when a month of the period has no figures at all', () => {
    const a = accountFigures({ period: '2024-Q1', industryClass: '3011', months: monthsOf('2024-Q1').slice(0, 2) });
    expect(a.intensityPerValueAdded).toBeNull();
    expect(a.intensityPerOutputValue).toBeNull();
  });
});

describe('accountFigures: products', () => {
  it('sums output and takes the output-weighted mean of the reported unit energy consumption', () => {
    const a = accountFigures({
      period: '2024-Q1',
      industryClass: '3011',
      months: monthsOf('2024-Q1', (_, i) => ({
        production: [
          { productId: 'clinker', output: ['1000', '3000', '0'][i] ?? '0', unit: 't', unitEnergyConsumption: ['100', '120', '500'][i] ?? null, benchmarkId: 'cement_clinker' },
          { productId: 'cement', output: '1250.5', unit: 't' },
        ],
      })),
    });
    // (1000 × 100 + 3000 × 120 + 0 × 500) ÷ 4000 = 115.
    expect(a.products).toEqual([
      { productId: 'clinker', benchmarkId: 'cement_clinker', unit: 't', output: '4000.000', unitEnergyConsumption: '115.0000', estimated: false },
      { productId: 'cement', benchmarkId: null, unit: 't', output: '3751.500', unitEnergyConsumption: null, estimated: false },
    ]);
  });

  it('gives null when any month lacks the value, with several products (no estimate)', () => {
    const a = accountFigures({
      period: '2024-Q1',
      industryClass: '3011',
      months: monthsOf('2024-Q1', (_, i) => ({
        production: [
          { productId: 'clinker', output: '1000', unit: 't', unitEnergyConsumption: i === 2 ? null : '110', benchmarkId: 'cement_clinker' },
          { productId: 'cement', output: '1250', unit: 't' },
        ],
      })),
    });
    expect(a.products[0]).toMatchObject({ unitEnergyConsumption: null, estimated: false });
  });

  it('estimates site energy ÷ output for a single tonne-based product and says so', () => {
    const a = accountFigures({
      period: '2024-Q1',
      industryClass: '2521',
      months: monthsOf('2024-Q1', () => ({ energyTce: '40.5', production: [{ productId: 'coke', output: '300', unit: 't', benchmarkId: 'coke_top_charging' }] })),
    });
    // 121.5 tce × 1000 ÷ 900 t = 135 kgce/t.
    expect(a.products).toEqual([{ productId: 'coke', benchmarkId: 'coke_top_charging', unit: 't', output: '900.000', unitEnergyConsumption: '135.0000', estimated: true }]);
    expect(a.warnings.join(' ')).toContain('estimate');
  });

  it.each([
    { why: 'unit is not t', production: [{ productId: 'power', output: '300', unit: 'MWh' }] },
    { why: 'output is zero', production: [{ productId: 'coke', output: '0', unit: 't' }] },
  ])('does not estimate when the $why', ({ production }) => {
    const a = accountFigures({ period: '2024-01', industryClass: '2521', months: [month('2024-01', { production })] });
    expect(a.products[0]).toMatchObject({ unitEnergyConsumption: null, estimated: false });
  });

  it('refuses a product reported in two units or with two benchmarks', () => {
    const units = inputError(() =>
      accountFigures({
        period: '2024-Q1',
        industryClass: '3011',
        months: [month('2024-01'), month('2024-02', { production: [{ productId: 'clinker', output: '1', unit: 'kg' }] })],
      }),
    );
    expect(units.path).toBe('months[1].production[0].unit');
    const benchmarks = inputError(() =>
      accountFigures({
        period: '2024-Q1',
        industryClass: '3011',
        months: [month('2024-01'), month('2024-02', { production: [{ productId: 'clinker', output: '1', unit: 't', benchmarkId: 'coke_top_charging' }] })],
      }),
    );
    expect(benchmarks.path).toBe('months[1].production[0].benchmarkId');
  });
});

describe('accountFigures: completeness, quality, provenance', () => {
  it('lists the missing months and the share of months with figures', () => {
    const a = accountFigures({
      period: '2024',
      industryClass: '3011',
      months: monthsOf('2024')
        .filter((m) => !['2024-02', '2024-07', '2024-11'].includes(m.month))
        .map((m) => (m.month === '2024-05' ? { ...m, production: [] } : m)),
    });
    expect(a.completeness).toEqual({
      monthsExpected: 12,
      monthsWithActivity: 9,
      monthsWithProduction: 8,
      monthsWithValueAdded: 9,
      complete: false,
      share: '0.7500',
      missingMonths: ['2024-02', '2024-07', '2024-11'],
    });
    expect(a.warnings[0]).toContain('2024-02, 2024-07, 2024-11');
  });

  it('handles a period without any month', () => {
    const a = accountFigures({ period: '2024-03R12', industryClass: '3011', months: [] });
    expect(a).toMatchObject({
      periodType: 'rolling12',
      scope1Tco2e: '0.000',
      products: [],
      intensityPerValueAdded: null,
      quality: { reported: 0, utilityMetered: 0, verified: 0, level: 'reported' },
    });
    expect(a.completeness).toMatchObject({ monthsExpected: 12, monthsWithActivity: 0, complete: false, share: '0.0000' });
  });

  it('counts months by quality and reports the lowest', () => {
    const quality = (qs: MonthlyFigures['quality'][]) =>
      accountFigures({ period: '2024-Q1', industryClass: '3011', months: monthsOf('2024-Q1', (_, i) => ({ quality: qs[i] ?? 'verified' })) }).quality;
    expect(quality(['verified', 'utility_metered', 'verified'])).toEqual({ reported: 0, utilityMetered: 1, verified: 2, level: 'utility_metered' });
    expect(quality(['verified', 'verified', 'verified'])).toMatchObject({ level: 'verified' });
    expect(quality(['verified', 'reported', 'utility_metered'])).toMatchObject({ level: 'reported' });
  });

  it('is provisional when any month is, and lists factor references sorted and unique and warnings once', () => {
    const a = accountFigures({
      period: '2024-Q1',
      industryClass: '3011',
      months: monthsOf('2024-Q1', (_, i) => ({
        provisional: i === 1,
        factorRefs: i === 0 ? ['b@1', 'a@1/x'] : ['a@1/x', 'c@2'],
        warnings: ['grid factor is for ETS reporting'],
      })),
    });
    expect(a.provisional).toBe(true);
    expect(a.factorRefs).toEqual(['a@1/x', 'b@1', 'c@2']);
    expect(a.warnings).toEqual(['grid factor is for ETS reporting']);
  });
});

describe('accountFigures: year on year', () => {
  const previous = accountFigures({ period: '2023', industryClass: '3011', months: monthsOf('2023') });

  it('compares emissions and intensity with the same period a year earlier, 2 decimals', () => {
    const a = accountFigures({ period: '2024', industryClass: '3011', previousYear: previous, months: monthsOf('2024', () => ({ scope1Tco2e: '90', valueAdded10kCny: '11' })) });
    // Emissions 1560 vs 1680: −7.142857…%; intensity 1560/132 = 11.818181… vs 14: −15.584415…%.
    expect(a.yoy).toEqual({ emissionsChangePercent: '-7.14', intensityChangePercent: '-15.58' });
  });

  it.each([
    { why: 'no previous account', previousYear: null, months: monthsOf('2024') },
    {
      why: 'the previous account is incomplete',
      previousYear: accountFigures({ period: '2023', industryClass: '3011', months: monthsOf('2023').slice(1) }),
      months: monthsOf('2024'),
    },
    { why: 'this account is incomplete', previousYear: previous, months: monthsOf('2024').slice(1) },
    { why: 'the previous emissions are zero', previousYear: { ...previous, emissionsTco2e: '0.000', intensityPerValueAdded: '0.000000' }, months: monthsOf('2024') },
    { why: 'the bases differ', previousYear: { ...previous, emissionsBasis: 'gross' as const }, months: monthsOf('2024') },
  ])('is null when $why', ({ previousYear, months }) => {
    const a = accountFigures({ period: '2024', industryClass: '3011', previousYear, months });
    expect(a.yoy).toEqual({ emissionsChangePercent: null, intensityChangePercent: null });
  });

  it('refuses a previous account of another period', () => {
    expect(inputError(() => accountFigures({ period: '2024', industryClass: '3011', previousYear: { ...previous, period: '2022' }, months: [] })).path).toBe('previousYear.period');
  });
});

describe('accountFigures: bad input', () => {
  it.each([
    { name: 'unknown period', options: { period: '2024-13', industryClass: '3011', months: [] }, path: 'period' },
    { name: 'malformed class', options: { period: '2024', industryClass: '30', months: [] }, path: 'industryClass' },
    { name: 'month outside the period', options: { period: '2024-Q1', industryClass: '3011', months: [month('2024-04')] }, path: 'months[0].month' },
    { name: 'month twice', options: { period: '2024-Q1', industryClass: '3011', months: [month('2024-01'), month('2024-01')] }, path: 'months[1].month' },
    { name: 'exponent', options: { period: '2024-01', industryClass: '3011', months: [month('2024-01', { scope1Tco2e: '1e3' })] }, path: 'months[0].scope1Tco2e' },
    {
      name: 'number, not string',
      options: { period: '2024-01', industryClass: '3011', months: [month('2024-01', { energyTce: 5 as unknown as string })] },
      path: 'months[0].energyTce',
    },
    { name: 'unknown quality', options: { period: '2024-01', industryClass: '3011', months: [month('2024-01', { quality: 'guessed' as 'reported' })] }, path: 'months[0].quality' },
    {
      name: 'negative output',
      options: { period: '2024-01', industryClass: '3011', months: [month('2024-01', { production: [{ productId: 'x', output: '-1', unit: 't' }] })] },
      path: 'months[0].production[0].output',
    },
  ])('$name → INVALID_INPUT at $path', ({ options, path }) => {
    const error = inputError(() => accountFigures(options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toBe(path);
  });
});

describe('accountFigures: properties', () => {
  const amount = fc
    .tuple(fc.integer({ min: -99_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([whole, fraction]) => `${whole < 0 ? '-' : ''}${Math.abs(whole)}.${String(fraction).padStart(6, '0')}`);
  const monthFigures = fc.record({ scope1: amount, scope2: amount, exported: amount, energy: amount, valueAdded: amount });

  it('the account of a year is the exact sum of its months, rounded once', () => {
    fc.assert(
      fc.property(fc.array(monthFigures, { minLength: 12, maxLength: 12 }), (values) => {
        const months = monthsOf('2024', (_, i) => {
          const v = values[i];
          return v ? { scope1Tco2e: v.scope1, scope2Tco2e: v.scope2, exportedTco2e: v.exported, energyTce: v.energy, valueAdded10kCny: v.valueAdded } : {};
        });
        const a = accountFigures({ period: '2024', industryClass: '3011', months });
        const sum = (pick: (m: MonthlyFigures) => string) => months.reduce((s, m) => s.plus(pick(m)), new Decimal(0));
        const round3 = (d: Decimal) =>
          d
            .toDecimalPlaces(3, Decimal.ROUND_HALF_UP)
            .toFixed(3)
            .replace(/^-(0\.000)$/, '$1');
        const net = sum((m) => m.scope1Tco2e)
          .plus(sum((m) => m.scope2Tco2e))
          .minus(sum((m) => m.exportedTco2e));
        expect(a.scope1Tco2e).toBe(round3(sum((m) => m.scope1Tco2e)));
        expect(a.energyTce).toBe(round3(sum((m) => m.energyTce)));
        expect(a.emissionsTco2e).toBe(round3(net));
        const va = sum((m) => m.valueAdded10kCny ?? '0');
        expect(a.intensityPerValueAdded).toBe(
          va.greaterThan(0)
            ? net
                .dividedBy(va)
                .toDecimalPlaces(6, Decimal.ROUND_HALF_UP)
                .toFixed(6)
                .replace(/^-(0\.0+)$/, '$1')
            : null,
        );
        // The four quarters add up to the year before rounding: their rounded sum is within 2 × 0.0005.
        const quarters = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'].map((q) =>
          accountFigures({ period: q, industryClass: '3011', months: months.filter((m) => parsePeriod(q).months.includes(m.month)) }),
        );
        const quarterSum = quarters.reduce((s, q) => s.plus(q.scope1Tco2e), new Decimal(0));
        expect(quarterSum.minus(a.scope1Tco2e).abs().lessThanOrEqualTo('0.002')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('completeness share stays within 0–1 and counts never exceed the months expected', () => {
    fc.assert(
      fc.property(fc.subarray(parsePeriod('2024-06R12').months as string[]), fc.boolean(), (present, dropValueAdded) => {
        const a = accountFigures({ period: '2024-06R12', industryClass: '3011', months: present.map((m) => month(m, dropValueAdded ? { valueAdded10kCny: null } : {})) });
        const share = new Decimal(a.completeness.share);
        expect(share.greaterThanOrEqualTo(0) && share.lessThanOrEqualTo(1)).toBe(true);
        expect(a.completeness.monthsWithActivity).toBe(present.length);
        expect(a.completeness.monthsWithValueAdded).toBeLessThanOrEqual(a.completeness.monthsExpected);
        expect(a.completeness.missingMonths.length + a.completeness.monthsWithActivity).toBe(12);
        expect(a.completeness.complete).toBe(present.length === 12);
        if (!a.completeness.complete || dropValueAdded) expect(a.intensityPerValueAdded).toBeNull();
      }),
    );
  });
});

describe('monthlyFiguresFromEmissions', () => {
  it('carries the engine’s exact figures, the factor references of every line and the flags', () => {
    const emissions = computeEmissions({
      activities: [
        { type: 'fuel', fuel: 'bituminous_coal', quantity: '100', unit: 't' },
        { type: 'electricity_purchased', quantity: '1000', unit: 'MWh' },
        { type: 'electricity_exported', quantity: '10', unit: 'MWh' },
        { type: 'direct_gas', gas: 'CH4', quantity: '1', unit: 't' },
      ],
    });
    const figures = monthlyFiguresFromEmissions({ month: '2024-03', emissions, production: [], outputValue10kCny: '12', valueAdded10kCny: '3', quality: 'utility_metered' });
    expect(figures).toMatchObject({ month: '2024-03', quality: 'utility_metered', valueAdded10kCny: '3', provisional: false });
    expect(figures.scope1Tco2e).toBe(emissions.scope1Tco2e.toFixed());
    expect(figures.factorRefs).toEqual(['cn_industry_other_2015@1/bituminous_coal', 'cn_shandong_2022@1', 'electricity_equivalent@1', 'ipcc_sar@1/CH4', 'tce_definition@1']);
    // Unrounded engine values are accepted and the account rounds them once.
    const a = accountFigures({ period: '2024-03', industryClass: '4411', months: [figures] });
    expect(a.scope1Tco2e).toBe(emissions.scope1Tco2e.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3));
    expect(a.exportedTco2e).toBe('6.410');
  });
});
