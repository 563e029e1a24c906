/** The built `cfp` as users run it: output discipline, exit codes, and the embedded-database lock. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisations } from '@cfp/domain';
import { buildCli, runCfp, startServer } from './testing/spawn-cli.ts';

beforeAll(() => buildCli());

describe('cfp calc', () => {
  it('reads JSON from stdin and prints only the JSON result', async () => {
    const r = await runCfp(['calc', 'uscc', '-'], { input: '{"code":"91370883MA3C00001"}' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ code: '91370883MA3C00001', valid: false, expectedCheckCharacter: 'W', reason: 'only 17 characters: append the check character' });
  });

  it('answers invalid input with the API error envelope and exit code 2', async () => {
    const bad = await runCfp(['calc', 'uscc', '-'], { input: '{"code": 18}' });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'code' }] } } });
    const malformed = await runCfp(['calc', 'uscc', '-'], { input: '{"code": ' });
    expect(malformed.code).toBe(2);
    expect(JSON.parse(malformed.stdout).error.code).toBe('MALFORMED_JSON');
    const english = await runCfp(['calc', 'uscc', '-'], { input: '[]', env: { LANG: 'en_US.UTF-8' } });
    expect(JSON.parse(english.stdout).error.message).toMatch(/The request is invalid/);
  });

  it('reads a file, and says which calculators exist', async () => {
    const missing = await runCfp(['calc', 'uscc', '/no/such/file.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
    const unknown = await runCfp(['calc', 'no-such-calculator', '-'], { input: '{}' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/known: uscc/);
  });
});

describe('cfp openapi and usage', () => {
  it('prints the OpenAPI 3.1 document', async () => {
    const r = await runCfp(['openapi']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/organisations', '/api/v1/organisations/{id}', '/api/v1/jobs', '/api/health']));
  });

  it('explains unknown commands and flags on stderr with exit code 1', async () => {
    const r = await runCfp(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command frobnicate/);
    expect((await runCfp(['db', 'migrate', '--bogus'])).stderr).toMatch(/Unknown option/);
  });

  it('fails fast on bad configuration', async () => {
    const r = await runCfp(['db', 'migrate'], { env: { CFP_MODE: 'production', DATABASE_URL: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/production mode needs DATABASE_URL/);
  });
});

describe('embedded database shared by the server and the CLI', () => {
  it('refuses CLI commands while the server owns the data folder, without harming it; works once it stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cfp-cli-'));
    // The bulk demo data (minutes of work) is not what this test is about.
    const env = { DATA_DIR: dataDir, DEMO_BULK_SEED: 'false' };
    const server = await startServer(env);
    try {
      for (const args of [
        ['db', 'migrate'],
        ['db', 'backup', join(dataDir, 'x.cfpbackup')],
        ['seed', '--demo'],
      ]) {
        const r = await runCfp(args, { env });
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`in use by process ${server.child.pid} \\(server`));
      }
      expect(existsSync(join(dataDir, 'x.cfpbackup'))).toBe(false);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const grant = await fetch(`${server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'drc', password: 'jining-demo-2024' }),
      });
      const { token } = (await grant.json()) as { token: string };
      const page = (await (await fetch(`${server.url}/api/v1/organisations?limit=200&type=enterprise`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        items: unknown[];
      };
      expect(page.items).toHaveLength(demoOrganisations().filter((o) => o.type === 'enterprise').length);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const backupFile = join(dataDir, 'demo.cfpbackup');
    const backup = await runCfp(['db', 'backup', backupFile], { env });
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout).tables.organisations).toBe(demoOrganisations().length + 1); // + the residents' organisation
    const noConfirm = await runCfp(['db', 'restore', backupFile], { env });
    expect(noConfirm.code).toBe(1);
    expect(noConfirm.stderr).toMatch(/--yes/);
    const restore = await runCfp(['db', 'restore', backupFile, '--yes'], { env });
    expect(restore.code, restore.stderr).toBe(0);
    const migrate = await runCfp(['db', 'migrate'], { env });
    expect(JSON.parse(migrate.stdout)).toEqual({ applied: [] });
    const seed = await runCfp(['seed', '--demo'], { env });
    expect(seed.code, seed.stderr).toBe(0);
    expect(JSON.parse(seed.stdout).essential).toEqual([]); // already seeded: nothing twice
    // And the server starts again on the restored data.
    const again = await startServer(env);
    expect(await again.stop()).toBe(0);
  }, 120_000);
});

describe('cfp admin create-user', () => {
  it('creates a user who can then sign in, and refuses duplicates and unknown roles', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cfp-admin-'));
    const env = { DATA_DIR: dataDir, DEMO_BULK_SEED: 'false' };
    expect((await runCfp(['seed', '--demo'], { env })).code).toBe(0);
    const args = ['admin', 'create-user', '--org', 'gov-drc', '--username', 'Wang.Fang', '--name', '王芳', '--roles', 'officer,approver'];
    const created = await runCfp(args, { env, input: 'a-long-passphrase-2024\n' });
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ username: 'wang.fang', organisationId: 'gov-drc', roles: ['officer', 'approver'] });
    const again = await runCfp(args, { env, input: 'another-passphrase-2024\n' });
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.code).toBe('ALREADY_EXISTS');
    const badRole = await runCfp([...args.slice(0, -1), 'officer,king'], { env, input: 'x\n' });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/unknown role king/);
    const noPassword = await runCfp(['admin', 'create-user', '--org', 'gov-drc', '--username', 'li', '--name', '李', '--roles', 'viewer'], { env, input: '' });
    expect(noPassword.stderr).toMatch(/no password/);

    // On a brand-new database the platform operator's organisation is there for the first administrator.
    const fresh = { DATA_DIR: mkdtempSync(join(tmpdir(), 'cfp-admin-fresh-')) };
    const first = await runCfp(['admin', 'create-user', '--org', 'platform', '--username', 'ops', '--name', '运维', '--roles', 'admin'], { env: fresh, input: 'short\n' });
    expect(first.code, first.stdout).toBe(0); // demo mode: no password policy
    const server = await startServer(env);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wang.fang', password: 'a-long-passphrase-2024' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { me: { organisation: { id: string } } }).me.organisation.id).toBe('gov-drc');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
