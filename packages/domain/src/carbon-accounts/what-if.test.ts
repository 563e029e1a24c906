import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeEmissions } from '../accounting/calculate-emissions.ts';
import { accountingDefaults, shippedReferenceLibrary as library } from '../reference/reference-library.ts';
import { accountFigures, monthlyFiguresFromEmissions } from './account-figures.ts';
import type { PeerFigures } from './industry-average.ts';
import { parsePeriod } from './periods.ts';
import { whatIf, WhatIfError, type WhatIfChange, type WhatIfMonth, type WhatIfOptions } from './what-if.ts';

/** A small coal mine: boiler coal, diesel trucks, ventilation methane, 1,000 MWh of grid power a month. */
const activities = (): Record<string, unknown>[] => [
  { type: 'fuel', fuel: 'raw_coal', quantity: '100', unit: 't', note: '供暖锅炉' },
  { type: 'fuel', fuel: 'diesel', quantity: '10', unit: 't' },
  { type: 'direct_gas', gas: 'CH4', quantity: '2', unit: 't' },
  { type: 'electricity_purchased', quantity: '600000', unit: 'kWh' },
  { type: 'electricity_purchased', quantity: '400', unit: 'MWh' },
];
const months = (period = '2024'): WhatIfMonth[] =>
  parsePeriod(period).months.map((month) => ({
    month,
    activities: activities(),
    production: [{ productId: 'raw_coal', output: '20000', unit: 't', unitEnergyConsumption: '6.5', benchmarkId: null }],
    outputValue10kCny: '1200',
    valueAdded10kCny: '500',
    quality: 'reported' as const,
  }));
/** Five peers of the same class at 1 tCO2e per 10^4 CNY: with the mine they make 6, enough for a class average. */
const peers: PeerFigures[] = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({
  enterpriseId: id,
  industryClass: '0610',
  emissionsTco2e: '1000',
  valueAdded10kCny: '1000',
  complete: true,
}));

const run = (changes: WhatIfChange[], overrides: Partial<WhatIfOptions> = {}) =>
  whatIf({ enterpriseId: 'mine', period: '2024', industryClass: '0610', months: months(), peers, changes, library, ...overrides });

const D = (v: { toFixed(): string } | string) => new Decimal(typeof v === 'string' ? v : v.toFixed());
const r3 = (v: Decimal) => v.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3);
/** The engine's exact figures for one list of lines. */
const engine = (lines: Record<string, unknown>[]) => computeEmissions({ activities: lines }, library);

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof WhatIfError) return error.issues;
    throw error;
  }
  throw new Error('expected a WhatIfError');
}

describe('whatIf', () => {
  it('without changes the scenario is the baseline, and the baseline is the account the engines make of the months', () => {
    const r = run([]);
    const account = accountFigures({
      period: '2024',
      industryClass: '0610',
      months: months().map((m) => monthlyFiguresFromEmissions({ ...m, emissions: engine(m.activities as Record<string, unknown>[]), production: m.production })),
    });
    expect(r.baseline.figures.emissionsTco2e).toBe(account.emissionsTco2e);
    expect(r.baseline.figures.intensityPerValueAdded).toBe(account.intensityPerValueAdded);
    expect(r.scenario).toEqual(r.baseline);
    expect(r.deltas).toMatchObject({ emissionsTco2e: '0.000', emissionsPercent: '0.00', colour: { from: r.baseline.label.colour, to: r.baseline.label.colour, change: 'same' } });
    expect(r.months).toHaveLength(12);
    expect(r.activities.map((a) => a.activity)).toEqual(['fuel:raw_coal', 'fuel:diesel', 'electricity_purchased']);
    expect(r.activities.find((a) => a.activity === 'electricity_purchased')).toMatchObject({ unit: 'MWh', quantity: '12000.000' });
    expect(r.fuelChoices.map((f) => f.id)).toContain('natural_gas');
  });

  it('switching 100 % of coal to gas gives baseline − the coal lines + the gas lines, each as the engine computes it', () => {
    const r = run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '100' }]);
    const coal = engine([activities()[0]!]);
    const gjPerTce = D(library.findStandardCoalFactor('tce_definition').value.gjPerTce!);
    const gasRow = library.findFuel({ factorSet: accountingDefaults.factorSet, fuel: 'natural_gas' }).value;
    const gasQuantity = D(coal.energyTce).times(gjPerTce).dividedBy(gasRow.ncvGjPerUnit).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6);
    const gas = engine([{ type: 'fuel', fuel: 'natural_gas', quantity: gasQuantity, unit: '10^4 Nm3' }]);
    const baseScope1 = engine(activities()).scope1Tco2e;
    const expected = D(baseScope1).minus(D(coal.scope1Tco2e)).plus(D(gas.scope1Tco2e)).times(12);
    expect(r.scenario.figures.scope1Tco2e).toBe(r3(expected));
    expect(D(r.scenario.figures.scope1Tco2e).lessThan(D(r.baseline.figures.scope1Tco2e))).toBe(true);
    expect(r.scenario.figures.scope2Tco2e).toBe(r.baseline.figures.scope2Tco2e);
    const [applied] = r.changes;
    expect(applied!.moved).toEqual([
      { activity: 'fuel:raw_coal', unit: 't', before: '1200.000000', after: '0.000000', delta: '-1200.000000' },
      { activity: 'fuel:natural_gas', unit: '10^4 Nm3', before: '0.000000', after: D(gasQuantity).times(12).toFixed(6), delta: D(gasQuantity).times(12).toFixed(6) },
    ]);
    expect(applied!.energy).toEqual({ fromTce: r3(D(coal.energyTce).times(12)), toTce: r3(D(gas.energyTce).times(12)) });
    expect(applied!.factorRefs).toEqual(expect.arrayContaining(['cn_industry_other_2015@1/raw_coal', 'cn_industry_other_2015@1/natural_gas', 'tce_definition@1']));
    expect(applied!.assumptions[0]!.zh).toContain('等有用能');
    const sources = new Map(r.sources.map((s) => [s.source, s]));
    expect(sources.get('fuel:raw_coal')).toMatchObject({ baselineTco2e: r3(D(coal.scope1Tco2e).times(12)), scenarioTco2e: '0.000' });
    expect(sources.get('fuel:natural_gas')).toMatchObject({ baselineTco2e: '0.000', scenarioTco2e: r3(D(gas.scope1Tco2e).times(12)), scope: 'scope1' });
    expect(r.factorRefs).toContain('cn_industry_other_2015@1/natural_gas');
  });

  it('a partial switch moves that share, and a better boiler needs proportionally less of the new fuel', () => {
    const equal = run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '60' }]);
    const better = run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '60', efficiencyRatio: '0.8' }]);
    expect(equal.changes[0]!.moved[0]).toMatchObject({ before: '1200.000000', after: '480.000000' });
    const gasEqual = D(equal.changes[0]!.moved[1]!.after);
    const gasBetter = D(better.changes[0]!.moved[1]!.after);
    expect(gasBetter.dividedBy(gasEqual).toDecimalPlaces(4).toFixed(4)).toBe('0.8000');
    expect(D(better.scenario.figures.emissionsTco2e).lessThan(D(equal.scenario.figures.emissionsTco2e))).toBe(true);
    expect(D(better.scenario.figures.energyTce).lessThan(D(equal.scenario.figures.energyTce))).toBe(true);
    // At equal efficiency the energy is unchanged (to the 6-decimal rounding of the gas quantity).
    expect(D(equal.scenario.figures.energyTce).minus(D(equal.baseline.figures.energyTce)).abs().lessThan('0.01')).toBe(true);
  });

  it('green electricity removes exactly its scope-2 emissions, keeps the energy and counts as non-fossil', () => {
    const r = run([{ kind: 'green_electricity', mwh: '3000' }]);
    const grid = D(library.findElectricityFactor(accountingDefaults.electricityFactor).value.valueTco2PerMwh);
    expect(D(r.baseline.figures.scope2Tco2e).minus(D(r.scenario.figures.scope2Tco2e)).toFixed(3)).toBe(grid.times(3000).toFixed(3));
    expect(r.scenario.figures.energyTce).toBe(r.baseline.figures.energyTce);
    expect(r.deltas.nonFossilElectricityMwh).toBe('3000.000');
    expect(r.changes[0]!.moved).toEqual([
      { activity: 'electricity_purchased', unit: 'MWh', before: '12000.000000', after: '9000.000000', delta: '-3000.000000' },
      { activity: 'electricity_green', unit: 'MWh', before: '0.000000', after: '3000.000000', delta: '3000.000000' },
    ]);
    const share = run([{ kind: 'green_electricity', sharePercent: '25' }]);
    expect(share.scenario.figures).toEqual(r.scenario.figures);
    expect(run([{ kind: 'green_electricity', sharePercent: '100' }]).scenario.figures.scope2Tco2e).toBe('0.000');
  });

  it('an efficiency gain reduces the activity by its percentage; all energy use scales energy, and the reported unit energy consumption with it', () => {
    const power = run([{ kind: 'efficiency', activity: 'electricity_purchased', reductionPercent: '10' }]);
    expect(power.scenario.figures.scope2Tco2e).toBe(r3(D(power.baseline.figures.scope2Tco2e).times('0.9')));
    expect(power.scenario.figures.scope1Tco2e).toBe(power.baseline.figures.scope1Tco2e);
    const all = run([{ kind: 'efficiency', activity: 'all_energy', reductionPercent: '10' }]);
    expect(all.scenario.figures.energyTce).toBe(r3(D(engine(activities()).energyTce).times(12).times('0.9')));
    expect(all.scenario.figures.products[0]!.unitEnergyConsumption).toBe('5.8500');
    expect(all.baseline.figures.products[0]!.unitEnergyConsumption).toBe('6.5000');
    // Methane is not energy use: unchanged.
    const ch4 = (r: typeof all) => r.sources.find((s) => s.source === 'direct_gas:CH4')!;
    expect(ch4(all).scenarioTco2e).toBe(ch4(all).baselineTco2e);
    const coal = run([{ kind: 'efficiency', activity: 'fuel:raw_coal', reductionPercent: '50' }]);
    expect(coal.changes[0]!.moved).toEqual([{ activity: 'fuel:raw_coal', unit: 't', before: '1200.000000', after: '600.000000', delta: '-600.000000' }]);
  });

  it('changes apply in order, and a change that lowers emissions enough turns orange to yellow against a recomputed industry average', () => {
    const r = run([{ kind: 'green_electricity', sharePercent: '50' }]);
    expect(r.baseline.label.colour).toBe('orange');
    expect(r.scenario.label.colour).toBe('yellow');
    expect(r.deltas.colour).toEqual({ from: 'orange', to: 'yellow', change: 'better' });
    expect(r.baseline.label.reason.zh).toContain('橙');
    expect(r.scenario.label.reason.zh).toContain('黄');
    expect(r.baseline.label.industryAverage).toMatchObject({ level: 'class', code: '0610', peerCount: 6 });
    // The enterprise counts among its peers: the scenario's average is lower than the baseline's.
    expect(D(r.scenario.label.industryAverage.averageIntensity!).lessThan(D(r.baseline.label.industryAverage.averageIntensity!))).toBe(true);
    expect(r.assumptions.map((a) => a.zh).join('')).toContain('由橙变为黄');
    // Green power first, then 50 % less purchased power: the second acts on what the first left.
    const both = run([
      { kind: 'green_electricity', sharePercent: '50' },
      { kind: 'efficiency', activity: 'electricity_purchased', reductionPercent: '50' },
    ]);
    expect(both.changes[1]!.moved[0]).toMatchObject({ before: '6000.000000', after: '3000.000000' });
  });

  it('refuses bad changes with every field named and computes nothing', () => {
    expect(issuesOf(() => run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'unobtainium', sharePercent: '120' }]))).toEqual([
      { path: 'changes.0.toFuel', code: 'unknown_fuel', message: expect.stringContaining('unobtainium') },
      { path: 'changes.0.sharePercent', code: 'out_of_range', message: expect.any(String) },
    ]);
    expect(issuesOf(() => run([{ kind: 'fuel_switch', fromFuel: 'natural_gas', toFuel: 'raw_coal', sharePercent: '10' }]))).toEqual([
      { path: 'changes.0.fromFuel', code: 'activity_not_found', message: expect.any(String) },
    ]);
    expect(issuesOf(() => run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'raw_coal', sharePercent: '10' }]))[0]!.path).toBe('changes.0.toFuel');
    expect(issuesOf(() => run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '10', efficiencyRatio: '0' }]))[0]!.path).toBe(
      'changes.0.efficiencyRatio',
    );
    expect(issuesOf(() => run([{ kind: 'green_electricity', mwh: '12000.001' }]))).toEqual([
      { path: 'changes.0.mwh', code: 'exceeds_purchased', message: expect.stringContaining('12000.000 MWh') },
    ]);
    expect(issuesOf(() => run([{ kind: 'green_electricity', mwh: '10', sharePercent: '10' }]))[0]!.code).toBe('invalid_change');
    expect(issuesOf(() => run([{ kind: 'green_electricity', sharePercent: '-5' }]))[0]).toMatchObject({ path: 'changes.0.sharePercent', code: 'out_of_range' });
    expect(
      issuesOf(() =>
        run([
          { kind: 'efficiency', activity: 'heat_purchased', reductionPercent: '10' },
          { kind: 'efficiency', activity: 'steam', reductionPercent: '10' },
        ]),
      ).map((i) => [i.path, i.code]),
    ).toEqual([
      ['changes.0.activity', 'activity_not_found'],
      ['changes.1.activity', 'invalid_change'],
    ]);
    expect(issuesOf(() => run([{ kind: 'carbon_capture' } as unknown as WhatIfChange]))[0]).toMatchObject({ path: 'changes.0.kind', code: 'invalid_change' });
    expect(issuesOf(() => run([], { period: '2024-Q1' }))[0]).toMatchObject({ path: 'period', code: 'invalid_period' });
    expect(issuesOf(() => run([], { period: '2019' }))[0]).toMatchObject({ path: 'period', code: 'no_data' });
  });

  it('leaves feedstock alone: not switched, not offered as energy use', () => {
    const withFeedstock = months().map((m) => ({ ...m, activities: [...m.activities, { type: 'fuel', fuel: 'raw_coal', quantity: '50', unit: 't', use: 'feedstock' }] }));
    const r = run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '100' }], { months: withFeedstock });
    expect(r.activities.map((a) => a.activity)).not.toContain('fuel_feedstock:raw_coal');
    expect(r.changes[0]!.moved.find((m) => m.activity === 'fuel:raw_coal')).toMatchObject({ before: '1200.000000', after: '0.000000' });
    expect(r.scenario.figures).toMatchObject({
      scope1Tco2e: run([{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '100' }]).scenario.figures.scope1Tco2e,
    });
  });

  it('never changes its input', () => {
    const input = months();
    const copy = structuredClone(input);
    run(
      [
        { kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '100' },
        { kind: 'green_electricity', sharePercent: '100' },
      ],
      { months: input },
    );
    expect(input).toEqual(copy);
  });

  it('works on a rolling 12 months with months missing, and flags unverified reference values', () => {
    const some = months('2025-01R12').slice(2);
    const r = run([{ kind: 'green_electricity', sharePercent: '10' }], { period: '2025-01R12', months: some });
    expect(r.periodType).toBe('rolling12');
    expect(r.scenario.figures.monthsWithActivity).toBe(10);
    expect(r.provisionalFactorRefs.every((ref) => r.factorRefs.includes(ref))).toBe(true);
  });
});
