import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainEntry, digestOf, verifyChain, type AuditEntry, type HashAlgorithm } from '@cfp/domain';
import type { Orm } from '../client.ts';
import { testDatabase, type TestDatabase } from '../testing/test-database.ts';
import { auditRepository, type AuditEntryRecord } from './audit-repository.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await testDatabase();
});
afterEach(() => t.close());

const t0 = Date.UTC(2024, 5, 30, 8, 0, 0);

interface Command {
  at?: number;
  action?: string;
  actorUserId?: string | null;
  actorOrganisationId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  algorithm?: HashAlgorithm;
}

/** Appends one entry as the server does: the domain builds it from the head the repository read under its lock. */
function append(orm: Orm, c: Command = {}): Promise<AuditEntry> {
  const algorithm = c.algorithm ?? 'sha256';
  return auditRepository(orm).append((previous) =>
    chainEntry({
      previous,
      content: {
        at: c.at ?? t0,
        actorUserId: c.actorUserId ?? null,
        actorOrganisationId: c.actorOrganisationId ?? 'drc',
        action: c.action ?? 'organisation.update',
        targetType: c.targetType ?? 'organisation',
        targetId: c.targetId ?? 'ent-001',
        beforeDigest: digestOf({ v: 1 }, algorithm),
        afterDigest: digestOf({ v: 2 }, algorithm),
        requestId: 'req-1',
        algorithm,
      },
    }),
  );
}

async function all(): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of auditRepository(t.db.orm).iterate({ chunk: 3 })) out.push(e as AuditEntry);
  return out;
}

describe('audit repository: appending', () => {
  it('appends consecutive seqs, each linked to the one before, and stores exactly what was hashed', async () => {
    const a = await append(t.db.orm, { action: 'organisation.create' });
    const b = await append(t.db.orm, { algorithm: 'sm3' });
    const c = await append(t.db.orm, { at: t0 + 1 });
    expect([a.seq, b.seq, c.seq]).toEqual(['1', '2', '3']);
    expect(b.prevHash).toBe(a.hash);
    expect(c.prevHash).toBe(b.hash);
    const stored = await all();
    expect(stored).toEqual([a, b, c]);
    expect(verifyChain(stored)).toEqual({ ok: true, checked: 3, head: { seq: '3', hash: c.hash } });
    expect(await auditRepository(t.db.orm).head()).toEqual({ seq: '3', hash: c.hash, algorithm: 'sha256', at: t0 + 1 });
  });

  it('appends inside the caller’s transaction, and a rollback leaves no entry', async () => {
    await expect(
      t.db.orm.transaction(async (tx) => {
        await append(tx);
        throw new Error('the command failed after auditing');
      }),
    ).rejects.toThrow(/command failed/);
    expect(await auditRepository(t.db.orm).head()).toBeUndefined();
    const committed = await t.db.orm.transaction((tx) => append(tx));
    expect(committed.seq).toBe('1');
    expect(await all()).toEqual([committed]);
  });

  it('extends one chain from 20 concurrent transactions: no duplicate seq, no fork', async () => {
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.orm.transaction(async (tx) => {
          // some work of the command before its audit entry
          await tx.execute('select 1');
          return append(tx, { targetId: `ent-${i}` });
        }),
      ),
    );
    expect(new Set(entries.map((e) => e.seq)).size).toBe(20);
    const stored = await all();
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(verifyChain(stored)).toMatchObject({ ok: true, checked: 20 });
  });

  it('refuses an entry that does not extend the head, writing nothing', async () => {
    const first = await append(t.db.orm);
    // Built as if the chain were empty: seq 1 again.
    const stale = () => chainEntry({ previous: null, content: { ...first, at: t0 + 1 } });
    await expect(auditRepository(t.db.orm).append(stale)).rejects.toThrow(/does not extend the chain head 1/);
    expect(await all()).toEqual([first]);
  });
});

describe('audit repository: append-only table', () => {
  it('refuses UPDATE and DELETE unless maintenance is switched on for the transaction', async () => {
    const a = await append(t.db.orm);
    await expect(t.db.query(`update audit_entries set action = 'organisation.delete' where seq = 1`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.query('delete from audit_entries where seq = 1')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.db.query(`update audit_heads set hash = hash`)).resolves.toEqual([]); // no rows: the trigger is per row
    expect(await all()).toEqual([a]);
    // An attacker (or an operator) with database access who says so can change it: the chain shows it.
    await t.db.transaction(async (s) => {
      await s.exec(`set local cfp.audit_maintenance = 'on'`);
      await s.query(`update audit_entries set action = 'organisation.delete' where seq = 1`);
    });
    expect(verifyChain(await all())).toMatchObject({ ok: false, problem: 'hash_mismatch', seq: '1' });
    // The setting was local to that transaction.
    await expect(t.db.query('delete from audit_entries')).rejects.toThrow(/append-only/);
  });

  it('records exported heads once per seq, append-only too', async () => {
    const repo = auditRepository(t.db.orm);
    expect(await repo.latestExportedHead()).toBeUndefined();
    const a = await append(t.db.orm);
    const exportedAt = new Date(t0);
    expect(await repo.recordHead({ seq: a.seq, hash: a.hash, algorithm: a.algorithm, exportedAt })).toBe(true);
    expect(await repo.recordHead({ seq: a.seq, hash: a.hash, algorithm: a.algorithm, exportedAt })).toBe(false);
    const b = await append(t.db.orm);
    await repo.recordHead({ seq: b.seq, hash: b.hash, algorithm: b.algorithm, exportedAt: new Date(t0 + 1000) });
    expect(await repo.latestExportedHead()).toEqual({ seq: '2', hash: b.hash, algorithm: 'sha256', exportedAt: new Date(t0 + 1000) });
    await expect(t.db.query('delete from audit_heads')).rejects.toThrow(/audit_heads is append-only/);
  });
});

describe('audit repository: browsing', () => {
  it('filters by actor, action prefix, target and time, newest first, in keyset pages', async () => {
    const made: AuditEntryRecord[] = [];
    for (let i = 0; i < 10; i++) {
      made.push(
        await append(t.db.orm, {
          at: t0 + i * 60_000,
          action: i % 2 ? 'organisation.update' : i % 3 ? 'organisation.create' : 'job.start',
          actorUserId: i < 5 ? 'user-a' : 'user-b',
          actorOrganisationId: i % 2 ? 'drc' : 'bank-1',
          targetType: i % 2 ? 'organisation' : 'job',
          targetId: `t-${i % 4}`,
        }),
      );
    }
    const repo = auditRepository(t.db.orm);
    const seqs = (rows: AuditEntryRecord[]) => rows.map((r) => Number(r.seq));
    expect(seqs(await repo.list({ filter: {}, limit: 50 }))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(seqs(await repo.list({ filter: { actorUserId: 'user-b' }, limit: 50 }))).toEqual([10, 9, 8, 7, 6]);
    expect(seqs(await repo.list({ filter: { actorOrganisationId: 'drc' }, limit: 50 }))).toEqual([10, 8, 6, 4, 2]);
    expect(seqs(await repo.list({ filter: { action: 'organisation' }, limit: 50 }))).toEqual([10, 9, 8, 6, 5, 4, 3, 2]);
    expect(seqs(await repo.list({ filter: { action: 'organisation.create' }, limit: 50 }))).toEqual([9, 5, 3]);
    expect(seqs(await repo.list({ filter: { action: 'organ' }, limit: 50 }))).toEqual([]); // segments, not substrings
    expect(seqs(await repo.list({ filter: { action: 'organisation_' }, limit: 50 }))).toEqual([]); // LIKE wildcards are literal
    expect(seqs(await repo.list({ filter: { targetType: 'job', targetId: 't-0' }, limit: 50 }))).toEqual([9, 5, 1]);
    expect(seqs(await repo.list({ filter: { fromMs: t0 + 2 * 60_000, toMs: t0 + 5 * 60_000 }, limit: 50 }))).toEqual([5, 4, 3]);
    const pages: number[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await repo.list({ filter: { actorUserId: 'user-a' }, after, limit: 2 });
      if (page.length === 0) break;
      pages.push(seqs(page));
      after = page.at(-1)!.seq;
    }
    expect(pages).toEqual([[5, 4], [3, 2], [1]]);
    expect(await all()).toEqual(made);
  });
});
