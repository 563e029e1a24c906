/**
 * An in-process platform for API tests: a fresh test database, a fixed clock, silent logs, and a
 * small `api()` helper over `app.request()` (no port). Demo mode seeds the organisations.
 */
import { testDatabase } from '@cfp/db/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { preparePlatform } from '../platform.ts';
import { identityRepository } from '@cfp/db';
import { authService } from '../modules/identity/auth-service.ts';

export const testNow = new Date('2024-06-30T08:00:00.000Z');
/** Fixed test keys (32 bytes each, base64): never used outside tests. */
const testFieldKeys = `t1:${Buffer.alloc(32, 7).toString('base64')}`;
const testFieldIndexKey = Buffer.alloc(32, 9).toString('base64');

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function testPlatform(options: { mode?: Config['mode']; env?: Record<string, string> } = {}) {
  const database = await testDatabase();
  const config = loadConfig({
    CFP_MODE: options.mode ?? 'demo',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cfp-platform-')),
    DATABASE_URL: 'postgres://unused.invalid/test', // the test database is passed in directly
    SESSION_SECRET: 'test-session-secret-0123456789abcdef',
    TOKEN_PEPPER: 'test-token-pepper-0123456789abcdefgh',
    FIELD_KEYS: testFieldKeys,
    FIELD_INDEX_KEY: testFieldIndexKey,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Tests seed the months they need; the bulk demo seed runs in the browser suite and `npm start`.
    DEMO_BULK_SEED: 'false',
    ...options.env,
  });
  const clock = fixedClock(testNow);
  const platform = await preparePlatform({ config, db: database.db, clock, logger: createLogger({ level: 'silent' }), scheduleAuditHeadExport: false });

  const auth = authService(platform);
  const tokens = new Map<string, string>();
  /** A bearer token for a demo login (or any username), minted directly: no password hashing. */
  async function tokenFor(username: string, scopes = ['read', 'write']): Promise<string> {
    const key = `${username} ${scopes.join(',')}`;
    let token = tokens.get(key);
    if (!token) {
      const user = await identityRepository(database.db.orm).userByUsername(username);
      if (!user) throw new Error(`no user ${username} (production mode seeds none)`);
      token = (await auth.issueToken({ user, name: 'test', scopes, ttlMs: 86_400_000, createdBy: null })).token;
      tokens.set(key, token);
    }
    return token;
  }

  type Init = { body?: unknown; rawBody?: string; headers?: Record<string, string> };
  /** Requests without credentials. */
  async function anonymous<T = unknown>(method: string, path: string, init: Init = {}): Promise<ApiResponse<T>> {
    const hasBody = init.body !== undefined || init.rawBody !== undefined;
    const response = await platform.app.request(path, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(hasBody ? { body: init.rawBody ?? JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (docs assets): keep the text
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  /** Requests as a user (a bearer token); `as('bank1')`. */
  function as(username: string, scopes?: string[]) {
    return async <T = unknown>(method: string, path: string, init: Init = {}): Promise<ApiResponse<T>> =>
      anonymous<T>(method, path, { ...init, headers: { authorization: `Bearer ${await tokenFor(username, scopes)}`, ...init.headers } });
  }
  /** Requests as the platform administrator (demo mode). */
  const api = as('admin');

  return {
    platform,
    clock,
    db: database.db,
    api,
    as,
    anonymous,
    tokenFor,
    async close() {
      await platform.stopJobs();
      await database.close();
    },
  };
}
export type TestPlatform = Awaited<ReturnType<typeof testPlatform>>;
