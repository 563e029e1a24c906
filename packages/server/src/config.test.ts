import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cfp-config-'));
const secret = 'x'.repeat(40);
const fieldKeys = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
const indexKey = Buffer.alloc(32, 2).toString('base64');

describe('loadConfig', () => {
  it('defaults to demo mode on embedded PGlite under DATA_DIR, port 3000', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ mode: 'demo', port: 3000, database: { kind: 'pglite', dir: join(dir, 'pglite') }, pool: { max: 10, statementTimeoutMs: 30_000 } });
  });

  it('generates demo secrets once, owner-only, and reuses them', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.secrets.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.secrets).toEqual(first.secrets);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(second.fieldCipher.activeKeyId).toBe('demo1');
    expect(second.fieldCipher.keys.get('demo1')).toEqual(first.fieldCipher.keys.get('demo1'));
  });

  it('rejects field keys that do not parse, without echoing them', () => {
    const attempt = () => loadConfig({ DATA_DIR: dataDir(), FIELD_KEYS: 'k1:c2hvcnQ=', FIELD_INDEX_KEY: indexKey, SESSION_SECRET: secret, TOKEN_PEPPER: secret });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).not.toThrow(/c2hvcnQ/);
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), FIELD_KEYS: fieldKeys, FIELD_KEY_ACTIVE: 'k9', FIELD_INDEX_KEY: indexKey, SESSION_SECRET: secret, TOKEN_PEPPER: secret }),
    ).toThrow(/k9 is not among FIELD_KEYS/);
  });

  it('production refuses to start without DATABASE_URL and secrets, naming each', () => {
    expect(() => loadConfig({ CFP_MODE: 'production', DATA_DIR: dataDir() })).toThrow(/DATABASE_URL, SESSION_SECRET, TOKEN_PEPPER/);
    expect(() => loadConfig({ CFP_MODE: 'production', DATABASE_URL: 'postgres://db/cfp', SESSION_SECRET: secret, DATA_DIR: dataDir() })).toThrow(/TOKEN_PEPPER/);
    expect(() => loadConfig({ CFP_MODE: 'production', DATABASE_URL: 'postgres://db/cfp', SESSION_SECRET: secret, TOKEN_PEPPER: secret, DATA_DIR: dataDir() })).toThrow(
      /FIELD_KEYS, FIELD_INDEX_KEY/,
    );
    const ok = loadConfig({
      CFP_MODE: 'production',
      DATABASE_URL: 'postgres://db/cfp',
      SESSION_SECRET: secret,
      TOKEN_PEPPER: secret,
      FIELD_KEYS: fieldKeys,
      FIELD_INDEX_KEY: indexKey,
      DATA_DIR: dataDir(),
    });
    expect(ok).toMatchObject({ mode: 'production', database: { kind: 'postgres', url: 'postgres://db/cfp' } });
  });

  it('demo mode on PostgreSQL is allowed (it seeds too)', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/cfp', DATA_DIR: dataDir() })).toMatchObject({ mode: 'demo', database: { kind: 'postgres' } });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ CFP_MODE: 'staging' }, 'CFP_MODE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CFP_NOW: 'yesterday' }, 'CFP_NOW'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ DB_POOL_MAX: '0' }, 'DB_POOL_MAX'],
  ])('fails fast on %o naming %s', (env, name) => {
    const attempt = () => loadConfig({ DATA_DIR: dataDir(), ...env });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`${name}:`));
  });

  it('sets the server clock from CFP_NOW', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), CFP_NOW: '2024-06-30T16:00:00+08:00' }).now?.toISOString()).toBe('2024-06-30T08:00:00.000Z');
  });
});
