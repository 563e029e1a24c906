/**
 * Edge middleware: request ids and access logs, security headers, per-IP rate limits, and the
 * body checks every write gets before any handler runs (content type, size, well-formed JSON).
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import { AppError, pickLanguage } from './app-error.ts';
import type { AppEnv } from './context.ts';

const safeRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestContext(options: { logger: Logger }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && safeRequestId.test(incoming) ? incoming : randomUUID();
    const log = options.logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('language', pickLanguage(c.req.header('accept-language')));
    c.set('log', log);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = { method: c.req.method, path: c.req.path, status: c.res.status, ms };
    if (c.res.status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
  };
}

/** Security headers for API responses; the docs page relaxes style-src for Swagger UI only. */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // Production is served over TLS (behind its proxy): browsers must not fall back to plain HTTP.
    if (options.hsts) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  };
}

/**
 * The client's address. Behind a reverse proxy (TRUST_PROXY=true) the first X-Forwarded-For hop,
 * which the proxy sets; otherwise the socket's peer — a client cannot forge that one.
 */
export function clientIp(c: Parameters<MiddlewareHandler>[0], trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded && /^[0-9a-fA-F:.]{2,45}$/.test(forwarded)) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

/**
 * Fixed one-minute windows per client address. In memory: each API process limits on its own,
 * which is what a load balancer in front of several processes expects.
 */
export function rateLimit(options: { perMinute: number; clock: Clock; trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const now = options.clock.now().getTime();
    const key = clientIp(c, options.trustProxy);
    let w = windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear(); // bound memory under address churn
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count > options.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
    }
    await next();
  };
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH']);
/**
 * The only writes that take multipart/form-data instead of JSON (file uploads), by exact method and
 * path; they read their body themselves, with their own size limit (modules/files/read-upload.ts).
 */
const multipartRoutes = new Set(['POST /api/v1/files']);

/**
 * Writes must send JSON within the size limit. Checked here, once, so every endpoint answers
 * the same codes: 415 for another type, 413 for too large, 400 MALFORMED_JSON for bad syntax.
 */
export function jsonBody(options: { limitBytes: number }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!writeMethods.has(c.req.method)) return next();
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'multipart/form-data' && multipartRoutes.has(`${c.req.method} ${c.req.path}`)) return next();
    if (type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.limitBytes) throw new AppError('PAYLOAD_TOO_LARGE', { limitBytes: options.limitBytes });
    const raw = await readLimited(c.req.raw, options.limitBytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new AppError('MALFORMED_JSON');
    }
    const problem = checkJsonShape(parsed);
    if (problem) throw new AppError('VALIDATION_FAILED', { fields: [{ ...problem, code: 'invalid_body' }] });
    // Hono's validators read c.req.json(); hand them the parsed body instead of re-reading.
    c.req.bodyCache.json = Promise.resolve(parsed);
    await next();
  };
}

/** Half of a UTF-16 pair without the other half: valid JSON syntax, but no Unicode text. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any contract goes; deeper bodies are refused before anything recurses into them. */
export const maxJsonDepth = 32;

/**
 * One iterative pass over a parsed body (no recursion: a hostile body cannot overflow the stack):
 * refuses nesting deeper than maxJsonDepth, and U+0000 anywhere — PostgreSQL text cannot hold it,
 * so it is refused here, at the edge, rather than failing in a statement as a 500.
 */
export function checkJsonShape(value: unknown): { path: string; message: string } | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path: path || '(body)', message: 'the NUL character (U+0000) is not allowed' };
      if (loneSurrogate.test(v)) return { path: path || '(body)', message: 'not valid Unicode (a lone UTF-16 surrogate)' };
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= maxJsonDepth) return { path: path || '(body)', message: `nested deeper than ${maxJsonDepth} levels` };
    for (const [k, child] of Object.entries(v)) {
      if (k.includes('\u0000') || loneSurrogate.test(k)) return { path: path || '(body)', message: 'the NUL character (U+0000) is not allowed' };
      stack.push({ value: child, path: path ? `${path}.${k}` : k, depth: depth + 1 });
    }
  }
  return undefined;
}

export function noNulInQuery(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const query = new URL(c.req.url).search;
    if (/%00/i.test(query) || query.includes('\u0000'))
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: '(query)', message: 'the NUL character (U+0000) is not allowed', code: 'invalid_string' }] });
    await next();
  };
}

async function readLimited(request: Request, limitBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('PAYLOAD_TOO_LARGE', { limitBytes });
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
