/** People sign in with a session cookie (CSRF on writes); systems with bearer tokens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '@cfp/domain';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { demoPassword } from '../../seed/demo-users.ts';

let t: TestPlatform;
beforeAll(async () => {
  // Behind a proxy, so each test's failures can come from addresses of its own.
  t = await testPlatform({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => t.close());

type Me = {
  user: { username: string };
  organisation: { id: string; type: string };
  roles: string[];
  scope: { areaId: string; organisationPath: string[] };
  authenticatedBy: string;
  csrfToken: string | null;
};
type ErrorBody = { error: { code: string } };

/** Cookie header from a response's Set-Cookie lines. */
const cookiesOf = (headers: Headers): string =>
  headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

describe('sessions', () => {
  it('signs in, reads with the cookie, writes only with the CSRF token, and signs out', async () => {
    const login = await t.anonymous<{ me: Me; expiresAt: string }>('POST', '/api/v1/auth/login', { body: { username: 'bank1-sub', password: demoPassword } });
    expect(login.status).toBe(200);
    const setCookies = login.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('cfp_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(setCookies.find((c) => c.startsWith('cfp_csrf='))).not.toMatch(/HttpOnly/i);
    expect(login.body.me).toMatchObject({
      user: { username: 'bank1-sub' },
      organisation: { id: demoIds.bank1SubBranch, type: 'bank' },
      scope: { organisationPath: [demoIds.bank1SubBranch, demoIds.bank1Branch, demoIds.bank1] },
      authenticatedBy: 'session',
    });
    const cookie = cookiesOf(login.headers);
    const csrf = login.body.me.csrfToken!;

    const me = await t.anonymous<Me>('GET', '/api/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(csrf);

    const grant = { name: 'teller app', scopes: ['read'] };
    const noCsrf = await t.anonymous<ErrorBody>('POST', '/api/v1/tokens', { body: grant, headers: { cookie } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_FAILED');
    const wrongCsrf = await t.anonymous<ErrorBody>('POST', '/api/v1/tokens', { body: grant, headers: { cookie, 'x-csrf-token': `${csrf}x` } });
    expect(wrongCsrf.body.error.code).toBe('CSRF_FAILED');
    const withCsrf = await t.anonymous('POST', '/api/v1/tokens', { body: grant, headers: { cookie, 'x-csrf-token': csrf } });
    expect(withCsrf.status).toBe(201);

    expect((await t.anonymous('POST', '/api/v1/auth/logout', { body: {}, headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(200);
    const after = await t.anonymous<ErrorBody>('GET', '/api/v1/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('ends a session after 12 hours', async () => {
    const login = await t.anonymous<{ me: Me }>('POST', '/api/v1/auth/login', { body: { username: 'drc', password: demoPassword } });
    const cookie = cookiesOf(login.headers);
    t.clock.advance(11 * 3600_000);
    expect((await t.anonymous('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    t.clock.advance(2 * 3600_000);
    expect((await t.anonymous('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a forged session cookie', async () => {
    const forged = await t.anonymous<ErrorBody>('GET', '/api/v1/me', { headers: { cookie: 'cfp_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(401);
  });
});

describe('sign-in throttling', () => {
  it('backs off after repeated failures per account, answers 429 with Retry-After, and lets the right password in later', async () => {
    const wrong = { username: 'eeb', password: 'not-the-password' };
    for (let i = 0; i < 5; i++) expect((await t.anonymous('POST', '/api/v1/auth/login', { body: wrong, headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status).toBe(401);
    const blocked = await t.anonymous<ErrorBody>('POST', '/api/v1/auth/login', { body: { username: 'eeb', password: demoPassword } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('LOGIN_THROTTLED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // No permanent lockout: once the backoff has passed, the right password works.
    t.clock.advance(60_000);
    const ok = await t.anonymous('POST', '/api/v1/auth/login', { body: { username: 'eeb', password: demoPassword } });
    expect(ok.status).toBe(200);
  });

  it('says the same for an unknown user as for a wrong password', async () => {
    const unknown = await t.anonymous<ErrorBody>('POST', '/api/v1/auth/login', { body: { username: 'nobody-here', password: 'x' } });
    const wrong = await t.anonymous<ErrorBody>('POST', '/api/v1/auth/login', { body: { username: 'nfra', password: 'x' } });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body.error.code).toBe(wrong.body.error.code);
  });
});

describe('API tokens', () => {
  it('grants a 24-hour token for a username and password, accepted as a bearer token', async () => {
    const grant = await t.anonymous<{ token: string; expiresAt: string }>('POST', '/api/v1/auth/token', { body: { username: 'pboc', password: demoPassword } });
    expect(grant.status).toBe(200);
    expect(grant.body.token).toMatch(/^cfp_[A-Za-z0-9_-]{43}$/);
    expect(new Date(grant.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(24 * 3600_000);
    const me = await t.anonymous<Me>('GET', '/api/v1/me', { headers: { authorization: `Bearer ${grant.body.token}` } });
    expect(me.body).toMatchObject({ organisation: { id: demoIds.pboc, type: 'regulator' }, authenticatedBy: 'token', csrfToken: null });
    // The database holds only a keyed hash of the token.
    const stored = await t.db.query<{ token_hash: string }>('select token_hash from api_tokens');
    expect(stored.some((r) => r.token_hash.includes(grant.body.token) || grant.body.token.includes(r.token_hash))).toBe(false);
    t.clock.advance(24 * 3600_000 + 1);
    expect((await t.anonymous('GET', '/api/v1/me', { headers: { authorization: `Bearer ${grant.body.token}` } })).status).toBe(401);
  });

  it('lets an organisation admin issue scoped tokens, list them without secrets, and revoke them', async () => {
    const bank1 = t.as('bank1');
    const users = await bank1<{ items: Array<{ id: string; username: string }> }>('GET', `/api/v1/organisations/${demoIds.bank1}/users`);
    const issued = await bank1<{ token: string; apiToken: { id: string; scopes: string[]; prefix: string } }>('POST', '/api/v1/tokens', {
      body: { name: '信贷系统对接', userId: users.body.items[0]!.id, scopes: ['read'], ttlDays: 90 },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.token.startsWith(issued.body.apiToken.prefix)).toBe(true);
    const list = await bank1<{ items: Array<{ id: string }> }>('GET', '/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token);
    expect(list.body.items.map((i) => i.id)).toContain(issued.body.apiToken.id);
    const use = () => t.anonymous('GET', '/api/v1/me', { headers: { authorization: `Bearer ${issued.body.token}` } });
    expect((await use()).status).toBe(200);
    expect((await bank1('POST', `/api/v1/tokens/${issued.body.apiToken.id}/revoke`, { body: {} })).status).toBe(200);
    expect((await use()).status).toBe(401);
  });
});
