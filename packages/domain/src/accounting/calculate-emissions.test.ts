import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal as DecimalBase } from 'decimal.js';
import accountingCases from './cases/accounting.json' with { type: 'json' };
import { AccountingInputError, calculateEmissions, computeEmissions, type EmissionsRequest, type ExactEmissions } from './calculate-emissions.ts';

/** Same working precision as the calculator (40 digits), so the comparisons themselves do not round. */
const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
type Decimal = InstanceType<typeof Decimal>;

interface Case {
  readonly name: string;
  readonly request: EmissionsRequest;
  readonly expected: Record<string, unknown>;
}

const cases = accountingCases.cases as unknown as readonly Case[];

describe('calculateEmissions: shared worked cases', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = calculateEmissions(c.request) as unknown as Record<string, unknown>;
    for (const [field, expected] of Object.entries(c.expected)) {
      if (field === 'lines') {
        const lines = result['lines'] as readonly Record<string, unknown>[];
        const expectedLines = expected as readonly Record<string, unknown>[];
        expect(lines).toHaveLength(expectedLines.length);
        expectedLines.forEach((line, i) => {
          // Extra fields in the answer (factorIds) are fine; every given field must match.
          expect(lines[i]).toMatchObject(line);
        });
      } else {
        expect({ [field]: result[field] }).toEqual({ [field]: expected });
      }
    }
  });
});

describe('calculateEmissions: references, provisional values and warnings', () => {
  it('reports factor ids with versions per line', () => {
    const result = calculateEmissions({
      electricityFactor: 'cn_shandong_2022',
      activities: [
        { type: 'fuel', fuel: 'anthracite', quantity: '1', unit: 't' },
        { type: 'electricity_purchased', quantity: '1', unit: 'MWh' },
        { type: 'heat_purchased', quantity: '1', unit: 'GJ' },
        { type: 'direct_gas', gas: 'CH4', quantity: '1', unit: 't' },
        { type: 'process', material: 'limestone', quantity: '1', unit: 't' },
      ],
    });
    expect(result.lines.map((l) => l.factorIds)).toEqual([
      ['cn_industry_other_2015@1/anthracite', 'tce_definition@1'],
      ['cn_shandong_2022@1', 'electricity_equivalent@1'],
      ['cn_heat_default@1', 'heat@1'],
      ['ipcc_sar@1/CH4'],
      ['limestone@1'],
    ]);
    expect(result.factorSet).toBe('cn_industry_other_2015@1');
    expect(result.electricityFactor).toBe('cn_shandong_2022@1');
    expect(result.heatFactor).toBe('cn_heat_default@1');
    expect(result.gwpSet).toBe('ipcc_sar@1');
    expect(result.provisional).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  it('accepts pinned versions and rejects unknown ones with the activity index', () => {
    const ok = calculateEmissions({ factorSet: 'cn_steel_2013@1', activities: [{ type: 'fuel', fuel: 'coke', quantity: '1', unit: 't' }] });
    expect(ok.lines[0]?.factorIds[0]).toBe('cn_steel_2013@1/coke');
    expect(() => calculateEmissions({ factorSet: 'cn_steel_2013@2', activities: [{ type: 'fuel', fuel: 'coke', quantity: '1', unit: 't' }] })).toThrow(
      expect.objectContaining({ code: 'unknown_reference', index: 0 }),
    );
  });

  it('marks results using unverified values as provisional', () => {
    // Naphtha in the steel set is unverified; so is the 2021 excl.-market-non-fossil grid factor.
    expect(calculateEmissions({ factorSet: 'cn_steel_2013', activities: [{ type: 'fuel', fuel: 'naphtha', quantity: '1', unit: 't' }] }).provisional).toBe(true);
    expect(
      calculateEmissions({
        electricityFactor: 'cn_national_excl_market_nonfossil_2021',
        activities: [{ type: 'electricity_purchased', quantity: '1', unit: 'MWh' }],
      }).provisional,
    ).toBe(true);
    // Steam by mass uses the recalled (unverified) guide formula.
    const steam = calculateEmissions({
      activities: [{ type: 'heat_purchased', quantity: '10', unit: 't', medium: 'steam', enthalpyKjPerKg: '2783.74' }],
    });
    expect(steam.provisional).toBe(true);
    expect(steam.scope2Tco2e).toBe('2.970'); // 10 t × 2700 kJ/kg = 27 GJ × 0.11
  });

  it('warns for green electricity against a factor that keeps market non-fossil power, and for ETS factors', () => {
    const green = calculateEmissions({
      electricityFactor: 'cn_national_2022',
      activities: [{ type: 'electricity_green', quantity: '5', unit: 'MWh', certificateIds: ['GEC-1'] }],
    });
    expect(green.warnings).toHaveLength(1);
    expect(green.scope2Tco2e).toBe('0.000');
    expect(green.nonFossilElectricityMwh).toBe('5.000');
    const ets = calculateEmissions({ electricityFactor: 'cn_ets_grid_2022', activities: [{ type: 'electricity_purchased', quantity: '1', unit: 'MWh' }] });
    expect(ets.warnings).toHaveLength(1);
  });

  it('subtracts carbon fixed in products', () => {
    const r = calculateEmissions({ activities: [{ type: 'process', material: 'pig_iron', quantity: '100', unit: 't' }] });
    expect(r.scope1Tco2e).toBe('-17.200');
    expect(r.lines[0]?.tco2e).toBe('-17.200');
  });
});

describe('calculateEmissions: input errors', () => {
  const fuel = (over: Record<string, unknown>): EmissionsRequest => ({
    activities: [
      { type: 'fuel', fuel: 'diesel', quantity: '1', unit: 't' },
      { type: 'fuel', fuel: 'diesel', quantity: '1', unit: 't', ...over },
    ],
  });
  const cases: readonly [string, EmissionsRequest, string, number | null][] = [
    ['empty list', { activities: [] }, 'empty_activities', null],
    ['unknown type', { activities: [{ type: 'nuclear' }] }, 'unknown_type', 0],
    ['unknown fuel', fuel({ fuel: 'peat' }), 'unknown_reference', 1],
    ['unknown unit', fuel({ unit: 'bbl' }), 'unknown_unit', 1],
    ['gas unit on a solid fuel', fuel({ unit: 'Nm3' }), 'unknown_unit', 1],
    ['negative quantity', fuel({ quantity: '-1' }), 'negative_number', 1],
    ['NaN', fuel({ quantity: 'NaN' }), 'invalid_number', 1],
    ['Infinity', fuel({ quantity: 'Infinity' }), 'invalid_number', 1],
    ['exponent', fuel({ quantity: '1e3' }), 'invalid_number', 1],
    ['13 decimals', fuel({ quantity: '0.0000000000001' }), 'too_many_decimals', 1],
    ['oxidation > 1', fuel({ oxidationRate: '1.01' }), 'fraction_out_of_range', 1],
    ['unknown electricity factor', { electricityFactor: 'cn_mars_2022', activities: [{ type: 'electricity_purchased', quantity: '1', unit: 'MWh' }] }, 'unknown_reference', 0],
    ['unknown factor set with no fuel activity', { factorSet: 'cn_nowhere_2015', activities: [{ type: 'heat_purchased', quantity: '1', unit: 'GJ' }] }, 'unknown_reference', null],
    [
      'unknown heat factor names the first heat activity',
      {
        heatFactor: 'cn_heat_x',
        activities: [
          { type: 'process', material: 'limestone', quantity: '1', unit: 't' },
          { type: 'heat_exported', quantity: '1', unit: 'GJ' },
        ],
      },
      'unknown_reference',
      1,
    ],
    ['unknown gas', { activities: [{ type: 'direct_gas', gas: 'SF6', quantity: '1', unit: 't' }] }, 'unknown_reference', 0],
    ['CaO + MgO > 1', { activities: [{ type: 'clinker', quantity: '1', caoFraction: '0.9', mgoFraction: '0.2' }] }, 'oxide_sum_exceeds_one', 0],
    ['carbon fraction > 1', { activities: [{ type: 'mass_balance', inputs: [{ quantity: '1', unit: 't', carbonFraction: '1.5' }], outputs: [] }] }, 'fraction_out_of_range', 0],
    ['steam without enthalpy', { activities: [{ type: 'heat_purchased', quantity: '1', unit: 't' }] }, 'missing_field', 0],
  ];
  it.each(cases)('%s', (_name, request, code, index) => {
    let caught: unknown;
    try {
      calculateEmissions(request);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AccountingInputError);
    expect(caught).toMatchObject({ code, index });
  });
});

/* ---------- properties, on the exact (unrounded) figures ---------- */

/** Plain decimal strings with up to 6 decimals, 0 … 10^6. */
const amount = fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 999_999 })).map(([i, f]) => `${i}.${String(f).padStart(6, '0')}`);
const fraction = fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n).div(1_000_000).toFixed(6));

const activity = fc.oneof(
  fc.record({
    type: fc.constant('fuel'),
    fuel: fc.constantFrom('anthracite', 'bituminous_coal', 'diesel', 'lng', 'coke'),
    quantity: amount,
    unit: fc.constantFrom('t', 'kg'),
    use: fc.constantFrom('combustion', 'feedstock'),
  }),
  fc.record({ type: fc.constant('fuel'), fuel: fc.constantFrom('natural_gas', 'coke_oven_gas'), quantity: amount, unit: fc.constantFrom('10^4 Nm3', 'Nm3', 'm3@20C') }),
  fc.record({ type: fc.constant('process'), material: fc.constantFrom('limestone', 'dolomite', 'pig_iron'), quantity: amount, unit: fc.constant('t') }),
  fc.record({ type: fc.constant('clinker'), quantity: amount, caoFraction: fc.constant('0.65'), mgoFraction: fc.constant('0.02') }),
  fc.record({
    type: fc.constant('mass_balance'),
    inputs: fc.array(fc.record({ quantity: amount, unit: fc.constant('t'), carbonFraction: fraction }), { maxLength: 2 }),
    outputs: fc.array(fc.record({ quantity: amount, unit: fc.constant('t'), carbonFraction: fraction }), { maxLength: 2 }),
  }),
  fc.record({ type: fc.constant('direct_gas'), gas: fc.constantFrom('CH4', 'N2O', 'CO2'), quantity: amount, unit: fc.constant('t') }),
  fc.record({ type: fc.constantFrom('electricity_purchased', 'electricity_exported', 'electricity_green'), quantity: amount, unit: fc.constantFrom('MWh', 'kWh') }),
  fc.record({ type: fc.constantFrom('heat_purchased', 'heat_exported'), quantity: amount, unit: fc.constantFrom('GJ', 'MJ') }),
);
const activities = fc.array(activity, { minLength: 1, maxLength: 6 });

type Totals = readonly Decimal[];
function totals(r: ExactEmissions): Totals {
  return [r.scope1Tco2e, r.scope2Tco2e, r.exportedTco2e, r.energyTce, r.feedstockTce, r.nonFossilElectricityMwh].map((d) => new Decimal(d.toString()));
}
/** Equal up to the 40-digit working precision (divisions are not exact). */
function expectClose(a: Totals, b: Totals): void {
  a.forEach((x, i) => {
    const y = b[i] ?? new Decimal(NaN);
    const tolerance = Decimal.max(x.abs(), y.abs(), 1).mul('1e-30');
    expect(x.sub(y).abs().lte(tolerance), `${x.toString()} vs ${y.toString()} (total ${i})`).toBe(true);
  });
}
const run = (list: readonly unknown[]): Totals => totals(computeEmissions({ electricityFactor: 'cn_shandong_2022', activities: list }));

describe('calculateEmissions: properties', () => {
  it('is additive over activity lists', () => {
    fc.assert(
      fc.property(activities, activities, (a, b) => {
        const sum = run(a).map((x, i) => x.add(run(b)[i] ?? 0));
        expectClose(run([...a, ...b]), sum);
      }),
    );
  });

  it('scales linearly with quantities', () => {
    fc.assert(
      fc.property(activities, fc.integer({ min: 0, max: 1000 }), (list, k) => {
        const scale = (q: string): string => new Decimal(q).mul(k).toFixed();
        const scaled = list.map((a) => {
          if (a.type === 'mass_balance') {
            return { ...a, inputs: a.inputs.map((f) => ({ ...f, quantity: scale(f.quantity) })), outputs: a.outputs.map((f) => ({ ...f, quantity: scale(f.quantity) })) };
          }
          return { ...a, quantity: scale(a.quantity) };
        });
        expectClose(
          run(scaled),
          run(list).map((x) => x.mul(k)),
        );
      }),
    );
  });

  it('does not depend on activity order', () => {
    fc.assert(
      fc.property(
        activities.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([list, shuffled]) => {
          expectClose(run(shuffled), run(list));
        },
      ),
    );
  });

  it('gives the same result for t vs kg, MWh vs kWh and GJ vs MJ', () => {
    const pairs = [
      { type: 'fuel', fuel: 'diesel', big: 't', small: 'kg' },
      { type: 'process', material: 'limestone', big: 't', small: 'kg' },
      { type: 'direct_gas', gas: 'N2O', big: 't', small: 'kg' },
      { type: 'electricity_purchased', big: 'MWh', small: 'kWh' },
      { type: 'electricity_exported', big: 'MWh', small: 'kWh' },
      { type: 'heat_purchased', big: 'GJ', small: 'MJ' },
      { type: 'heat_exported', big: 'GJ', small: 'MJ' },
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...pairs), amount, ({ big, small, ...rest }, q) => {
        const inBig = run([{ ...rest, quantity: q, unit: big }]);
        const inSmall = run([{ ...rest, quantity: new Decimal(q).mul(1000).toFixed(), unit: small }]);
        expectClose(inBig, inSmall);
        const rounded = calculateEmissions({ activities: [{ ...rest, quantity: q, unit: big }] });
        const roundedSmall = calculateEmissions({ activities: [{ ...rest, quantity: new Decimal(q).mul(1000).toFixed(), unit: small }] });
        expect(roundedSmall).toEqual(rounded);
      }),
    );
  });
});
