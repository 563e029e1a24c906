/**
 * Two servers started at the same moment against one new PostgreSQL database: migrations are
 * applied once, the demo city is seeded once, and both serve. (PostgreSQL only.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations, openDatabase, type Database } from '@cfp/db';
import { createPostgresDatabase } from '@cfp/db/testing';
import { demoOrganisations } from '@cfp/domain';
import { demoLogins } from '@cfp/server';
import { buildCli, startServer, type ServerProcess } from './testing/spawn-cli.ts';

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: Database;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  buildCli();
  database = await createPostgresDatabase();
  db = await openDatabase({ kind: 'postgres', url: database.url, pool: { max: 2 } });
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await db.close();
  await database.drop();
});

describe('two servers on one PostgreSQL database', () => {
  it('migrate once, seed once, and both answer', async () => {
    const env = (n: number) => ({ DATABASE_URL: database.url, DATA_DIR: mkdtempSync(join(tmpdir(), `cfp-two-${n}-`)) });
    servers.push(...(await Promise.all([startServer(env(1)), startServer(env(2))])));
    for (const s of servers) expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    const applied = await db.query<{ id: string }>('select id from cfp_migrations');
    expect(applied.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    const [orgs] = await db.query<{ n: string }>('select count(*) as n from organisations');
    expect(orgs?.n).toBe(String(demoOrganisations().length + 1)); // + the residents' organisation
    const [users] = await db.query<{ n: string }>('select count(*) as n from users');
    expect(Number(users?.n)).toBe(demoLogins.length);
    // One bulk seed job, taken by one of them (two years of monthly data: it need not finish here).
    const deadline = Date.now() + 20_000;
    let jobs: Array<{ status: string }> = [];
    while (Date.now() < deadline) {
      jobs = await db.query<{ status: string }>(`select status from jobs where kind = 'demo-seed'`);
      if (jobs.length > 0 && jobs.every((j) => j.status !== 'queued')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(jobs).toHaveLength(1);
    expect(['running', 'succeeded']).toContain(jobs[0]?.status);
  }, 120_000);
});
