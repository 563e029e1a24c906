/**
 * Factor publication → explicit recalculation → change report, through the API: months and
 * accounts move by exactly quantity × Δfactor, factor refs and bulk-path lines name the new
 * version, published official labels stay byte for byte (the report says which a new draft would
 * colour differently, and a real drafting agrees), one recalculation at a time, administrators
 * only, bad bodies refused. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { bulkLineOf, computeEmissions, demoIds, monthsBetween, shippedReferenceLibrary } from '@cfp/domain';
import { carbonAccountRepository, recalculateAccountsInSql } from '@cfp/db';
import type { Recalculation, RecalculationList, ReferenceRecordSummary } from '@cfp/contracts';
import { randomUUID } from 'node:crypto';
import { testPlatform, type TestPlatform } from '../../../testing/test-platform.ts';
import { carbonAccountService } from '../../carbon-accounts/account-service.ts';
import { demoEnterprises, demoMeterAccount, demoMonthInput } from '../../carbon-accounts/demo-seed.ts';
import { referenceLibraryAsOf } from '../reference-library-service.ts';

let t: TestPlatform;
type ErrorBody = { error?: { code: string; details?: Record<string, unknown> } };
const grid = 'cn_shandong_2022';
const months = monthsBetween('2024-01', '2024-12');
const byId = new Map(demoEnterprises().map((e) => [e.id, e]));
/** Construction machinery has no product benchmark: its labels come from the intensity ratio against ≥ 5 peers. */
const machinery = demoEnterprises().filter((e) => e.sector === 'construction_machinery');
const withPower = [...['ent-001', 'ent-003', 'ent-006'].map((id) => byId.get(id)!), ...machinery];
/** An enterprise that buys no electricity: natural gas only, no peers. */
const noPower = byId.get('ent-012')!;
/** Another gas-only enterprise, reclassified into the machinery class: its own figures stay, its peers' rise. */
const gasPeer = byId.get('ent-013')!;
const gasMonths = (quantity: string) =>
  months.map((month) => ({ month, activities: [{ type: 'fuel', fuel: 'natural_gas', quantity, unit: '10^4 Nm3' }], production: [], valueAdded10kCny: '10.00' }));

type MonthRow = { enterprise_id: string; month: string; s1: string; s2: string; ex: string; kwh: string | null; reported: string | null; refs: string[]; industry: string };
const monthRows = () =>
  t.db.query<MonthRow>(
    `select m.enterprise_id, m.month, m.scope1_tco2e::text s1, m.scope2_tco2e::text s2, m.exported_tco2e::text ex, m.metered_kwh::text kwh, m.reported_kwh::text reported,
            m.factor_refs refs, p.industry_class industry
       from account_months m join enterprise_profiles p on p.organisation_id = m.enterprise_id order by 1, 2`,
  );
const publishedLabels = () => t.db.query(`select * from enterprise_labels where kind = 'official' and status = 'published' order by id`);

beforeAll(async () => {
  t = await testPlatform();
  const service = carbonAccountService(t.platform);
  const repo = carbonAccountRepository(t.db.orm);
  // The utility's meter reads 5 % more than reported in March for the first enterprise: the metered kWh is what counts.
  const first = withPower[0]!;
  const march = demoMonthInput(first, '2024-03');
  const reported = march.activities.filter((a) => a['type'] === 'electricity_purchased').reduce((s, a) => s.add(String(a['quantity'])), new Decimal(0));
  await repo.replaceReading({
    id: randomUUID(),
    accountNo: demoMeterAccount(first.id),
    month: '2024-03',
    kwh: reported.mul('1.05').toFixed(0),
    partnerId: demoIds.partnerPower,
    receivedAt: t.clock.now(),
    isCurrent: true,
  });
  for (const e of withPower) {
    await t.db.inTransaction(() =>
      service.submitMonths({ enterpriseId: e.id, channel: 'demo', submittedBy: null, library: shippedReferenceLibrary, months: months.map((m) => demoMonthInput(e, m)) }),
    );
  }
  await t.db.inTransaction(() =>
    service.submitMonths({ enterpriseId: noPower.id, channel: 'demo', submittedBy: null, library: shippedReferenceLibrary, months: gasMonths('12.5') }),
  );
  // The gas-only peer is placed at K = 1.0 (yellow) of the machinery average: a higher grid factor raises
  // the average and so lowers its K, though its own emissions do not move.
  expect((await t.as('drc')('POST', '/api/v1/labels/drafts', { body: { year: 2024 } })).status).toBe(200);
  const [draft] = await t.db.query<{ inputs: { industryAverage: { averageIntensity: string } } }>(
    `select inputs from enterprise_labels where enterprise_id = $1 and status = 'draft' and period = '2024'`,
    [machinery[0]!.id],
  );
  const average = new Decimal(draft!.inputs.industryAverage.averageIntensity);
  const perUnit = computeEmissions({ activities: [{ type: 'fuel', fuel: 'natural_gas', quantity: '1', unit: '10^4 Nm3' }] }, shippedReferenceLibrary).scope1Tco2e;
  const machine = await t.as('drc')<{ industryClass: string; version: number }>('GET', `/api/v1/enterprises/${machinery[0]!.id}`);
  const peer = await t.as('drc')<{ version: number }>('GET', `/api/v1/enterprises/${gasPeer.id}`);
  expect((await t.as('drc')('PATCH', `/api/v1/enterprises/${gasPeer.id}`, { body: { industryClass: machine.body.industryClass, version: peer.body.version } })).status).toBe(200);
  await t.db.inTransaction(() =>
    service.submitMonths({
      enterpriseId: gasPeer.id,
      channel: 'demo',
      submittedBy: null,
      library: shippedReferenceLibrary,
      months: gasMonths(average.mul(10).div(perUnit.toString()).toDecimalPlaces(2).toFixed(2)),
    }),
  );
  expect((await t.as('drc')('POST', '/api/v1/labels/drafts', { body: { year: 2024 } })).status).toBe(200);
  expect((await t.as('drc')('POST', '/api/v1/labels/publications', { body: { year: 2024, note: '2024年度' } })).status).toBe(201);
  const [published] = await t.db.query<{ colour: string }>(`select colour from enterprise_labels where enterprise_id = $1 and status = 'published'`, [gasPeer.id]);
  expect(published?.colour).toBe('yellow');
}, 180_000);
afterAll(() => t.close());

describe('recalculation after a factor publication', () => {
  let before: MonthRow[];
  let labelsBefore: unknown[];
  let yearsBefore: Map<string, string>;
  let oldValue: Decimal;
  let newValue: Decimal;
  let job: Recalculation;
  let gridLinesBefore: string;
  const gridLines = async () =>
    (
      await t.db.query<{ old: string; new: string }>(
        `select count(*) filter (where l.coefficient_key like '%${grid}@1%')::text old, count(*) filter (where l.coefficient_key like '%${grid}@2%')::text new
           from submission_lines l join period_submissions s on s.id = l.submission_id where s.is_current`,
      )
    )[0]!;

  it('refuses other roles and bad bodies, and writes nothing then', async () => {
    expect((await t.as('drc')<ErrorBody>('POST', '/api/v1/reference/recalculations', { body: {} })).status).toBe(403);
    expect((await t.as('enterprise1')<ErrorBody>('POST', '/api/v1/reference/recalculations', { body: {} })).status).toBe(403);
    expect((await t.as('bank1')<ErrorBody>('GET', '/api/v1/reference/recalculations')).status).toBe(403);
    for (const body of [
      { asOf: '2024-13-01' },
      { asOf: '2099-01-01' },
      { enterpriseIds: ['no-such-enterprise'] },
      { fromMonth: '2024-06', toMonth: '2024-01' },
      { unexpected: true },
      { note: '' },
    ]) {
      const r = await t.api<ErrorBody>('POST', '/api/v1/reference/recalculations', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.api<RecalculationList>('GET', '/api/v1/reference/recalculations')).body.items).toEqual([]);
  });

  it('publishing a higher grid factor changes no stored result by itself', async () => {
    before = await monthRows();
    gridLinesBefore = (await gridLines()).old;
    expect(Number(gridLinesBefore)).toBeGreaterThanOrEqual(withPower.length * 12);
    labelsBefore = await publishedLabels();
    yearsBefore = new Map(
      (await t.db.query<{ enterprise_id: string; e: string }>(`select enterprise_id, emissions_tco2e::text e from carbon_accounts where period = '2024'`)).map((r) => [r.enterprise_id, r.e]),
    );
    expect(before.some((r) => r.refs.includes(`${grid}@1`))).toBe(true);
    const record = (await t.api<{ items: ReferenceRecordSummary[] }>('GET', `/api/v1/reference/records?kind=electricity_factor&q=${grid}`)).body.items.find((r) => r.id === grid)!;
    oldValue = new Decimal(record.values['valueTco2PerMwh']!);
    newValue = oldValue.add('0.5');
    const published = await t.api('POST', `/api/v1/reference/records/electricity_factor/${grid}/versions`, {
      body: { values: { valueTco2PerMwh: newValue.toFixed() }, status: 'verified', source: '省级电网排放因子更新（测试）', effectiveFrom: '2024-06-30', expectedVersion: 1 },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(await monthRows()).toEqual(before);
  });

  it('two starts at once: one is queued, the other is refused with 409', async () => {
    // The runner waits meanwhile: otherwise, on a busy machine, the first job could finish before the
    // second start looks, and both would rightly be accepted.
    await t.platform.jobs.stop();
    const [a, b] = await Promise.all([
      t.api<{ jobId: string } & ErrorBody>('POST', '/api/v1/reference/recalculations', { body: { note: '电网因子更新后重新计算' } }),
      t.api<{ jobId: string } & ErrorBody>('POST', '/api/v1/reference/recalculations', { body: { note: '重复提交' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error?.code).toBe('RECALCULATION_RUNNING');
    const jobId = [a, b].find((r) => r.status === 202)!.body.jobId;
    const note = a.status === 202 ? '电网因子更新后重新计算' : '重复提交';
    await t.platform.jobs.start();
    await t.platform.jobs.idle();
    const r = await t.as('drc')<Recalculation>('GET', `/api/v1/reference/recalculations/${jobId}`);
    expect(r.status).toBe(200);
    expect(r.body, JSON.stringify(r.body.error)).toMatchObject({ status: 'succeeded', progress: 100, params: { asOf: '2024-06-30', note } });
    job = r.body;
  }, 180_000);

  it('months change by exactly metered-or-reported kWh × Δfactor, and name the new version', async () => {
    const delta = newValue.sub(oldValue);
    const after = new Map((await monthRows()).map((r) => [`${r.enterprise_id} ${r.month}`, r]));
    let metered = 0;
    for (const b of before) {
      const a = after.get(`${b.enterprise_id} ${b.month}`)!;
      const kwh = b.kwh ?? b.reported;
      if (b.kwh !== null && b.kwh !== b.reported) metered += 1;
      const expected = kwh === null ? new Decimal(0) : new Decimal(kwh).div(1000).mul(delta);
      expect(new Decimal(a.s2).sub(b.s2).eq(expected), `${b.enterprise_id} ${b.month}: ${a.s2} − ${b.s2} ≠ ${expected.toFixed()}`).toBe(true);
      expect(a.s1).toBe(b.s1);
      if (kwh !== null) {
        expect(a.refs).toContain(`${grid}@2`);
        expect(a.refs).not.toContain(`${grid}@1`);
      } else expect(a.refs).toEqual(b.refs);
    }
    expect(metered).toBe(1);
    // The bulk path's lines point at the new version's coefficients.
    expect(await gridLines()).toEqual({ old: '0', new: gridLinesBefore });
  });

  it('annual accounts are the months’ new sums (3 decimals); the enterprise without electricity is unchanged and not in the report', async () => {
    const delta = newValue.sub(oldValue);
    const years = new Map(
      (await t.db.query<{ enterprise_id: string; e: string }>(`select enterprise_id, emissions_tco2e::text e from carbon_accounts where period = '2024'`)).map((r) => [r.enterprise_id, r.e]),
    );
    for (const e of withPower) {
      const rows = before.filter((b) => b.enterprise_id === e.id);
      const power = ['4411', '4412'].includes(rows[0]!.industry);
      const expected = rows
        .reduce((s, b) => {
          const net = new Decimal(b.s1).add(b.s2).sub(power ? 0 : b.ex);
          return s.add(net).add(new Decimal(b.kwh ?? b.reported ?? 0).div(1000).mul(delta));
        }, new Decimal(0))
        .toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
      expect(new Decimal(years.get(e.id)!).eq(expected), `${e.id}: ${years.get(e.id)} ≠ ${expected.toFixed(3)}`).toBe(true);
      const reported = job.report!.enterprises.find((x) => x.enterpriseId === e.id)!;
      expect(reported.monthsChanged).toBe(12);
      expect(reported.factorRefsBefore).toContain(`${grid}@1`);
      expect(reported.factorRefsAfter).toContain(`${grid}@2`);
      const year = reported.periods.find((p) => p.period === '2024')!;
      expect(year).toEqual({ period: '2024', beforeTco2e: yearsBefore.get(e.id), afterTco2e: years.get(e.id), deltaTco2e: new Decimal(years.get(e.id)!).sub(yearsBefore.get(e.id)!).toFixed(3) });
    }
    expect(years.get(noPower.id)).toBe(yearsBefore.get(noPower.id));
    const listed = job.report!.enterprises.find((x) => x.enterpriseId === noPower.id);
    expect(listed === undefined || (listed.monthsChanged === 0 && listed.periods.length === 0)).toBe(true);
    expect(job.report!.enterprises.filter((x) => x.monthsChanged > 0).map((x) => x.enterpriseId)).toEqual(withPower.map((e) => e.id).sort());
    expect(job.report!.summary).toMatchObject({ enterprisesChanged: withPower.length, monthsRecomputed: (withPower.length + 2) * 12 });
  });

  it('published official labels are byte for byte as before, old factor refs included; the report names those a new draft would change, as drafting confirms', async () => {
    expect(await publishedLabels()).toEqual(labelsBefore);
    const published = (labelsBefore as { factor_refs: string[] }[]).filter((l) => l.factor_refs.some((r) => r.startsWith(grid)));
    expect(published.length).toBeGreaterThan(0);
    expect(published.every((l) => l.factor_refs.includes(`${grid}@1`) && !l.factor_refs.includes(`${grid}@2`))).toBe(true);
    // A pinned calculation still gets the old value.
    const pinned = await t.as('enterprise1')<{ scope2Tco2e: string }>('POST', '/api/v1/calc/emissions', {
      body: { electricityFactor: `${grid}@1`, activities: [{ type: 'electricity_purchased', quantity: '1000', unit: 'MWh' }] },
    });
    expect(new Decimal(pinned.body.scope2Tco2e).eq(oldValue.mul(1000))).toBe(true);

    const flagged = job.report!.enterprises.flatMap((e) => e.officialLabels.filter((l) => l.needsRepublication).map((l) => `${e.enterpriseId} ${l.draftColour}`));
    // The gas-only peer: no emission change, but its published yellow would now be green.
    expect(job.report!.enterprises.find((e) => e.enterpriseId === gasPeer.id)).toMatchObject({
      monthsChanged: 0,
      periods: [],
      officialLabels: [{ year: 2024, publishedColour: 'yellow', draftColour: 'green', needsRepublication: true }],
    });
    expect(job.report!.summary.labelsNeedingRepublication).toBe(flagged.length);
    // The commission's real drafting gives exactly the colours the report announced.
    expect((await t.as('drc')('POST', '/api/v1/labels/drafts', { body: { year: 2024 } })).status).toBe(200);
    const drafts = await t.db.query<{ enterprise_id: string; colour: string | null; published: string | null }>(
      `select d.enterprise_id, d.colour, p.colour published from enterprise_labels d join enterprise_labels p on p.enterprise_id = d.enterprise_id and p.period = d.period and p.status = 'published'
        where d.status = 'draft' and d.period = '2024' order by 1`,
    );
    expect(drafts.filter((d) => d.colour !== d.published).map((d) => `${d.enterprise_id} ${d.colour}`)).toEqual(flagged.sort());
    expect(await publishedLabels()).toEqual(labelsBefore);
  });

  it('lists, downloads (xlsx, csv), audits and tells the commission', async () => {
    const list = await t.as('drc')<RecalculationList>('GET', '/api/v1/reference/recalculations');
    expect(list.body.items.map((i) => [i.id, i.status])).toEqual([[job.id, 'succeeded']]);
    expect(list.body.items[0]!.summary?.enterprisesChanged).toBe(withPower.length);
    const csv = await t.platform.app.request(`/api/v1/reference/recalculations/${job.id}/report?format=csv`, { headers: { authorization: `Bearer ${await t.tokenFor('admin')}` } });
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(withPower[0]!.id);
    expect(text).toContain('重算后排放');
    const xlsx = await t.platform.app.request(`/api/v1/reference/recalculations/${job.id}/report?format=xlsx`, { headers: { authorization: `Bearer ${await t.tokenFor('drc')}` } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await t.api('GET', `/api/v1/reference/recalculations/${randomUUID()}`)).status).toBe(404);
    const actions = (await t.db.query<{ action: string }>(`select action from audit_entries where action like 'reference.recalculation.%' order by 1`)).map((r) => r.action);
    expect(actions).toEqual(['reference.recalculation.complete', 'reference.recalculation.start']);
    const inbox = await t.as('drc')<{ items: { type: string; title: string }[] }>('GET', '/api/v1/notifications');
    const told = inbox.body.items.filter((n) => n.type === 'reference.recalculation.republish');
    expect(told).toHaveLength(job.report!.summary.labelsNeedingRepublication > 0 ? 1 : 0);
  });

  it('an idempotent repeat replays the same job; a new start after the first has finished is accepted', async () => {
    const headers = { 'idempotency-key': 'recalc-again-1' };
    const first = await t.api<{ jobId: string }>('POST', '/api/v1/reference/recalculations', { body: { enterpriseIds: [noPower.id] }, headers });
    expect(first.status).toBe(202);
    const again = await t.api<{ jobId: string }>('POST', '/api/v1/reference/recalculations', { body: { enterpriseIds: [noPower.id] }, headers });
    expect(again.body.jobId).toBe(first.body.jobId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await t.platform.jobs.idle();
    const done = await t.api<Recalculation>('GET', `/api/v1/reference/recalculations/${first.body.jobId}`);
    expect(done.body.status).toBe('succeeded');
    expect(done.body.report!.summary).toMatchObject({ enterprisesRecomputed: 1, monthsRecomputed: 12, enterprisesChanged: 0 });
  }, 60_000);

  it('the bulk SQL path, run over the re-keyed lines, agrees with the recalculated months', async () => {
    const totals = () => t.db.query(`select enterprise_id, month, round(scope1_tco2e, 6)::text s1, round(scope2_tco2e, 6)::text s2, round(energy_tce, 6)::text e from account_months order by 1, 2`);
    const recalculated = await totals();
    const { library } = await referenceLibraryAsOf(t.platform, '2024-06-30');
    const metered = bulkLineOf({ activity: { type: 'electricity_purchased', quantity: '1', unit: 'kWh' }, library }).coefficient.key!;
    expect(metered).toContain(`${grid}@2`);
    await t.db.query(`update account_months set scope2_tco2e = 0`);
    await recalculateAccountsInSql({ execute: (text, params) => t.db.query(text, params), computedAt: new Date(), meteredKwhKey: metered });
    expect(await totals()).toEqual(recalculated);
  });
});
