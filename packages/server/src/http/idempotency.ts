/**
 * `Idempotency-Key` on creating writes: a repeat within 24 h replays the stored response
 * (header `Idempotent-Replayed: true`); the same key with a different body is 422
 * IDEMPOTENCY_KEY_REUSED; a repeat while the first is still running is 409. A request that
 * fails releases its key, so the client can fix it and retry with the same key.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { idempotencyRepository } from '@cfp/db';
import { AppError } from './app-error.ts';
import type { AppEnv, Platform } from './context.ts';

export const idempotencyTtlMs = 24 * 60 * 60 * 1000;
const keyPattern = /^[\x21-\x7e]{1,200}$/;

/** JSON with object keys sorted, so that key order does not change a request's identity. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function idempotent(options: {
  c: Context<AppEnv>;
  platform: Platform;
  /** Route identity, e.g. 'POST /api/v1/organisations'; later also the caller. */
  scope: string;
  body: unknown;
  run: () => Promise<{ status: 200 | 201 | 202; body: unknown }>;
}): Promise<{ status: 200 | 201 | 202; body: unknown; replayed: boolean }> {
  const key = options.c.req.header('idempotency-key');
  if (key === undefined) return { ...(await options.run()), replayed: false };
  if (!keyPattern.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
  const repo = idempotencyRepository(options.platform.db.orm);
  const now = options.platform.clock.now();
  const requestHash = createHash('sha256').update(stableJson(options.body)).digest('hex');
  const existing = await repo.claim({ scope: options.scope, key, requestHash, now, expiredBefore: new Date(now.getTime() - idempotencyTtlMs) });
  if (existing) {
    if (existing.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (existing.statusCode === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    return { status: existing.statusCode as 200 | 201 | 202, body: existing.responseBody, replayed: true };
  }
  try {
    const result = await options.run();
    await repo.complete({ scope: options.scope, key, statusCode: result.status, body: result.body, now: options.platform.clock.now() });
    return { ...result, replayed: false };
  } catch (error) {
    await repo.release({ scope: options.scope, key }).catch(() => undefined);
    throw error;
  }
}
