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

export const testNow = new Date('2024-06-30T08:00:00.000Z');

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
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  const clock = fixedClock(testNow);
  const platform = await preparePlatform({ config, db: database.db, clock, logger: createLogger({ level: 'silent' }) });

  async function api<T = unknown>(method: string, path: string, init: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
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

  return {
    platform,
    clock,
    db: database.db,
    api,
    async close() {
      await platform.stopJobs();
      await database.close();
    },
  };
}
export type TestPlatform = Awaited<ReturnType<typeof testPlatform>>;
