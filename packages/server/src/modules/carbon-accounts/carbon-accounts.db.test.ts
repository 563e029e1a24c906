/**
 * Carbon accounts through the API: the registry and who sees it, monthly data (corrections,
 * conflicts, bad input writing nothing), the utility's readings (metered wins, gaps flagged,
 * unmapped accounts refused), period accounts, monitoring labels, the official labels' draft →
 * publication → colour list → objection → resolution. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLineOf, demoIds, makeUscc, monthsBetween, shippedReferenceLibrary } from '@cfp/domain';
import { recalculateAccountsInSql } from '@cfp/db';
import type { AccountMonth, CarbonAccount, Enterprise, EnterpriseLabel, Objection, Submission } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { carbonAccountService } from './account-service.ts';
import { demoEnterprises, demoMeterAccount, demoMonthInput } from './demo-seed.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t.close());

type ErrorBody = { error?: { code: string; details?: Record<string, unknown> } };
const ent1 = demoIds.enterprise1;
const count = async (sql: string): Promise<number> => Number((await t.db.query<{ n: string }>(sql))[0]!.n);

/** A month of a coal mine: boilers on raw coal, diesel trucks, ventilation methane, purchased power (1,000 MWh). */
const mineMonth = (scale = '1') => ({
  activities: [
    { type: 'fuel', fuel: 'raw_coal', quantity: String(800 * Number(scale)), unit: 't' },
    { type: 'fuel', fuel: 'diesel', quantity: '40', unit: 't' },
    { type: 'direct_gas', gas: 'CH4', quantity: '12.5', unit: 't' },
    { type: 'electricity_purchased', quantity: '1000000', unit: 'kWh' },
  ],
  production: [],
  outputValue10kCny: '5200.00',
  valueAdded10kCny: '1850.50',
});

describe('the enterprise registry', () => {
  it('the commission sees every enterprise with its class; a county its area; an enterprise itself; a bank nothing', async () => {
    const all = await t.as('drc')<{ items: Enterprise[] }>('GET', '/api/v1/enterprises');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(demoEnterprises().length);
    expect(all.body.items.find((e) => e.id === ent1)).toMatchObject({ industryClass: '0610', keyEmitter: true, meterAccounts: [demoMeterAccount(ent1)] });
    const county = await t.as('zoucheng')<{ items: Enterprise[] }>('GET', '/api/v1/enterprises');
    expect(county.body.items.length).toBeGreaterThan(0);
    expect(county.body.items.every((e) => e.areaId === 'zoucheng')).toBe(true);
    const self = await t.as('enterprise1')<{ items: Enterprise[] }>('GET', '/api/v1/enterprises');
    expect(self.body.items.map((e) => e.id)).toEqual([ent1]);
    expect((await t.as('bank1')('GET', '/api/v1/enterprises')).status).toBe(403);
    expect((await t.as('bank1')('GET', `/api/v1/enterprises/${demoIds.enterprise2}?purpose=pre_loan`)).status).toBe(403);
  });

  it('the commission changes class, flags and meters; an unknown class, a stale version or another role are refused', async () => {
    const before = (await t.as('drc')<Enterprise>('GET', `/api/v1/enterprises/${demoIds.enterprise2}`)).body;
    expect(
      (await t.as('drc')<ErrorBody>('PATCH', `/api/v1/enterprises/${demoIds.enterprise2}`, { body: { industryClass: '9999', version: before.version } })).body.error?.code,
    ).toBe('VALIDATION_FAILED');
    expect((await t.as('enterprise2')('PATCH', `/api/v1/enterprises/${demoIds.enterprise2}`, { body: { keyEmitter: false, version: before.version } })).status).toBe(403);
    const changed = await t.as('drc')<Enterprise>('PATCH', `/api/v1/enterprises/${demoIds.enterprise2}`, {
      body: { meterAccounts: [demoMeterAccount(demoIds.enterprise2), '3708-EXTRA-01'], version: before.version },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: before.version + 1, meterAccounts: ['3708-EXTRA-01', demoMeterAccount(demoIds.enterprise2)].sort() });
    expect((await t.as('drc')<ErrorBody>('PATCH', `/api/v1/enterprises/${demoIds.enterprise2}`, { body: { keyEmitter: false, version: before.version } })).body.error?.code).toBe(
      'VERSION_CONFLICT',
    );
    expect(
      (await t.as('drc')<ErrorBody>('PATCH', `/api/v1/enterprises/${demoIds.enterprise2}`, { body: { meterAccounts: [demoMeterAccount(ent1)], version: changed.body.version } }))
        .body.error?.code,
    ).toBe('ALREADY_EXISTS');
  });
});

describe('registering an enterprise', () => {
  it('an enterprise organisation enters the registry with its class, products and meters; a wrong check digit never gets that far', async () => {
    const uscc = makeUscc({ authority: '9', kind: '1', adminCode: '370811', serial: 'NEWENT001' });
    const badCheck = uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0');
    expect((await t.api<ErrorBody>('POST', '/api/v1/organisations', { body: { type: 'enterprise', nameZh: '示例新企业', uscc: badCheck, areaId: 'rencheng' } })).status).toBe(400);
    const org = await t.api<{ id: string }>('POST', '/api/v1/organisations', { body: { id: 'ent-new', type: 'enterprise', nameZh: '示例新企业', uscc, areaId: 'rencheng' } });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const body = {
      organisationId: 'ent-new',
      industryClass: '3011',
      keyEmitter: true,
      products: [{ productId: 'clinker', nameZh: '水泥熟料', unit: 't', benchmarkId: 'cement_clinker' }],
      meterAccounts: ['3708-NEW-0001'],
    };
    expect((await t.as('bank1')('POST', '/api/v1/enterprises', { body })).status).toBe(403);
    expect((await t.as('drc')<ErrorBody>('POST', '/api/v1/enterprises', { body: { ...body, industryClass: '3150' } })).body.error?.code).toBe('VALIDATION_FAILED');
    const created = await t.as('drc')<Enterprise>('POST', '/api/v1/enterprises', { body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ id: 'ent-new', uscc, industryClass: '3011', industryClassNameZh: '水泥制造', meterAccounts: ['3708-NEW-0001'], version: 1 });
    expect((await t.as('drc')<ErrorBody>('POST', '/api/v1/enterprises', { body })).body.error?.code).toBe('ALREADY_EXISTS');
    expect((await t.as('drc')<ErrorBody>('POST', '/api/v1/enterprises', { body: { ...body, organisationId: demoIds.bank1 } })).status).toBe(404);
  });
});

describe('monthly data', () => {
  it('the enterprise submits a month and gets the engine’s result with factor ids', async () => {
    const r = await t.as('enterprise1')<{ submission: Submission; result: AccountMonth }>('PUT', `/api/v1/enterprises/${ent1}/months/2024-01`, { body: mineMonth() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.submission).toMatchObject({ revision: 1, channel: 'form', isCurrent: true, quality: 'reported' });
    expect(r.body.result.scope2Tco2e).toBe('641.000');
    expect(r.body.result.lines).toHaveLength(4);
    expect(r.body.result.factorRefs).toContain('cn_shandong_2022@1');
    expect(await count(`select count(*)::text as n from submission_lines where submission_id = '${r.body.submission.id}'`)).toBe(4);
  });

  it('a month with data needs `supersedes`; the correction keeps the history', async () => {
    const again = await t.as('enterprise1')<ErrorBody>('PUT', `/api/v1/enterprises/${ent1}/months/2024-01`, { body: mineMonth('2') });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('PERIOD_EXISTS');
    const detail = await t.as('enterprise1')<{ current: Submission }>('GET', `/api/v1/enterprises/${ent1}/months/2024-01`);
    const fixed = await t.as('enterprise1')<{ submission: Submission }>('PUT', `/api/v1/enterprises/${ent1}/months/2024-01`, {
      body: { ...mineMonth('2'), supersedes: detail.body.current.id, note: '原煤消耗量更正' },
    });
    expect(fixed.status).toBe(201);
    expect(fixed.body.submission).toMatchObject({ revision: 2, supersedesId: detail.body.current.id });
    const history = await t.as('drc')<{ history: Submission[]; current: Submission }>('GET', `/api/v1/enterprises/${ent1}/months/2024-01`);
    expect(history.body.history.map((h) => [h.revision, h.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
    const stale = await t.as('enterprise1')<ErrorBody>('PUT', `/api/v1/enterprises/${ent1}/months/2024-01`, { body: { ...mineMonth(), supersedes: detail.body.current.id } });
    expect(stale.body.error?.code).toBe('VERSION_CONFLICT');
  });

  it('bad input names the line and writes nothing; another enterprise may not write', async () => {
    const before = await count('select count(*)::text as n from period_submissions');
    const bad = await t.as('enterprise1')<ErrorBody>('PUT', `/api/v1/enterprises/${ent1}/months/2024-02`, {
      body: { ...mineMonth(), activities: [...mineMonth().activities, { type: 'fuel', fuel: 'raw_coal', quantity: '-5', unit: 't' }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error?.details)).toContain('months.0.activities.4');
    const product = await t.as('enterprise1')<ErrorBody>('PUT', `/api/v1/enterprises/${ent1}/months/2024-02`, {
      body: { ...mineMonth(), production: [{ productId: 'not_ours', output: '1' }] },
    });
    expect(product.status).toBe(400);
    expect((await t.as('enterprise2')('PUT', `/api/v1/enterprises/${ent1}/months/2024-02`, { body: mineMonth() })).status).toBe(403);
    expect((await t.as('enterprise1')('PUT', `/api/v1/enterprises/${ent1}/months/2024-02`, { body: { ...mineMonth(), valueAdded10kCny: '1.234' } })).status).toBe(400);
    expect(await count('select count(*)::text as n from period_submissions')).toBe(before);
  });
});

describe('the utility’s meter readings', () => {
  it('the metered kWh replaces the reported one, and a gap above 2 % is flagged', async () => {
    const r = await t.as('partner-power')<{ accepted: number; flagged: { month: string; gapPercent: string }[] }>('POST', '/api/v1/partners/utility/readings', {
      body: { readings: [{ accountNo: demoMeterAccount(ent1), month: '2024-01', kwh: '1050000' }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.flagged).toEqual([{ enterpriseId: ent1, month: '2024-01', gapPercent: '-4.76' }]);
    const month = await t.as('enterprise1')<{ result: AccountMonth }>('GET', `/api/v1/enterprises/${ent1}/months/2024-01`);
    expect(month.body.result.electricity).toMatchObject({ reportedKwh: '1000000', meteredKwh: '1050000.000', flagged: true });
    expect(month.body.result.scope2Tco2e).toBe('673.050');
  });

  it('an unmapped meter account refuses the whole batch; only the utility sends readings', async () => {
    const before = await count('select count(*)::text as n from utility_readings');
    const r = await t.as('partner-power')<ErrorBody>('POST', '/api/v1/partners/utility/readings', {
      body: {
        readings: [
          { accountNo: demoMeterAccount(ent1), month: '2024-02', kwh: '1' },
          { accountNo: '9999000000001', month: '2024-02', kwh: '1' },
        ],
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'UNKNOWN_METER_ACCOUNT', details: { accounts: ['9999000000001'] } });
    expect(await count('select count(*)::text as n from utility_readings')).toBe(before);
    expect(
      (await t.as('partner-bus')('POST', '/api/v1/partners/utility/readings', { body: { readings: [{ accountNo: demoMeterAccount(ent1), month: '2024-02', kwh: '1' }] } })).status,
    ).toBe(403);
  });
});

describe('accounts and labels', () => {
  const year = monthsBetween('2024-01', '2024-12');
  beforeAll(async () => {
    // Twelve enterprises of several sectors, a year of demo data each (enterprise1 as well, on top of its January).
    const service = carbonAccountService(t.platform);
    const chosen = demoEnterprises().slice(0, 24);
    for (const e of chosen) {
      const existing = new Set((await t.db.query<{ month: string }>('select month from period_submissions where enterprise_id = $1 and is_current', [e.id])).map((r) => r.month));
      await t.db.inTransaction(() =>
        service.submitMonths({
          enterpriseId: e.id,
          channel: 'demo',
          submittedBy: null,
          library: shippedReferenceLibrary,
          months: year.filter((m) => !existing.has(m)).map((month) => demoMonthInput(e, month)),
        }),
      );
    }
  }, 120_000);

  it('keeps accounts per month, quarter, year and rolling 12 months; the year is the sum of its months', async () => {
    const accounts = await t.as('enterprise1')<{ items: CarbonAccount[] }>('GET', `/api/v1/enterprises/${ent1}/accounts`);
    const periods = accounts.body.items.map((a) => a.period);
    expect(periods).toEqual(expect.arrayContaining(['2024', '2024-Q1', '2024-01', '2024-12R12']));
    const months = await t.as('enterprise1')<{ items: AccountMonth[] }>('GET', `/api/v1/enterprises/${ent1}/months`);
    const yearAccount = accounts.body.items.find((a) => a.period === '2024')!;
    expect(yearAccount).toMatchObject({ complete: true, periodType: 'year' });
    const sum = months.body.items.reduce((s, m) => s + Number(m.scope1Tco2e) + Number(m.scope2Tco2e) - Number(m.exportedTco2e), 0);
    expect(Math.abs(Number(yearAccount.emissionsTco2e) - sum)).toBeLessThan(0.01);
    expect(yearAccount.figures).toMatchObject({ completeness: { monthsExpected: 12, complete: true } });
  });

  it('the enterprise sees its monitoring label with reasons', async () => {
    const labels = await t.as('enterprise1')<{ items: EnterpriseLabel[] }>('GET', `/api/v1/enterprises/${ent1}/labels`);
    const monitoring = labels.body.items.find((l) => l.kind === 'monitoring');
    expect(monitoring).toMatchObject({ status: 'current', period: '2024-12R12' });
    expect(monitoring?.reason.zh.length).toBeGreaterThan(5);
  });

  it('the commission drafts and publishes; banks see the colour list without reasons; the enterprise objects and the commission resolves', async () => {
    expect((await t.as('bank1')('POST', '/api/v1/labels/drafts', { body: { year: 2024 } })).status).toBe(403);
    const drafted = await t.as('drc')<{ drafted: number; counts: Record<string, number> }>('POST', '/api/v1/labels/drafts', { body: { year: 2024 } });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
    expect(drafted.body.drafted).toBe(24);
    expect((await t.as('bank1')('GET', '/api/v1/labels?year=2024&status=draft')).status).toBe(403);
    expect((await t.as('bank1')<{ items: unknown[] }>('GET', '/api/v1/labels?year=2024')).body.items).toHaveLength(0);

    const published = await t.as('drc')<{ labelCount: number }>('POST', '/api/v1/labels/publications', { body: { year: 2024, note: '2024年度' } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.labelCount).toBe(24);
    const list = await t.as('bank1')<{ items: { enterpriseId: string; colour: string | null; reason?: unknown }[] }>('GET', '/api/v1/labels?year=2024');
    expect(list.body.items).toHaveLength(24);
    expect(list.body.items.every((i) => i.reason === undefined)).toBe(true);
    const inbox = await t.as('enterprise1')<{ items: { type: string }[] }>('GET', '/api/v1/notifications');
    expect(inbox.body.items.some((n) => n.type === 'label.published')).toBe(true);

    const official = (await t.as('enterprise1')<{ items: EnterpriseLabel[] }>('GET', `/api/v1/enterprises/${ent1}/labels`)).body.items.find(
      (l) => l.kind === 'official' && l.status === 'published',
    )!;
    expect(official.period).toBe('2024');
    expect((await t.as('enterprise2')('POST', `/api/v1/labels/${official.id}/objections`, { body: { reason: '不是我们的标识' } })).status).toBe(404);
    const objection = await t.as('enterprise1')<Objection>('POST', `/api/v1/labels/${official.id}/objections`, { body: { reason: '一月份电量已按供电公司数据更正，请复核。' } });
    expect(objection.status).toBe(201);
    expect((await t.as('enterprise1')<ErrorBody>('POST', `/api/v1/labels/${official.id}/objections`, { body: { reason: '再次提出异议。' } })).body.error?.code).toBe(
      'ALREADY_EXISTS',
    );
    const open = await t.as('drc')<{ items: Objection[] }>('GET', '/api/v1/objections?status=open');
    expect(open.body.items.map((o) => o.id)).toContain(objection.body.id);
    const resolved = await t.as('drc')<Objection>('POST', `/api/v1/objections/${objection.body.id}/resolution`, {
      body: { status: 'rejected', resolution: '经复核，数据已采用计量值，维持原标识。', version: 1 },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'rejected', resolvedBy: expect.any(String) });
    expect(
      (await t.as('drc')<ErrorBody>('POST', `/api/v1/objections/${objection.body.id}/resolution`, { body: { status: 'upheld', resolution: '再议', version: 2 } })).status,
    ).toBe(400);
    const mine = await t.as('enterprise1')<{ items: Objection[] }>('GET', '/api/v1/objections');
    expect(mine.body.items.map((o) => o.status)).toEqual(['rejected']);
    // Upheld: a new draft of that year's label for the commission to publish; the published one stays.
    const second = await t.as('enterprise1')<Objection>('POST', `/api/v1/labels/${official.id}/objections`, { body: { reason: '补充：四季度产量统计有误。' } });
    expect(second.status).toBe(201);
    expect((await t.as('drc')('POST', `/api/v1/objections/${second.body.id}/resolution`, { body: { status: 'upheld', resolution: '支持，重新评定。', version: 1 } })).status).toBe(
      200,
    );
    const drafts = await t.as('drc')<{ items: { enterpriseId: string }[] }>('GET', '/api/v1/labels?year=2024&status=draft');
    expect(drafts.body.items.map((d) => d.enterpriseId)).toEqual([ent1]);
    expect((await t.as('bank1')<{ items: unknown[] }>('GET', '/api/v1/labels?year=2024')).body.items).toHaveLength(24);
  });
});

describe('the bulk path in SQL', () => {
  it('recomputes every enterprise-month and annual total as the per-enterprise path did (metered electricity included)', async () => {
    const before = await t.db.query<{ enterprise_id: string; month: string; s1: string; s2: string; e: string; kwh: string | null }>(
      `select enterprise_id, month, round(scope1_tco2e, 6)::text s1, round(scope2_tco2e, 6)::text s2, round(energy_tce, 6)::text e, metered_kwh::text kwh from account_months order by 1, 2`,
    );
    const years = await t.db.query<{ enterprise_id: string; emissions_tco2e: string }>(
      `select enterprise_id, emissions_tco2e::text from carbon_accounts where period = '2024' order by 1`,
    );
    expect(before.some((r) => r.kwh !== null)).toBe(true);
    const { coefficient } = bulkLineOf({ activity: { type: 'electricity_purchased', quantity: '1', unit: 'kWh' }, library: shippedReferenceLibrary });
    await t.db.query(`insert into emission_coefficients values ($1, $2, $3, $4, $5, $6, $7, $8, '[]', '[]') on conflict do nothing`, [
      coefficient.key,
      coefficient.scope1Tco2e,
      coefficient.scope2Tco2e,
      coefficient.exportedTco2e,
      coefficient.energyTce,
      coefficient.feedstockTce,
      coefficient.nonFossilElectricityMwh,
      coefficient.provisional,
    ]);
    // Spoil the stored totals so that the test can only pass if the SQL recomputed them.
    await t.db.query(`update account_months set scope1_tco2e = 0, scope2_tco2e = 0, energy_tce = 0`);
    await t.db.query(`update carbon_accounts set emissions_tco2e = 0`);
    await recalculateAccountsInSql({ execute: (text, params) => t.db.query(text, params), computedAt: new Date(), meteredKwhKey: coefficient.key! });
    const after = await t.db.query<{ enterprise_id: string; month: string; s1: string; s2: string; e: string; kwh: string | null }>(
      `select enterprise_id, month, round(scope1_tco2e, 6)::text s1, round(scope2_tco2e, 6)::text s2, round(energy_tce, 6)::text e, metered_kwh::text kwh from account_months order by 1, 2`,
    );
    expect(after).toEqual(before);
    expect(await t.db.query(`select enterprise_id, emissions_tco2e::text from carbon_accounts where period = '2024' order by 1`)).toEqual(years);
  });
});
