/**
 * The authorisation matrix: every demo role against every protected endpoint, each aimed at a
 * resource of another organisation, area, branch of a bank's hierarchy or an unconsented
 * enterprise — and, as controls, at resources the role may reach. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, demoOrganisations } from '@cfp/domain';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let t: TestPlatform;
const ids: Record<string, string> = {};
const outsideZoucheng = demoOrganisations().find((o) => o.type === 'enterprise' && o.areaId !== 'zoucheng')!.id;
const insideZoucheng = demoOrganisations().find((o) => o.type === 'enterprise' && o.areaId === 'zoucheng')!.id;
const profile = (enterpriseId: string, purpose = 'pre_loan') => `/api/v1/enterprises/${enterpriseId}/profile?purpose=${purpose}`;

beforeAll(async () => {
  t = await testPlatform();
  // enterprise1 consents to bank1's Zoucheng sub-branch (profile, pre-loan) for 2024; the clock says 2024-06-30.
  const consent = await t.as('enterprise1')<{ id: string }>('POST', '/api/v1/consents', {
    body: { granteeId: demoIds.bank1SubBranch, dataScopes: ['profile'], purpose: 'pre_loan', validFrom: '2024-01-01', validTo: '2024-12-31' },
  });
  expect(consent.status).toBe(201);
  ids.consent = consent.body.id;
  const revoked = await t.as('enterprise2')<{ id: string }>('POST', '/api/v1/consents', {
    body: { granteeId: demoIds.bank2, dataScopes: ['profile'], purpose: 'pre_loan', validFrom: '2024-01-01', validTo: '2024-12-31' },
  });
  expect((await t.as('enterprise2')('POST', `/api/v1/consents/${revoked.body.id}/revoke`, { body: {} })).status).toBe(200);
  const expired = await t.as('enterprise2')('POST', '/api/v1/consents', {
    body: { granteeId: demoIds.bank1, dataScopes: ['profile'], purpose: 'pre_loan', validFrom: '2023-01-01', validTo: '2023-12-31' },
  });
  expect(expired.status).toBe(201);
  expect(
    (
      await t.as('eeb')('POST', '/api/v1/verifier-assignments', {
        body: { verifierId: demoIds.verifier1, enterpriseId: demoIds.enterprise1, validFrom: '2024-01-01', validTo: '2024-12-31' },
      })
    ).status,
  ).toBe(201);
  // A job of the platform operator's (the demo seed job is off in API tests).
  t.platform.jobs.register({ kind: 'matrix-probe', resumable: false, run: async () => ({}) });
  ids.seedJob = (await t.platform.jobs.enqueue({ kind: 'matrix-probe', organisationId: demoIds.platform })).id;
  await t.platform.jobs.idle();
  const bank2Token = await t.as('bank2')<{ apiToken: { id: string } }>('POST', '/api/v1/tokens', { body: { name: 'core banking', scopes: ['read'] } });
  ids.bank2Token = bank2Token.body.apiToken.id;
  const bank2User = await t.as('bank2')<{ items: Array<{ id: string }> }>('GET', `/api/v1/organisations/${demoIds.bank2}/users`);
  ids.bank2User = bank2User.body.items[0]!.id;
});
afterAll(() => t.close());

type Row = [actor: string, method: string, path: () => string, body: unknown | (() => unknown), status: number, code?: string];
const rows: Row[] = [
  // enterprise details: only under a consent in force, for the consented office's branch line
  ['bank1-sub', 'GET', () => profile(demoIds.enterprise1), undefined, 200],
  ['bank1', 'GET', () => profile(demoIds.enterprise1), undefined, 200], // the head office above the grantee
  ['bank1-branch', 'GET', () => profile(demoIds.enterprise1), undefined, 200],
  ['bank1-sibling', 'GET', () => profile(demoIds.enterprise1), undefined, 403, 'CONSENT_REQUIRED'],
  ['bank2', 'GET', () => profile(demoIds.enterprise1), undefined, 403, 'CONSENT_REQUIRED'],
  ['bank1-sub', 'GET', () => profile(demoIds.enterprise1, 'post_loan'), undefined, 403, 'CONSENT_REQUIRED'], // another purpose
  ['bank1-sub', 'GET', () => `/api/v1/enterprises/${demoIds.enterprise1}/profile`, undefined, 400, 'VALIDATION_FAILED'], // no purpose
  ['bank1-sub', 'GET', () => profile(demoIds.enterprise2), undefined, 403, 'CONSENT_REQUIRED'], // not consented
  ['bank2', 'GET', () => profile(demoIds.enterprise2), undefined, 403, 'CONSENT_REQUIRED'], // revoked
  ['bank1', 'GET', () => profile(demoIds.enterprise2), undefined, 403, 'CONSENT_REQUIRED'], // expired
  ['enterprise2', 'GET', () => profile(demoIds.enterprise1), undefined, 403, 'FORBIDDEN'],
  ['enterprise1', 'GET', () => profile(demoIds.enterprise1), undefined, 200],
  ['verifier1', 'GET', () => profile(demoIds.enterprise1), undefined, 200],
  ['verifier1', 'GET', () => profile(demoIds.enterprise2), undefined, 403, 'FORBIDDEN'],
  ['zoucheng', 'GET', () => profile(insideZoucheng), undefined, 200],
  ['zoucheng', 'GET', () => profile(outsideZoucheng), undefined, 404, 'NOT_FOUND'],
  ['drc', 'GET', () => profile(outsideZoucheng), undefined, 200],
  ['finance', 'GET', () => profile(demoIds.enterprise1), undefined, 403, 'FORBIDDEN'], // labels, not detailed data
  ['pboc', 'GET', () => profile(demoIds.enterprise1), undefined, 200],
  ['resident1', 'GET', () => profile(demoIds.enterprise1), undefined, 403, 'FORBIDDEN'],
  ['partner-bus', 'GET', () => profile(demoIds.enterprise1), undefined, 403, 'FORBIDDEN'],
  // the directory: a county sees its own area only
  ['zoucheng', 'GET', () => `/api/v1/organisations/${outsideZoucheng}`, undefined, 404, 'NOT_FOUND'],
  ['zoucheng', 'GET', () => `/api/v1/organisations/${insideZoucheng}`, undefined, 200],
  ['bank2', 'GET', () => `/api/v1/organisations/${outsideZoucheng}`, undefined, 200],
  // members of an organisation: own office, offices below for admins; never a sibling or another bank
  ['bank1-sub', 'GET', () => `/api/v1/organisations/${demoIds.bank1SubBranch}/users`, undefined, 200],
  ['bank1-sub', 'GET', () => `/api/v1/organisations/${demoIds.bank1SiblingSubBranch}/users`, undefined, 404, 'NOT_FOUND'],
  ['bank1-sibling', 'GET', () => `/api/v1/organisations/${demoIds.bank1SubBranch}/users`, undefined, 404, 'NOT_FOUND'],
  ['bank1-branch', 'GET', () => `/api/v1/organisations/${demoIds.bank1SubBranch}/users`, undefined, 200],
  ['bank1', 'GET', () => `/api/v1/organisations/${demoIds.bank2}/users`, undefined, 404, 'NOT_FOUND'],
  ['enterprise2', 'GET', () => `/api/v1/organisations/${demoIds.enterprise1}/users`, undefined, 404, 'NOT_FOUND'],
  ['admin', 'GET', () => `/api/v1/organisations/${demoIds.bank2}/users`, undefined, 200],
  // creating and changing organisations
  ['bank1', 'POST', () => '/api/v1/organisations', { type: 'bank', bankLevel: 'branch', parentId: demoIds.bank2, nameZh: '示例越权支行', areaId: 'rencheng' }, 403, 'FORBIDDEN'],
  ['bank1', 'POST', () => '/api/v1/organisations', { type: 'bank', bankLevel: 'branch', parentId: demoIds.bank1, nameZh: '示例泰岳银行新支行', areaId: 'rencheng' }, 201],
  [
    'bank1-sub',
    'POST',
    () => '/api/v1/organisations',
    { type: 'bank', bankLevel: 'branch', parentId: demoIds.bank1, nameZh: '示例无权支行', areaId: 'rencheng' },
    403,
    'FORBIDDEN',
  ],
  ['enterprise2', 'PATCH', () => `/api/v1/organisations/${demoIds.enterprise1}`, { version: 1, nameEn: 'Taken over' }, 403, 'FORBIDDEN'],
  ['drc', 'POST', () => '/api/v1/organisations', { type: 'enterprise', nameZh: '示例新企业', areaId: 'rencheng' }, 403, 'FORBIDDEN'],
  // jobs: the demo seed belongs to the platform
  ['bank1', 'GET', () => `/api/v1/jobs/${ids.seedJob}`, undefined, 404, 'NOT_FOUND'],
  ['admin', 'GET', () => `/api/v1/jobs/${ids.seedJob}`, undefined, 200],
  // tokens and users of other organisations
  ['bank1', 'POST', () => '/api/v1/tokens', () => ({ name: 'x', userId: ids.bank2User, scopes: ['read'] }), 404, 'NOT_FOUND'],
  ['bank1', 'POST', () => `/api/v1/tokens/${ids.bank2Token}/revoke`, {}, 404, 'NOT_FOUND'],
  [
    'bank1',
    'POST',
    () => '/api/v1/users',
    { organisationId: demoIds.bank2, username: 'intruder', displayName: 'x', password: 'jining-demo-2024', roles: ['admin'] },
    403,
    'FORBIDDEN',
  ],
  [
    'bank1-sub',
    'POST',
    () => '/api/v1/users',
    { organisationId: demoIds.bank1SubBranch, username: 'self-made', displayName: 'x', password: 'jining-demo-2024', roles: ['admin'] },
    403,
    'FORBIDDEN',
  ],
  [
    'bank1-branch',
    'POST',
    () => '/api/v1/users',
    { organisationId: demoIds.bank1SubBranch, username: 'new-teller', displayName: '柜员', password: 'jining-demo-2024', roles: ['officer'] },
    201,
  ],
  // consents: the enterprise grants and revokes; its read log is its own
  [
    'bank1',
    'POST',
    () => '/api/v1/consents',
    { granteeId: demoIds.bank1, dataScopes: ['profile'], purpose: 'pre_loan', validFrom: '2024-01-01', validTo: '2024-12-31' },
    403,
    'FORBIDDEN',
  ],
  ['enterprise2', 'POST', () => `/api/v1/consents/${ids.consent}/revoke`, {}, 404, 'NOT_FOUND'],
  ['bank1', 'GET', () => '/api/v1/consents/reads', undefined, 403, 'FORBIDDEN'],
  [
    'bank1',
    'POST',
    () => '/api/v1/verifier-assignments',
    { verifierId: demoIds.verifier1, enterpriseId: demoIds.enterprise2, validFrom: '2024-01-01', validTo: '2024-12-31' },
    403,
    'FORBIDDEN',
  ],
];

describe('authorisation matrix', () => {
  const cases = rows.map(([actor, method, path, body, status, code]) => ({
    name: `${actor} ${method} ${path.toString().replace(/^\(\) => /, '')} → ${status}`,
    actor,
    method,
    path,
    body,
    status,
    code,
  }));
  it.each(cases)('$name', async ({ actor, method, path, body: bodyOrFn, status, code }) => {
    await t.tokenFor(actor); // minted before counting rows
    const body = typeof bodyOrFn === 'function' ? (bodyOrFn as () => unknown)() : bodyOrFn;
    const before = await t.db.query<{ n: string }>(
      `select (select count(*) from organisations) + (select count(*) from users) + (select count(*) from consents) + (select count(*) from api_tokens where revoked_at is null) as n`,
    );
    const response = await t.as(actor)<{ error?: { code: string; message: string } }>(method, path(), body === undefined ? {} : { body });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (code) {
      expect(response.body.error?.code).toBe(code);
      // Nothing written, and the refusal does not describe what it protects.
      const after = await t.db.query<{ n: string }>(
        `select (select count(*) from organisations) + (select count(*) from users) + (select count(*) from consents) + (select count(*) from api_tokens where revoked_at is null) as n`,
      );
      expect(after).toEqual(before);
      expect(JSON.stringify(response.body)).not.toMatch(/示例泰岳|示例洙泗|uscc|password/i);
    }
  });

  it('refuses every protected endpoint without credentials, and with a revoked or unknown token', async () => {
    for (const path of ['/api/v1/organisations', '/api/v1/me', '/api/v1/jobs', '/api/v1/consents', profile(demoIds.enterprise1), '/api/v1/calc']) {
      const response = await t.anonymous<{ error: { code: string } }>('GET', path);
      expect(response.status, path).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    }
    const unknown = await t.anonymous<{ error: { code: string } }>('GET', '/api/v1/me', { headers: { authorization: 'Bearer cfp_not-a-real-token' } });
    expect(unknown.status).toBe(401);
    const tampered = await t.anonymous('GET', '/api/v1/me', { headers: { authorization: `Bearer ${(await t.tokenFor('bank1')).slice(0, -1)}x` } });
    expect(tampered.status).toBe(401);
    const malformed = await t.anonymous('GET', '/api/v1/me', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(malformed.status).toBe(401);
  });

  it('a read-only token cannot write', async () => {
    const readOnly = t.as('bank1', ['read']);
    expect((await readOnly('GET', '/api/v1/me')).status).toBe(200);
    const write = await readOnly<{ error: { code: string } }>('POST', '/api/v1/tokens', { body: { name: 'escalate', scopes: ['write'] } });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('FORBIDDEN');
  });

  it('logs every read under a consent, and the enterprise sees who read what and why', async () => {
    await t.as('bank1-sub')('GET', profile(demoIds.enterprise1));
    const log = await t.as('enterprise1')<{ items: Array<{ readerOrganisationId: string; purpose: string; dataScope: string }> }>('GET', '/api/v1/consents/reads');
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThanOrEqual(2);
    expect(log.body.items.every((r) => r.purpose === 'pre_loan' && r.dataScope === 'profile')).toBe(true);
    expect(log.body.items.map((r) => r.readerOrganisationId)).toEqual(expect.arrayContaining([demoIds.bank1SubBranch, demoIds.bank1]));
    // Reads by the enterprise itself, regulators or verifiers are not consent reads.
    expect(log.body.items.some((r) => ([demoIds.enterprise1, demoIds.pboc, demoIds.verifier1] as string[]).includes(r.readerOrganisationId))).toBe(false);
    const other = await t.as('enterprise2')<{ items: unknown[] }>('GET', '/api/v1/consents/reads');
    expect(other.body.items).toEqual([]);
  });

  it('revoking a consent ends access at once', async () => {
    const consent = await t.as('enterprise1')<{ id: string }>('POST', '/api/v1/consents', {
      body: { granteeId: demoIds.bank2, dataScopes: ['profile'], purpose: 'post_loan', validFrom: '2024-06-01', validTo: '2025-06-01' },
    });
    expect((await t.as('bank2')('GET', profile(demoIds.enterprise1, 'post_loan'))).status).toBe(200);
    const list = await t.as('bank2')<{ items: Array<{ id: string; status: string }> }>('GET', '/api/v1/consents');
    expect(list.body.items.find((c) => c.id === consent.body.id)?.status).toBe('active');
    expect(list.body.items.some((c) => c.id === ids.consent)).toBe(false); // granted to bank1's office, not bank2
    await t.as('enterprise1')('POST', `/api/v1/consents/${consent.body.id}/revoke`, { body: {} });
    expect((await t.as('bank2')('GET', profile(demoIds.enterprise1, 'post_loan'))).status).toBe(403);
  });
});
