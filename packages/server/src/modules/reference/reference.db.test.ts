/**
 * The reference library in the database: shipped records at start-up, the listing with statuses,
 * an administrator's publication (override, confirmation, effective date) and what it does — and
 * does not do — to calculations through the API. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculateEmissions, shippedReferenceRecords } from '@cfp/domain';
import type { ReferenceRecordSummary } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { bootstrapReferenceLibrary } from './reference-library-service.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t.close());

type Emissions = { scope2Tco2e: string; electricityFactor: string; provisional: boolean; lines: { factorIds: string[] }[] };
const electricity = (electricityFactor?: string) => ({
  ...(electricityFactor ? { electricityFactor } : {}),
  activities: [{ type: 'electricity_purchased', quantity: '1000', unit: 'MWh' }],
});
const calc = async (body: unknown) => {
  const r = await t.as('enterprise1')<Emissions>('POST', '/api/v1/calc/emissions', { body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const publish = (id: string, body: Record<string, unknown>, who = 'admin', kind = 'electricity_factor') =>
  t.as(who)<Record<string, unknown> & { error?: { code: string } }>('POST', `/api/v1/reference/records/${kind}/${id}/versions`, {
    body: { status: 'verified', source: '生态环境部 国家统计局 公告（示例）', expectedVersion: 1, ...body },
  });

describe('the shipped library in the database', () => {
  it('holds every shipped record once, marked shipped; a restart writes nothing again', async () => {
    const [row] = await t.db.query<{ n: string }>(`select count(*)::text as n from reference_records where origin = 'shipped'`);
    expect(Number(row!.n)).toBe(shippedReferenceRecords().length);
    expect(await bootstrapReferenceLibrary({ db: t.db, now: t.clock.now() })).toBe(0);
  });

  it('lists what is in effect with statuses, so users see which values are unconfirmed', async () => {
    const all = await t.as('bank1')<{ items: ReferenceRecordSummary[] }>('GET', '/api/v1/reference/records');
    expect(all.status).toBe(200);
    const grid = all.body.items.find((i) => i.id === 'cn_shandong_2022');
    expect(grid).toMatchObject({ kind: 'electricity_factor', ref: 'cn_shandong_2022@1', values: { valueTco2PerMwh: expect.stringMatching(/^0\.641/) }, unit: 'tCO2/MWh', origin: 'shipped' });
    const provisional = await t.as('bank1')<{ items: ReferenceRecordSummary[] }>('GET', '/api/v1/reference/records?unconfirmed=true&kind=energy_benchmark');
    expect(provisional.body.items.length).toBeGreaterThan(10);
    expect(provisional.body.items.every((i) => i.kind === 'energy_benchmark' && i.unconfirmed)).toBe(true);
    expect(provisional.body.items.find((i) => i.id === 'methanol_coal')).toMatchObject({ status: 'unverified', provisional: true });
    const steel = all.body.items.find((i) => i.id === 'cn_steel_2013');
    expect(steel?.rows?.find((r) => r.id === 'naphtha')).toMatchObject({ status: 'unverified' });
    expect(steel).toMatchObject({ provisional: true, unconfirmed: true });
    expect((await t.anonymous('GET', '/api/v1/reference/records')).status).toBe(401);
  });

  it('the API and the shipped library agree until an administrator publishes', async () => {
    expect(await calc(electricity())).toMatchObject(calculateEmissions(electricity()));
  });

  it('refuses to change or delete a stored record', async () => {
    await expect(t.db.exec(`update reference_records set status = 'verified' where id = 'cn_shandong_2022'`)).rejects.toThrow(/immutable/);
    await expect(t.db.exec(`delete from reference_records where id = 'cn_shandong_2022'`)).rejects.toThrow(/immutable/);
  });
});

describe('publishing a new version', () => {
  it('is for platform administrators only, and checks what it is given', async () => {
    expect((await publish('cn_shandong_2022', { values: { valueTco2PerMwh: '0.6' } }, 'drc')).status).toBe(403);
    expect((await publish('cn_shandong_2022', { values: { valueTco2PerMwh: '0.6' } }, 'enterprise1')).status).toBe(403);
    expect((await publish('no_such_factor', { values: { valueTco2PerMwh: '0.6' } })).body.error?.code).toBe('NOT_FOUND');
    expect((await publish('cn_shandong_2022', { values: { valueTco2PerMwh: '6e-1' } })).body.error?.code).toBe('VALIDATION_FAILED');
    expect((await publish('cn_shandong_2022', { values: { purpose: '0' } })).body.error?.code).toBe('VALIDATION_FAILED');
    expect((await publish('cn_shandong_2022', { values: { valueTco2PerMwh: '0.6' }, expectedVersion: 2 })).body.error?.code).toBe('VERSION_CONFLICT');
    expect((await publish('cn_shandong_2022', { values: { valueTco2PerMwh: '0.6' }, source: '' })).status).toBe(400);
    const [row] = await t.db.query<{ n: string }>(`select count(*)::text as n from reference_records where origin = 'published'`);
    expect(row!.n).toBe('0');
  });

  it('changes the default for new calculations; a pinned version and the CLI’s shipped library keep the old value', async () => {
    const r = await publish('cn_shandong_2022', { values: { valueTco2PerMwh: '0.6' }, note: '2023年度省级因子（示例）' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ ref: 'cn_shandong_2022@2', origin: 'published', body: { valueTco2PerMwh: '0.6', publication: { previousVersion: 1, change: 'values' } } });
    expect(await calc(electricity())).toMatchObject({ scope2Tco2e: '600.000', electricityFactor: 'cn_shandong_2022@2' });
    expect(await calc(electricity('cn_shandong_2022@1'))).toMatchObject({ scope2Tco2e: '641.000', electricityFactor: 'cn_shandong_2022@1' });
    expect(calculateEmissions(electricity()).scope2Tco2e).toBe('641.000');
    const history = await t.as('bank1')<{ inEffect: number; items: { version: number; origin: string; publishedBy: string | null }[] }>(
      'GET',
      '/api/v1/reference/records/electricity_factor/cn_shandong_2022',
    );
    expect(history.body.inEffect).toBe(2);
    expect(history.body.items.map((i) => [i.version, i.origin])).toEqual([
      [1, 'shipped'],
      [2, 'published'],
    ]);
    const [audit] = await t.db.query<{ action: string; target_id: string }>(`select action, target_id from audit_entries where action = 'reference.publish'`);
    expect(audit).toMatchObject({ target_id: 'electricity_factor/cn_shandong_2022@2' });
  });

  it('confirming an unverified value ends the 暂定 marking of new results', async () => {
    const request = electricity('cn_national_excl_market_nonfossil_2021');
    expect((await calc(request)).provisional).toBe(true);
    expect((await publish('cn_national_excl_market_nonfossil_2021', { note: '已对照公告原文核实' })).status).toBe(201);
    expect((await calc(request)).provisional).toBe(false);
    expect((await calc(electricity('cn_national_excl_market_nonfossil_2021@1'))).provisional).toBe(true);
  });

  it('a benchmark published for later is the default only from its date', async () => {
    const r = await publish('cement_clinker', { values: { benchmark: '95', base: '110' }, effectiveFrom: '2024-07-01' }, 'admin', 'energy_benchmark');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const label = async () =>
      (await t.as('bank1')<{ colour: string; methods: { benchmarkRef: string }[] }>('POST', '/api/v1/calc/label', { body: { productBenchmark: { benchmarkId: 'cement_clinker', value: '112' } } })).body;
    expect(await label()).toMatchObject({ colour: 'orange', methods: [{ benchmarkRef: 'cement_clinker@1' }] });
    const list = await t.as('bank1')<{ items: ReferenceRecordSummary[] }>('GET', '/api/v1/reference/records?kind=energy_benchmark&q=cement_clinker');
    expect(list.body.items[0]).toMatchObject({ version: 1, latestVersion: 2 });
    t.clock.advance(18 * 3_600_000); // 2024-07-01 10:00 in Jining (tokens live 24 h)
    expect(await label()).toMatchObject({ colour: 'red', methods: [{ benchmarkRef: 'cement_clinker@2' }] });
  });

  it('publishes one fuel of a factor set as a new set version', async () => {
    const r = await publish('cn_steel_2013', { row: 'naphtha', values: { ncvGjPerUnit: '44.5' } }, 'admin', 'fuel_factor_set');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const result = await calc({ factorSet: 'cn_steel_2013', activities: [{ type: 'fuel', fuel: 'naphtha', quantity: '1', unit: 't' }] });
    expect(result.lines[0]?.factorIds[0]).toBe('cn_steel_2013@2/naphtha');
  });
});
