import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, demoOrganisations } from '@cfp/domain';
import type { Organisation } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { residentsOrganisationId } from '../../seed/demo-users.ts';

type Page = { items: Organisation[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; details?: unknown; requestId: string } };

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t.close());

const newBank = { type: 'bank', bankLevel: 'head', nameZh: '示例测试银行', nameEn: 'Test Bank (Demo)', areaId: 'jining' };

describe('organisations API', () => {
  it('lists every seeded organisation through keyset pages without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page: { status: number; body: Page } = await t.api<Page>('GET', `/api/v1/organisations?limit=37${q}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(37);
      seen.push(...page.body.items.map((o) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const expected = [...demoOrganisations().map((o) => o.id), residentsOrganisationId].sort();
    expect(seen).toEqual(expected);
  });

  it('filters by type, area, parent and name', async () => {
    const banks = await t.api<Page>('GET', '/api/v1/organisations?type=bank&limit=200');
    expect(banks.body.items.length).toBe(demoOrganisations().filter((o) => o.type === 'bank').length);
    const children = await t.api<Page>('GET', `/api/v1/organisations?parentId=${demoIds.bank1}`);
    expect(children.body.items.every((o) => o.parentId === demoIds.bank1 && o.bankLevel === 'branch')).toBe(true);
    expect(children.body.items.length).toBeGreaterThanOrEqual(2);
    const zoucheng = await t.api<Page>('GET', '/api/v1/organisations?areaId=zoucheng&type=enterprise');
    expect(zoucheng.body.items.length).toBeGreaterThan(0);
    expect(zoucheng.body.items.every((o) => o.areaId === 'zoucheng' && o.isDemo && o.nameZh.includes('示例'))).toBe(true);
    const byName = await t.api<Page>('GET', `/api/v1/organisations?q=${encodeURIComponent('生态环境局')}`);
    expect(byName.body.items.map((o) => o.id)).toContain(demoIds.eeb);
    const literalPercent = await t.api<Page>('GET', `/api/v1/organisations?q=${encodeURIComponent('%')}`);
    expect(literalPercent.body.items).toEqual([]);
  });

  it('gets one organisation, 404 with the envelope for an unknown id', async () => {
    const one = await t.api<Organisation>('GET', `/api/v1/organisations/${demoIds.enterprise1}`);
    expect(one.body).toMatchObject({ id: demoIds.enterprise1, type: 'enterprise', version: 1, isDemo: true });
    const missing = await t.api<ErrorBody>('GET', '/api/v1/organisations/no-such-org');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect(missing.body.error.requestId).toBe(missing.headers.get('x-request-id'));
  });

  it('creates an organisation and replays it for a repeated Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'create-test-bank-1' };
    const first = await t.api<Organisation>('POST', '/api/v1/organisations', { body: newBank, headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...newBank, version: 1, isDemo: false, parentId: null });
    const again = await t.api<Organisation>('POST', '/api/v1/organisations', { body: { ...newBank }, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const list = await t.api<Page>('GET', `/api/v1/organisations?q=${encodeURIComponent('示例测试银行')}`);
    expect(list.body.items).toHaveLength(1);
    const reused = await t.api<ErrorBody>('POST', '/api/v1/organisations', { body: { ...newBank, nameZh: '示例另一家银行' }, headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('releases the key of a failed request so the client can retry with it', async () => {
    const headers = { 'idempotency-key': 'retry-after-fix' };
    const bad = await t.api<ErrorBody>('POST', '/api/v1/organisations', { body: { ...newBank, nameZh: '示例重试银行', areaId: 'atlantis' }, headers });
    expect(bad.status).toBe(400);
    const fixed = await t.api<Organisation>('POST', '/api/v1/organisations', { body: { ...newBank, nameZh: '示例重试银行', areaId: 'jining' }, headers });
    expect(fixed.status).toBe(201);
  });

  it('updates with optimistic concurrency: a stale version is 409 and changes nothing', async () => {
    const id = demoIds.enterprise2;
    const ok = await t.api<Organisation>('PATCH', `/api/v1/organisations/${id}`, { body: { version: 1, nameEn: 'Renamed (Demo)' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, nameEn: 'Renamed (Demo)' });
    const stale = await t.api<ErrorBody>('PATCH', `/api/v1/organisations/${id}`, { body: { version: 1, nameEn: 'Lost update' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const after = await t.api<Organisation>('GET', `/api/v1/organisations/${id}`);
    expect(after.body).toMatchObject({ version: 2, nameEn: 'Renamed (Demo)' });
  });

  it.each([
    ['an invalid USCC check character', { ...newBank, uscc: '91370883MA3C00001X' }, 'uscc'],
    ['an unknown area', { ...newBank, areaId: 'atlantis' }, 'areaId'],
    ['an unknown parent', { ...newBank, bankLevel: 'branch', parentId: 'no-such-bank' }, 'parentId'],
    ['a branch under an enterprise', { ...newBank, bankLevel: 'branch', parentId: 'ent-001' }, 'parentId'],
    ['a sub-branch directly under a head office', { ...newBank, bankLevel: 'sub_branch', parentId: demoIds.bank1 }, 'parentId'],
    ['a bank without a level', { ...newBank, bankLevel: undefined }, 'bankLevel'],
    ['an unknown field', { ...newBank, colour: 'green' }, '(body)'],
    ['a number where a string belongs', { ...newBank, nameZh: 42 }, 'nameZh'],
  ])('rejects %s with VALIDATION_FAILED naming the field, writing nothing', async (_name, body, field) => {
    const before = await t.api<Page>('GET', '/api/v1/organisations?limit=200&type=bank');
    const response = await t.api<ErrorBody & { error: { details: { fields: Array<{ path: string }> } } }>('POST', '/api/v1/organisations', { body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.fields.map((f) => f.path)).toContain(field);
    const after = await t.api<Page>('GET', '/api/v1/organisations?limit=200&type=bank');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses a duplicate USCC and a re-parenting that would make a cycle', async () => {
    const taken = demoOrganisations().find((o) => o.type === 'enterprise')!.uscc;
    const dup = await t.api<ErrorBody>('POST', '/api/v1/organisations', { body: { type: 'enterprise', nameZh: '示例重复', areaId: 'jining', uscc: taken } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ALREADY_EXISTS');
    const group = await t.api<Organisation>('POST', '/api/v1/organisations', { body: { id: 'group-a', type: 'enterprise', nameZh: '示例集团', areaId: 'jining' } });
    const sub = await t.api<Organisation>('POST', '/api/v1/organisations', {
      body: { id: 'group-a-sub', type: 'enterprise', nameZh: '示例子公司', areaId: 'jining', parentId: 'group-a' },
    });
    expect([group.status, sub.status]).toEqual([201, 201]);
    const cycle = await t.api<ErrorBody>('PATCH', '/api/v1/organisations/group-a', { body: { version: 1, parentId: 'group-a-sub' } });
    expect(cycle.status).toBe(400);
    expect(JSON.stringify(cycle.body.error.details)).toContain('cycle');
  });

  it('answers in English when asked', async () => {
    const missing = await t.api<ErrorBody>('GET', '/api/v1/organisations/nope', { headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' } });
    expect(missing.body.error.message).toBe('The record was not found.');
    const zh = await t.api<ErrorBody>('GET', '/api/v1/organisations/nope');
    expect(zh.body.error.message).toBe('未找到该记录。');
  });

  it('lists the city, its 11 divisions and 4 zones', async () => {
    const areas = await t.api<{ items: Array<{ id: string; type: string }> }>('GET', '/api/v1/areas');
    expect(areas.body.items).toHaveLength(16);
    expect(areas.body.items.filter((a) => a.type === 'functional_zone')).toHaveLength(4);
  });
});
