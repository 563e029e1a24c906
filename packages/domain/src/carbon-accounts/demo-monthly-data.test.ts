import { describe, expect, it } from 'vitest';
import { computeEmissions } from '../accounting/calculate-emissions.ts';
import { demoOrganisations, demoSectorIds } from '../demo-city/organisations.ts';
import type { LabelColour } from '../labels/decide-label.ts';
import { shippedReferenceLibrary } from '../reference/reference-library.ts';
import { accountFigures, monthlyFiguresFromEmissions, type AccountFigures } from './account-figures.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { demoDataSectors, demoMonthlyData } from './demo-monthly-data.ts';
import { draftEnterpriseLabel, type DraftEnterpriseLabel } from './enterprise-label.ts';
import { industryAverage, peerFiguresOf } from './industry-average.ts';
import { demoIndustryClassOfSector } from './industry-classes.ts';
import { monthsBetween } from './periods.ts';

const enterprises = demoOrganisations().flatMap((o) => (o.type === 'enterprise' && o.sector !== null ? [{ id: o.id, sector: o.sector }] : []));
const benchmarkOf: Record<string, string> = { coking: 'coke_top_charging', methanol: 'methanol_coal', chlor_alkali: 'caustic_soda_30', cement_clinker: 'cement_clinker' };

describe('demoMonthlyData: shapes the accounting engine accepts', () => {
  it('covers the 66 demo enterprises of all 11 sectors', () => {
    expect(enterprises).toHaveLength(66);
    expect([...demoDataSectors].sort()).toEqual([...demoSectorIds].sort());
  });

  it('gives 8–14 activity lines that computeEmissions accepts, for every enterprise and month of 2023–2024', () => {
    const months = monthsBetween('2023-01', '2024-12');
    let checked = 0;
    for (const e of enterprises) {
      for (const month of months) {
        const data = demoMonthlyData({ enterpriseId: e.id, sector: e.sector, month });
        expect(data.activities.length, `${e.id} ${month}`).toBeGreaterThanOrEqual(8);
        expect(data.activities.length, `${e.id} ${month}`).toBeLessThanOrEqual(14);
        const exact = computeEmissions({ activities: data.activities });
        expect(exact.scope1Tco2e.plus(exact.scope2Tco2e).greaterThan(0), `${e.id} ${month}`).toBe(true);
        expect(Number(data.valueAdded10kCny)).toBeGreaterThan(0);
        expect(Number(data.outputValue10kCny)).toBeGreaterThan(Number(data.valueAdded10kCny));
        const purchased = data.activities.filter((a) => a.type === 'electricity_purchased').reduce((sum, a) => sum + Number(a['quantity']), 0);
        expect(data.electricityKwh).toBe(String(purchased));
        checked += 1;
      }
    }
    expect(checked).toBe(66 * 24);
  });

  it('uses only ids of the shipped reference library', () => {
    for (const e of enterprises.filter((_, i) => i < 11)) {
      const data = demoMonthlyData({ enterpriseId: e.id, sector: e.sector, month: '2024-01' });
      for (const a of data.activities) {
        if (a.type === 'fuel') expect(() => shippedReferenceLibrary.findFuel({ factorSet: 'cn_industry_other_2015', fuel: String(a['fuel']) })).not.toThrow();
        if (a.type === 'process') expect(() => shippedReferenceLibrary.findProcessFactor(String(a['material']))).not.toThrow();
        if (a.type === 'direct_gas') expect(() => shippedReferenceLibrary.findGwp({ gwpSet: 'ipcc_sar', gas: String(a['gas']) })).not.toThrow();
      }
      for (const p of data.production) if (p.benchmarkId !== null) expect(() => shippedReferenceLibrary.findEnergyBenchmark(p.benchmarkId ?? '')).not.toThrow();
    }
  });

  it('has the typical activity mix of each sector', () => {
    const types = (sector: string) => {
      const e = enterprises.find((x) => x.sector === sector);
      if (e === undefined) throw new Error(sector);
      return demoMonthlyData({ enterpriseId: e.id, sector, month: '2024-01' }).activities.map((a) => `${a.type}:${String(a['fuel'] ?? a['gas'] ?? a['material'] ?? '')}`);
    };
    expect(types('coal_mining')).toEqual(expect.arrayContaining(['fuel:raw_coal', 'fuel:diesel', 'direct_gas:CH4', 'electricity_purchased:']));
    expect(types('coal_power')).toEqual(expect.arrayContaining(['fuel:bituminous_coal', 'fuel:fuel_oil', 'electricity_exported:', 'process:limestone']));
    expect(types('coking')).toEqual(expect.arrayContaining(['fuel:washed_coal', 'mass_balance:', 'fuel:coke_oven_gas']));
    expect(types('methanol')).toEqual(expect.arrayContaining(['fuel:bituminous_coal', 'mass_balance:']));
    expect(types('cement_clinker')).toEqual(expect.arrayContaining(['clinker:', 'fuel:bituminous_coal', 'electricity_purchased:']));
    expect(types('paper')).toEqual(expect.arrayContaining(['fuel:bituminous_coal', 'heat_purchased:', 'electricity_purchased:']));
    for (const sector of ['tyres', 'construction_machinery', 'textiles']) expect(types(sector)).toEqual(expect.arrayContaining(['fuel:natural_gas', 'electricity_green:']));
    expect(types('new_energy').filter((t) => t === 'electricity_green:').length).toBeGreaterThanOrEqual(2);
  });

  it('is deterministic and differs between enterprises and months', () => {
    const a = demoMonthlyData({ enterpriseId: 'ent-006', sector: 'cement_clinker', month: '2024-05' });
    expect(demoMonthlyData({ enterpriseId: 'ent-006', sector: 'cement_clinker', month: '2024-05' })).toEqual(a);
    expect(demoMonthlyData({ enterpriseId: 'ent-017', sector: 'cement_clinker', month: '2024-05' })).not.toEqual(a);
    expect(demoMonthlyData({ enterpriseId: 'ent-006', sector: 'cement_clinker', month: '2024-06' })).not.toEqual(a);
  });

  it('follows the heating season (boiler coal of a mine in January above July)', () => {
    const boilerCoal = (month: string) =>
      demoMonthlyData({ enterpriseId: 'ent-001', sector: 'coal_mining', month })
        .activities.filter((a) => a['fuel'] === 'raw_coal')
        .reduce((sum, a) => sum + Number(a['quantity']), 0);
    expect(boilerCoal('2024-01')).toBeGreaterThan(2 * boilerCoal('2024-07'));
  });

  it('reports the unit energy consumption of benchmarked products in the benchmark unit, near the benchmark', () => {
    for (const e of enterprises.filter((x) => benchmarkOf[x.sector] !== undefined)) {
      const [main] = demoMonthlyData({ enterpriseId: e.id, sector: e.sector, month: '2024-04' }).production;
      const benchmark = shippedReferenceLibrary.findEnergyBenchmark(benchmarkOf[e.sector] ?? '').value;
      expect(main?.benchmarkId).toBe(benchmark.id);
      expect(benchmark.unit).toBe('kgce/t');
      expect(main?.unit).toBe('t');
      const value = Number(main?.unitEnergyConsumption);
      expect(value).toBeGreaterThan(Number(benchmark.benchmark) * 0.8);
      expect(value).toBeLessThan(Number(benchmark.base) * 1.2);
    }
  });

  it('works for an enterprise id outside the demo city', () => {
    const data = demoMonthlyData({ enterpriseId: 'ent-999', sector: 'tyres', month: '2024-02' });
    expect(() => computeEmissions({ activities: data.activities })).not.toThrow();
  });

  it.each([
    { options: { enterpriseId: 'ent-001', sector: 'steel', month: '2024-01' }, path: 'sector' },
    { options: { enterpriseId: 'ent-001', sector: 'coal_mining', month: '2024' }, path: 'month' },
    { options: { enterpriseId: 'ent-001', sector: 'coal_mining', month: '2024-13' }, path: 'month' },
    { options: { enterpriseId: '', sector: 'coal_mining', month: '2024-01' }, path: 'enterpriseId' },
  ])('refuses $options', ({ options, path }) => {
    try {
      demoMonthlyData(options);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(CarbonAccountInputError);
      expect((error as CarbonAccountInputError).path).toBe(path);
    }
  });
});

describe('demoMonthlyData: the 2024 labels of the demo city', () => {
  const accounts = enterprises.map((e) => {
    const industryClass = demoIndustryClassOfSector(e.sector);
    const months = monthsBetween('2024-01', '2024-12').map((month) => {
      const data = demoMonthlyData({ enterpriseId: e.id, sector: e.sector, month });
      return monthlyFiguresFromEmissions({
        month,
        emissions: computeEmissions({ activities: data.activities }),
        production: data.production,
        outputValue10kCny: data.outputValue10kCny,
        valueAdded10kCny: data.valueAdded10kCny,
        quality: 'utility_metered',
      });
    });
    return { ...e, industryClass, account: accountFigures({ period: '2024', industryClass, months }) };
  });
  const peers = accounts.map((a) => peerFiguresOf({ enterpriseId: a.id, industryClass: a.industryClass, account: a.account }));
  const labels = new Map<string, { sector: string; account: AccountFigures; label: DraftEnterpriseLabel }>(
    accounts.map((a) => [
      a.id,
      { sector: a.sector, account: a.account, label: draftEnterpriseLabel({ account: a.account, industry: industryAverage({ industryClass: a.industryClass, peers }) }) },
    ]),
  );

  it('gives every enterprise a complete account and a label', () => {
    for (const [id, { account, label }] of labels) {
      expect(account.completeness.complete, id).toBe(true);
      expect(account.intensityPerValueAdded, id).not.toBeNull();
      expect(label.ok, id).toBe(true);
    }
  });

  it('uses all four colours', () => {
    const counts: Record<LabelColour, number> = { green: 0, yellow: 0, orange: 0, red: 0 };
    for (const { label } of labels.values()) if (label.ok) counts[label.result.colour] += 1;
    for (const colour of ['green', 'yellow', 'orange', 'red'] as const) expect(counts[colour], colour).toBeGreaterThanOrEqual(3);
  });

  it('decides by the product benchmark where one exists, and by the intensity ratio elsewhere', () => {
    for (const [id, { sector, label }] of labels) {
      if (!label.ok) throw new Error(`${id}: ${label.reason.en}`);
      const product = label.result.methods.find((m) => m.method === 'product_benchmark');
      const ratio = label.result.methods.find((m) => m.method === 'industry_intensity_ratio');
      expect(ratio?.applicable, id).toBe(true);
      if (benchmarkOf[sector] !== undefined) {
        expect(product?.applicable, id).toBe(true);
        expect(label.result.colour, `${id} is decided by its product`).toBe(product?.colour);
        expect(label.inputs.productBenchmark?.benchmarkId).toBe(benchmarkOf[sector]);
      } else {
        expect(product, id).toBeUndefined();
        expect(label.result.colour, id).toBe(ratio?.colour);
      }
    }
  });

  it('compares every enterprise within its own class (each demo sector has at least 5 enterprises)', () => {
    for (const [id, { label }] of labels) {
      expect(label.ok && label.inputs.intensityRatio?.level, id).toBe('class');
    }
  });

  it('uses gross emissions for the coal power plants only', () => {
    for (const [id, { sector, account }] of labels) expect(account.emissionsBasis, id).toBe(sector === 'coal_power' ? 'gross' : 'net');
  });
});
