/** /api/v1/auth/* (sign in and out, tokens for systems) and /api/v1/me. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { errorEnvelopeSchema, loginResultSchema, loginSchema, meSchema, tokenGrantSchema } from '@cfp/contracts';
import type { BankLevel, OrganisationType } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { clientIp } from '../../http/middleware.ts';
import { body, errorResponses, json } from '../../http/responses.ts';
import { authService, csrfCookie, sessionCookie, sessionTtlMs, type Authenticated } from './auth-service.ts';
import { toUser } from './identity-mappers.ts';
import { actorOf } from './authenticate.ts';

const login = createRoute({
  method: 'post',
  path: '/api/v1/auth/login',
  tags: ['identity'],
  summary: 'Sign in (people): sets the session cookie and returns the caller and the CSRF token',
  security: [],
  request: { body: body(loginSchema) },
  responses: {
    200: json(loginResultSchema, 'Signed in'),
    ...errorResponses.write,
    401: json(errorEnvelopeSchema, 'LOGIN_FAILED'),
    429: json(errorEnvelopeSchema, 'LOGIN_THROTTLED (Retry-After)'),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/api/v1/auth/logout',
  tags: ['identity'],
  summary: 'Sign out: ends the session',
  request: { body: body(z.strictObject({})) },
  responses: { 200: json(z.object({ signedOut: z.literal(true) }), 'Signed out'), ...errorResponses.write },
});

const token = createRoute({
  method: 'post',
  path: '/api/v1/auth/token',
  tags: ['identity'],
  summary: 'Get an API token (systems) with a username and password; valid 24 h, scopes read and write',
  security: [],
  request: { body: body(loginSchema) },
  responses: {
    200: json(tokenGrantSchema, 'The token, shown once'),
    ...errorResponses.write,
    401: json(errorEnvelopeSchema, 'LOGIN_FAILED'),
    429: json(errorEnvelopeSchema, 'LOGIN_THROTTLED (Retry-After)'),
  },
});

const me = createRoute({
  method: 'get',
  path: '/api/v1/me',
  tags: ['identity'],
  summary: 'The caller: user, organisation, roles and scope',
  responses: { 200: json(meSchema, 'The caller'), ...errorResponses.read },
});

export function authRoutes(platform: Platform) {
  const auth = authService(platform);
  const secure = (c: Context<AppEnv>) => platform.config.mode === 'production' || new URL(c.req.url).protocol === 'https:';

  function describe(result: Pick<Authenticated, 'actor' | 'user' | 'organisation'>, via: 'session' | 'token', csrfToken: string | null) {
    const org = result.organisation;
    return {
      user: toUser(result.user, { phone: null }),
      organisation: { id: org.id, type: org.type as OrganisationType, nameZh: org.nameZh, nameEn: org.nameEn, bankLevel: org.bankLevel as BankLevel | null, areaId: org.areaId },
      roles: [...result.actor.roles],
      scope: { areaId: result.actor.areaId, organisationPath: [...result.actor.organisationPath], accountManager: result.actor.accountManager },
      authenticatedBy: via,
      tokenScopes: result.actor.tokenScopes ? [...result.actor.tokenScopes] : null,
      csrfToken,
    };
  }

  return new OpenAPIHono<AppEnv>()
    .openapi(login, async (c) => {
      const { username, password } = c.req.valid('json');
      const result = await auth.login({ username, password, ip: clientIp(c, platform.config.trustProxy), userAgent: c.req.header('user-agent'), requestId: c.get('requestId') });
      const cookie = { path: '/', secure: secure(c), sameSite: 'Lax' as const, maxAge: sessionTtlMs / 1000 };
      setCookie(c, sessionCookie, result.cookieValue, { ...cookie, httpOnly: true });
      // Readable by the web app, which echoes it in X-CSRF-Token; useless to another site.
      setCookie(c, csrfCookie, result.csrfToken, cookie);
      return c.json({ me: describe(result, 'session', result.csrfToken), expiresAt: result.expiresAt.toISOString() }, 200);
    })
    .openapi(logout, async (c) => {
      const current = c.get('auth');
      if (current?.via.kind === 'session') await auth.logout(current.via.sessionId);
      deleteCookie(c, sessionCookie, { path: '/' });
      deleteCookie(c, csrfCookie, { path: '/' });
      return c.json({ signedOut: true as const }, 200);
    })
    .openapi(token, async (c) => {
      const { username, password } = c.req.valid('json');
      const { token: secret, row } = await auth.tokenForPassword({ username, password, ip: clientIp(c, platform.config.trustProxy), requestId: c.get('requestId') });
      return c.json({ token: secret, expiresAt: row.expiresAt.toISOString() }, 200);
    })
    .openapi(me, async (c) => {
      actorOf(c);
      const current = c.get('auth');
      if (!current) throw new AppError('UNAUTHENTICATED');
      return c.json(describe(current, current.via.kind, current.via.kind === 'session' ? current.via.csrfToken : null), 200);
    });
}
