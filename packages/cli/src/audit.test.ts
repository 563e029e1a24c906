/**
 * `cfp audit verify` as users run it (the built CLI) on an embedded database that an attacker
 * with database access has tampered with: an altered entry is named, deleted newest entries are
 * reported as a truncation against the exported head, and an intact chain passes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '@cfp/db';
import { auditHeadExportJob, auditHeadsFile, fixedClock, recordAudit } from '@cfp/server';
import { buildCli, runCfp } from './testing/spawn-cli.ts';

beforeAll(() => buildCli());
const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const t0 = new Date('2024-06-30T08:00:00.000Z');
const openTrail = (dataDir: string): Promise<Database> => openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });

/** A data folder whose embedded database holds `entries` audit entries and whose head was exported after them. */
async function trail(options: { entries: number; export?: boolean }): Promise<{ dataDir: string; env: Record<string, string> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cfp-audit-'));
  dataDirs.push(dataDir);
  const db = await openTrail(dataDir);
  try {
    await migrate(db);
    const clock = fixedClock(t0);
    for (let i = 0; i < options.entries; i++) {
      clock.advance(60_000);
      await recordAudit(db.orm, {
        actor: { userId: `user-${i % 3}`, organisationId: i % 2 ? 'bank-1' : 'drc' },
        action: i % 2 ? 'organisation.update' : 'organisation.create',
        target: { type: 'organisation', id: `ent-00${i}` },
        before: i % 2 ? { version: i } : null,
        after: { version: i + 1 },
        requestId: `req-${i}`,
        now: clock.now(),
        algorithm: i === 5 ? 'sm3' : 'sha256',
      });
    }
    if (options.export !== false) {
      await auditHeadExportJob({ db, clock, dataDir }).run({ job: {} as never, checkpoint: null, progress: async () => undefined, pause: async () => undefined });
    }
  } finally {
    await db.close();
  }
  // DATABASE_URL empty: the embedded database in DATA_DIR, whatever the caller's environment says.
  return { dataDir, env: { DATA_DIR: dataDir, DATABASE_URL: '', CFP_MODE: 'demo' } };
}

/** Runs SQL as an attacker with database access: the append-only trigger is told to stand aside. */
async function tamper(dataDir: string, sql: string): Promise<void> {
  const db = await openTrail(dataDir);
  try {
    await db.transaction(async (s) => {
      await s.exec(`set local cfp.audit_maintenance = 'on'`);
      await s.exec(sql);
    });
  } finally {
    await db.close();
  }
}

interface Verification {
  ok: boolean;
  checked?: number;
  head?: { seq: string; hash: string } | null;
  problem?: string;
  seq?: string;
  message?: string;
  against: string;
  exported: { seq: string; hash: string } | null;
}

async function verify(env: Record<string, string>, extra: string[] = []): Promise<{ code: number; result: Verification; stderr: string }> {
  const r = await runCfp(['audit', 'verify', ...extra], { env });
  let result: Verification;
  try {
    result = JSON.parse(r.stdout) as Verification;
  } catch {
    throw new Error(`cfp audit verify printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, result, stderr: r.stderr };
}

describe('cfp audit verify', () => {
  it('passes an intact chain, checked against the exported head in DATA_DIR/audit/heads.jsonl (exit 0)', async () => {
    const { dataDir, env } = await trail({ entries: 10 });
    const file = auditHeadsFile(dataDir);
    const { code, result, stderr } = await verify(env);
    expect(code, stderr).toBe(0);
    expect(result).toMatchObject({ ok: true, checked: 10, head: { seq: '10' }, against: file, exported: { seq: '10' } });
    expect(result.head!.hash).toBe(result.exported!.hash);
    expect(stderr).toContain(`exported head 10`);
    const head = await runCfp(['audit', 'head'], { env });
    expect(head.code).toBe(0);
    expect(JSON.parse(head.stdout)).toMatchObject({ head: { seq: '10', hash: result.head!.hash, algorithm: 'sha256' }, exported: { seq: '10' } });
  }, 120_000);

  it('names the entry an attacker altered with SQL (hash_mismatch, exit 3)', async () => {
    const { env, dataDir } = await trail({ entries: 10 });
    await tamper(dataDir, `update audit_entries set action = 'organisation.delete' where seq = 4`);
    const { code, result } = await verify(env);
    expect(code).toBe(3);
    expect(result).toMatchObject({ ok: false, problem: 'hash_mismatch', seq: '4' });
    expect(result.message).toMatch(/entry 4 .* changed/);
  }, 120_000);

  it('reports the truncation when the newest entries were deleted (truncated, exit 3), from the file or the table', async () => {
    const { env, dataDir } = await trail({ entries: 10 });
    await tamper(dataDir, 'delete from audit_entries where seq > 7');
    const fromFile = await verify(env);
    expect(fromFile.code).toBe(3);
    expect(fromFile.result).toMatchObject({ ok: false, problem: 'truncated', seq: '8', against: auditHeadsFile(dataDir) });
    expect(fromFile.result.message).toMatch(/ends at entry 7 .* exported head is entry 10/);

    // Without the file, the audit_heads table is the witness (an attacker could have cleared it too).
    const copy = join(dataDir, 'heads-copy.jsonl');
    writeFileSync(copy, readFileSync(auditHeadsFile(dataDir)));
    rmSync(auditHeadsFile(dataDir));
    const fromTable = await verify(env);
    expect(fromTable.code).toBe(3);
    expect(fromTable.result).toMatchObject({ ok: false, problem: 'truncated', seq: '8', against: 'audit_heads' });

    await tamper(dataDir, 'delete from audit_heads');
    const blind = await verify(env);
    expect(blind.code).toBe(0); // nothing left to compare with: the shortened chain is consistent in itself…
    expect(blind.result).toMatchObject({ ok: true, checked: 7, against: 'none' });
    expect(blind.stderr).toMatch(/cannot be detected/);
    const explicit = await verify(env, ['--head', copy]); // …which is why the heads file belongs off the machine
    expect(explicit.code).toBe(3);
    expect(explicit.result).toMatchObject({ problem: 'truncated', seq: '8', against: copy });
  }, 180_000);

  it('finds a gap, explains an unreadable head file, and refuses a missing one (exit 1)', async () => {
    const { env, dataDir } = await trail({ entries: 6, export: false });
    await tamper(dataDir, 'delete from audit_entries where seq = 2');
    const gap = await verify(env);
    expect(gap.code).toBe(3);
    expect(gap.result).toMatchObject({ ok: false, problem: 'gap', seq: '2', against: 'none' });
    const bad = join(dataDir, 'bad.jsonl');
    writeFileSync(bad, '{"seq":"1"}\n');
    const r = await runCfp(['audit', 'verify', '--head', bad], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not an exported head/);
    const missing = await runCfp(['audit', 'verify', '--head', join(dataDir, 'nope.jsonl')], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
    expect((await runCfp(['audit', 'frobnicate'], { env })).stderr).toMatch(/usage: cfp audit verify/);
  }, 120_000);
});
