/**
 * External lists and verification through the API: the province's colour list beside the city's
 * (conflicts flagged), ETS verified emissions authoritative for annual labels, all-or-nothing list
 * imports with row errors, and an assigned verifier raising a year's data quality. PGlite and
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, demoOrganisations, makeUscc, monthsBetween, shippedReferenceLibrary } from '@cfp/domain';
import type { CarbonAccount, EnterpriseLabel } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { writeCsv, type OutputColumn } from '../../spreadsheets/index.ts';
import { carbonAccountService } from './account-service.ts';
import { demoEnterprises, demoMonthInput } from './demo-seed.ts';

let t: TestPlatform;
type ErrorBody = { error?: { code: string; details?: { rows?: { row: number; code: string }[] } } };
const usccOf = (id: string): string => demoOrganisations().find((o) => o.id === id)!.uscc!;
const chosen = demoEnterprises().slice(0, 12);

async function upload(options: { username: string; bytes: Uint8Array; name: string; type: string; id: string }): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([options.bytes as Uint8Array<ArrayBuffer>]), options.name);
  form.append('attachedToType', options.type);
  form.append('attachedToId', options.id);
  const response = await t.platform.app.request('/api/v1/files', { method: 'POST', body: form, headers: { authorization: `Bearer ${await t.tokenFor(options.username)}` } });
  const body = (await response.json()) as { id: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

const csv = (columns: OutputColumn[], rows: Record<string, string>[]): Uint8Array => writeCsv({ columns, rows });
const provincialColumns: OutputColumn[] = [
  { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code' },
  { key: 'name', labelZh: '企业名称', labelEn: 'Enterprise', kind: 'text' },
  { key: 'colour', labelZh: '颜色', labelEn: 'Colour', kind: 'text' },
];

beforeAll(async () => {
  t = await testPlatform();
  const service = carbonAccountService(t.platform);
  for (const e of chosen) {
    await t.db.inTransaction(() =>
      service.submitMonths({
        enterpriseId: e.id,
        channel: 'demo',
        submittedBy: null,
        library: shippedReferenceLibrary,
        months: monthsBetween('2024-01', '2024-12').map((month) => demoMonthInput(e, month)),
      }),
    );
  }
}, 180_000);
afterAll(() => t.close());

describe('the province’s list', () => {
  it('is imported by the commission; a broken row refuses the whole file and keeps the earlier list', async () => {
    const outsider = makeUscc({ authority: '9', kind: '1', adminCode: '370100', serial: 'EXTERNAL1' });
    const good = csv(provincialColumns, [
      { uscc: usccOf(demoIds.enterprise1), name: '示例企业一', colour: '红' },
      { uscc: usccOf(demoIds.enterprise2), name: '示例企业二', colour: 'green' },
      { uscc: outsider, name: '外市企业', colour: '黄色' },
    ]);
    const fileId = await upload({ username: 'drc', bytes: good, name: '省两高名单2024.csv', type: 'external_list', id: 'provincial' });
    const r = await t.as('drc')<{ rows: number; matched: number; unmatched: string[] }>('POST', '/api/v1/external-lists/provincial', { body: { year: 2024, fileId } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ rows: 3, matched: 2, unmatched: [outsider] });

    const broken = csv(provincialColumns, [
      { uscc: usccOf(demoIds.enterprise1), name: '示例企业一', colour: '红' },
      { uscc: usccOf(demoIds.enterprise2).slice(0, 17) + (usccOf(demoIds.enterprise2).endsWith('0') ? '1' : '0'), name: '校验码错', colour: 'green' },
      { uscc: outsider, name: '外市企业', colour: '紫' },
    ]);
    const brokenId = await upload({ username: 'drc', bytes: broken, name: 'broken.csv', type: 'external_list', id: 'provincial' });
    const refused = await t.as('drc')<ErrorBody>('POST', '/api/v1/external-lists/provincial', { body: { year: 2024, fileId: brokenId } });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('IMPORT_INVALID');
    expect(refused.body.error?.details?.rows?.map((x) => [x.row, x.code])).toEqual([
      [3, 'INVALID_USCC'],
      [4, 'INVALID_ENUM'],
    ]);
    expect((await t.db.query<{ n: string }>(`select count(*)::text as n from provincial_list_entries where list_year = 2024`))[0]!.n).toBe('3');
    expect((await t.as('bank1')('POST', '/api/v1/external-lists/provincial', { body: { year: 2024, fileId } })).status).toBe(403);
    // A bank cannot even upload for the list.
    const form = new FormData();
    form.append('file', new Blob([good as Uint8Array<ArrayBuffer>]), 'x.csv');
    form.append('attachedToType', 'external_list');
    form.append('attachedToId', 'provincial');
    expect((await t.platform.app.request('/api/v1/files', { method: 'POST', body: form, headers: { authorization: `Bearer ${await t.tokenFor('bank1')}` } })).status).toBe(404);
  });
});

describe('ETS verified emissions and annual labels', () => {
  it('the ecology bureau imports them; the annual label of an ETS key emitter uses the verified total', async () => {
    const columns: OutputColumn[] = [
      { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code' },
      { key: 'name', labelZh: '企业名称', labelEn: 'Enterprise', kind: 'text' },
      { key: 'verifiedTco2e', labelZh: '核查排放量（吨二氧化碳当量）', labelEn: 'Verified emissions (tCO2e)', kind: 'decimal' },
    ];
    const unknown = csv(columns, [{ uscc: makeUscc({ authority: '9', kind: '1', adminCode: '370100', serial: '0NTHERE01' }), name: '未登记', verifiedTco2e: '1.5' }]);
    const refused = await t.as('eeb')<ErrorBody>('POST', '/api/v1/external-lists/ets-emissions', {
      body: { year: 2024, fileId: await upload({ username: 'eeb', bytes: unknown, name: 'x.csv', type: 'external_list', id: 'ets_emissions' }) },
    });
    expect(refused.body.error?.details?.rows?.[0]?.code).toBe('UNKNOWN_ENTERPRISE');
    const fileId = await upload({
      username: 'eeb',
      bytes: csv(columns, [{ uscc: usccOf(demoIds.enterprise2), name: '示例电厂', verifiedTco2e: '1234567.891' }]),
      name: '全国碳市场2024核查.csv',
      type: 'external_list',
      id: 'ets_emissions',
    });
    expect((await t.as('drc')('POST', '/api/v1/external-lists/ets-emissions', { body: { year: 2024, fileId } })).status).toBe(403);
    const r = await t.as('eeb')('POST', '/api/v1/external-lists/ets-emissions', { body: { year: 2024, fileId, source: '生态环境部 2024年度核查（示例）' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    expect((await t.as('drc')('POST', '/api/v1/labels/drafts', { body: { year: 2024 } })).status).toBe(200);
    const drafts = await t.as('drc')<{ items: { enterpriseId: string; colour: string | null; provincialColour?: string | null; conflict?: boolean }[] }>(
      'GET',
      '/api/v1/labels?year=2024&status=draft',
    );
    expect(drafts.body.items).toHaveLength(chosen.length);
    const one = drafts.body.items.find((i) => i.enterpriseId === demoIds.enterprise1)!;
    expect(one.provincialColour).toBe('red');
    expect(one.conflict).toBe(one.colour !== 'red');
    const plant = (await t.as('drc')<{ items: EnterpriseLabel[] }>('GET', `/api/v1/enterprises/${demoIds.enterprise2}/labels`)).body.items.find((l) => l.status === 'draft')!;
    expect(plant.inputs).toMatchObject({ etsVerified: true, emissionsTco2e: '1234567.891' });
  });
});

describe('verification', () => {
  it('an assigned verifier verifies a year with its report; the data become verified', async () => {
    const assign = await t.as('eeb')('POST', '/api/v1/verifier-assignments', {
      body: { verifierId: demoIds.verifier1, enterpriseId: demoIds.enterprise1, validFrom: '2024-01-01', validTo: '2024-12-31' },
    });
    expect(assign.status).toBe(201);
    const report = await upload({
      username: 'verifier1',
      bytes: new TextEncoder().encode('%PDF-1.4\n% 核查报告\n'),
      name: '核查报告.pdf',
      type: 'enterprise',
      id: demoIds.enterprise1,
    });
    expect((await t.as('enterprise1')('POST', `/api/v1/enterprises/${demoIds.enterprise1}/verifications`, { body: { year: 2024, reportFileId: report } })).status).toBe(403);
    const r = await t.as('verifier1')<{ monthsVerified: number }>('POST', `/api/v1/enterprises/${demoIds.enterprise1}/verifications`, {
      body: { year: 2024, reportFileId: report, verifiedTco2e: '98765.432', note: '数据与台账一致' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.monthsVerified).toBe(12);
    const year = await t.as('enterprise1')<CarbonAccount>('GET', `/api/v1/enterprises/${demoIds.enterprise1}/accounts/2024`);
    expect(year.body.quality).toBe('verified');
    const list = await t.as('enterprise1')<{ items: { verifierId: string }[] }>('GET', `/api/v1/enterprises/${demoIds.enterprise1}/verifications`);
    expect(list.body.items.map((v) => v.verifierId)).toEqual([demoIds.verifier1]);
    // Without an assignment: not even the upload.
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n')]), 'r.pdf');
    form.append('attachedToType', 'enterprise');
    form.append('attachedToId', demoIds.enterprise2);
    expect((await t.platform.app.request('/api/v1/files', { method: 'POST', body: form, headers: { authorization: `Bearer ${await t.tokenFor('verifier1')}` } })).status).toBe(403);
  });
});
