import { describe, expect, it } from 'vitest';
import { calculateEmissions } from '../accounting/calculate-emissions.ts';
import { decideLabel } from '../labels/decide-label.ts';
import { publishVersion, PublishVersionError, type PublishVersionRequest } from './publish-version.ts';
import { ReferenceLibrary, ReferenceLookupError, referenceKinds, shippedReferenceLibrary, shippedReferenceRecords, type ReferenceRecord } from './reference-library.ts';

const records = shippedReferenceRecords();
const grid = (library: ReferenceLibrary, ref = 'cn_shandong_2022'): string =>
  calculateEmissions({ electricityFactor: ref, activities: [{ type: 'electricity_purchased', quantity: '1000', unit: 'MWh' }] }, library).scope2Tco2e;

function publish(request: Omit<PublishVersionRequest, 'source' | 'expectedVersion'> & Partial<PublishVersionRequest>, library = shippedReferenceLibrary): ReferenceRecord {
  return publishVersion({ library, publishedAt: '2024-07-01T00:00:00.000Z', request: { source: '鲁发改 2024 示例文件', expectedVersion: 1, ...request } });
}

describe('the shipped reference library', () => {
  it('holds every kind, keeps the files’ ids and versions, and checks every record', () => {
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(referenceKinds));
    expect(records.length).toBeGreaterThan(60);
    expect(shippedReferenceLibrary.findFuel({ factorSet: 'cn_industry_other_2015', fuel: 'anthracite' }).ref).toBe('cn_industry_other_2015@1/anthracite');
    expect(shippedReferenceLibrary.findEnergyBenchmark('cement_clinker@1').value.benchmark).toBe('100');
    expect(shippedReferenceLibrary.findGwp({ gwpSet: 'ipcc_sar', gas: 'CH4' })).toMatchObject({ ref: 'ipcc_sar@1/CH4', value: '21' });
  });

  it.each([
    ['an unknown id', 'nope', /unknown electricity factor "nope"/],
    ['an unknown version', 'cn_shandong_2022@9', /unknown version 9/],
    ['a row on a record without rows', 'cn_shandong_2022@1/x', /has no rows/],
    ['a malformed reference', 'CN Shandong', /malformed reference/],
  ])('refuses %s', (_what, ref, message) => {
    expect(() => shippedReferenceLibrary.findElectricityFactor(ref)).toThrow(message);
  });

  const electricity = records.find((r) => r.kind === 'electricity_factor' && r.id === 'cn_shandong_2022') as ReferenceRecord;
  it.each([
    ['an exponent', { valueTco2PerMwh: '6.41e-1' }, /plain decimal/],
    ['a number instead of a decimal string', { valueTco2PerMwh: 0.641 }, /plain decimal/],
    ['a negative factor', { valueTco2PerMwh: '-0.641' }, /non-negative/],
    ['a body whose version disagrees', { version: 2 }, /must match the record/],
  ])('refuses a record with %s', (_what, change, message) => {
    expect(() => new ReferenceLibrary([{ ...electricity, body: { ...electricity.body, ...change } }])).toThrow(message);
  });

  it('refuses a fuel row with an oxidation rate above 1, and the same version twice', () => {
    const set = records.find((r) => r.kind === 'fuel_factor_set') as ReferenceRecord;
    const fuels = (set.body['fuels'] as Record<string, unknown>[]).map((f, i) => (i === 0 ? { ...f, oxidationRate: '1.2' } : f));
    expect(() => new ReferenceLibrary([{ ...set, body: { ...set.body, fuels } }])).toThrow(/within 0–1/);
    expect(() => new ReferenceLibrary([electricity, electricity])).toThrow(ReferenceLookupError);
  });
});

describe('publishing a new version', () => {
  it('changes the default, never an earlier result: the pinned version still gives the old figure', () => {
    const next = publish({ kind: 'electricity_factor', id: 'cn_shandong_2022', values: { valueTco2PerMwh: '0.6' }, status: 'verified' });
    expect(next).toMatchObject({ version: 2, status: 'verified', body: { valueTco2PerMwh: '0.6', source: '鲁发改 2024 示例文件', publication: { previousVersion: 1, change: 'values' } } });
    const library = new ReferenceLibrary([...records, next]);
    expect(grid(library)).toBe('600.000');
    expect(grid(library, 'cn_shandong_2022@1')).toBe('641.000');
    expect(grid(shippedReferenceLibrary)).toBe('641.000');
    expect(calculateEmissions({ activities: [{ type: 'electricity_purchased', quantity: '1', unit: 'MWh' }] }, library).electricityFactor).toBe('cn_shandong_2022@2');
  });

  it('confirming an unverified value ends the provisional marking, for new results only', () => {
    const request = { electricityFactor: 'cn_national_excl_market_nonfossil_2021', activities: [{ type: 'electricity_purchased', quantity: '1', unit: 'MWh' }] };
    expect(calculateEmissions(request).provisional).toBe(true);
    const confirmed = publish({ kind: 'electricity_factor', id: 'cn_national_excl_market_nonfossil_2021', status: 'verified', evidenceFileId: 'f-1', note: '对照原文核实' });
    expect(confirmed.body['publication']).toMatchObject({ change: 'confirmed', evidenceFileId: 'f-1' });
    const library = new ReferenceLibrary([...records, confirmed]);
    expect(calculateEmissions(request, library).provisional).toBe(false);
    expect(calculateEmissions({ ...request, electricityFactor: 'cn_national_excl_market_nonfossil_2021@1' }, library).provisional).toBe(true);
  });

  it('publishes one fuel of a set as a new set version, and one gas of a GWP set', () => {
    const set = publish({ kind: 'fuel_factor_set', id: 'cn_steel_2013', row: 'naphtha', status: 'verified', values: { ncvGjPerUnit: '44.5' } });
    const library = new ReferenceLibrary([...records, set]);
    const naphtha = library.findFuel({ factorSet: 'cn_steel_2013', fuel: 'naphtha' });
    expect(naphtha).toMatchObject({ ref: 'cn_steel_2013@2/naphtha', value: { ncvGjPerUnit: '44.5', status: 'verified', version: 2 } });
    expect(library.findFuel({ factorSet: 'cn_steel_2013', fuel: 'coke' }).value.version).toBe(1);
    const gwp = publish({ kind: 'gwp_set', id: 'ipcc_sar', row: 'CH4', status: 'secondary', values: { value: '25' } });
    expect(new ReferenceLibrary([...records, gwp]).findGwp({ gwpSet: 'ipcc_sar', gas: 'CH4' })).toMatchObject({ ref: 'ipcc_sar@2/CH4', value: '25' });
  });

  it('a benchmark change moves new labels only', () => {
    const next = publish({ kind: 'energy_benchmark', id: 'cement_clinker', status: 'verified', values: { benchmark: '95', base: '110' } });
    const library = new ReferenceLibrary([...records, next]);
    expect(decideLabel({ productBenchmark: { benchmarkId: 'cement_clinker', value: '112' } }, { library }).colour).toBe('red');
    expect(decideLabel({ productBenchmark: { benchmarkId: 'cement_clinker@1', value: '112' } }, { library }).colour).toBe('orange');
  });

  it('a version effective later is the default only from its date', () => {
    const next = { ...publish({ kind: 'electricity_factor', id: 'cn_shandong_2022', values: { valueTco2PerMwh: '0.6' }, status: 'verified', effectiveFrom: '2025-01-01' }) };
    const library = new ReferenceLibrary([...records, next]);
    expect(grid(library.at('2024-12-31'))).toBe('641.000');
    expect(grid(library.at('2025-01-01'))).toBe('600.000');
    expect(grid(library.at('2024-12-31'), 'cn_shandong_2022@2')).toBe('600.000');
  });

  it.each([
    ['another publication in between', { expectedVersion: 2 }, 'VERSION_CONFLICT'],
    ['an unknown id', { id: 'nope' }, 'NOT_FOUND'],
    ['a field that is not a value', { values: { purpose: 'ets_reporting' } }, 'VALIDATION_FAILED'],
    ['a value the engine cannot use', { values: { valueTco2PerMwh: '1e-3' } }, 'VALIDATION_FAILED'],
    ['nothing new', { status: 'secondary' as const, values: undefined }, 'VALIDATION_FAILED'],
    ['a row on a record without rows', { row: 'x' }, 'VALIDATION_FAILED'],
  ])('refuses %s', (_what, change, code) => {
    const run = (): ReferenceRecord => publish({ kind: 'electricity_factor', id: 'cn_shandong_2022', status: 'verified', values: { valueTco2PerMwh: '0.6' }, ...change });
    expect(run).toThrow(PublishVersionError);
    expect(() => run()).toThrow(expect.objectContaining({ code }) as Error);
  });
});
