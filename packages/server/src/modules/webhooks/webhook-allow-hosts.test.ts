/** WEBHOOK_ALLOW_HOSTS is parsed once at start; a bad entry stops the start with a message naming it. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

const env = (allow?: string) => ({
  CFP_MODE: 'demo',
  DATABASE_URL: 'postgres://unused.invalid/test',
  SESSION_SECRET: 'test-session-secret-0123456789abcdef',
  TOKEN_PEPPER: 'test-token-pepper-0123456789abcdefgh',
  FIELD_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
  FIELD_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
  ...(allow !== undefined ? { WEBHOOK_ALLOW_HOSTS: allow } : {}),
});

describe('WEBHOOK_ALLOW_HOSTS', () => {
  it('is empty by default (every target must be public https)', () => {
    expect(loadConfig(env()).webhookAllowHosts).toEqual([]);
    expect(loadConfig(env('')).webhookAllowHosts).toEqual([]);
  });

  it('takes comma-separated host[:port]', () => {
    expect(loadConfig(env('127.0.0.1:4567, erp.intranet')).webhookAllowHosts).toEqual([{ hostname: '127.0.0.1', port: 4567 }, { hostname: 'erp.intranet' }]);
  });

  it.each(['http://erp.intranet', 'erp.intranet/path', 'user@erp.intranet'])('refuses %s, naming the variable', (allow) => {
    expect(() => loadConfig(env(allow))).toThrow(ConfigError);
    expect(() => loadConfig(env(allow))).toThrow(/WEBHOOK_ALLOW_HOSTS/);
  });
});
