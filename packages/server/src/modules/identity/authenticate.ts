/**
 * Authentication at the edge of /api/v1: a bearer token (systems) or the session cookie (people).
 * Every route needs one except the sign-in routes. Cookie-authenticated writes must also carry
 * the session's CSRF token in `X-CSRF-Token`; token-authenticated calls must hold the scope the
 * method needs (`read` for GET, `write` otherwise).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { tokenAllows, type Actor } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { authService, sessionCookie } from './auth-service.ts';

const publicRoutes = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/token']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function authenticate(platform: Platform): MiddlewareHandler<AppEnv> {
  const auth = authService(platform);
  return async (c, next) => {
    const header = c.req.header('authorization');
    let bearer: string | undefined;
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header);
      if (!match) throw new AppError('UNAUTHENTICATED');
      bearer = match[1];
    }
    const cookie = bearer === undefined ? getCookie(c, sessionCookie) : undefined;
    const result = await auth.authenticate({ bearer, sessionCookieValue: cookie });
    c.set('auth', result);
    if (!result) {
      if (publicRoutes.has(`${c.req.method} ${c.req.path}`)) return next();
      throw new AppError('UNAUTHENTICATED');
    }
    const writing = !safeMethods.has(c.req.method);
    if (result.via.kind === 'session' && writing) {
      const presented = c.req.header('x-csrf-token');
      if (!presented || !sameSecret(presented, result.via.csrfToken)) throw new AppError('CSRF_FAILED');
    }
    if (!tokenAllows(result.actor, writing ? 'write' : 'read')) throw new AppError('FORBIDDEN', { reason: 'token_scope', need: writing ? 'write' : 'read' });
    await next();
  };
}

/** The authenticated caller; the middleware guarantees one on every non-public route. */
export function actorOf(c: Context<AppEnv>): Actor {
  const auth = c.get('auth');
  if (!auth) throw new AppError('UNAUTHENTICATED');
  return auth.actor;
}
