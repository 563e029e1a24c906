/**
 * The audit trail's storage: appends under a transaction-scoped advisory lock (so concurrent
 * commands, in this or another process, extend the chain one at a time and never fork it),
 * newest-first filtered pages, an in-order stream for verification, and the exported heads.
 * The hashing rules are the domain's (domain/src/audit/audit-chain.ts): the caller passes the
 * function that builds the next entry from the previous head, so this layer stores, never hashes.
 */
import { and, asc, desc, eq, gt, gte, is, like, lt, or, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Orm } from '../client.ts';
import { advisoryLockKeys } from '../advisory-lock.ts';
import { auditEntries, auditHeads } from './schema.ts';

export type AuditEntryRow = typeof auditEntries.$inferSelect;
export type AuditHeadRow = typeof auditHeads.$inferSelect;

/** An entry as stored: the domain's AuditEntry (content + hash). */
export interface AuditEntryRecord {
  /** int8 as a decimal string */
  seq: string;
  /** ms since the Unix epoch */
  at: number;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  requestId: string | null;
  /** 'sha256' | 'sm3' (checked by the table; a verifier must still not trust it) */
  algorithm: string;
  prevHash: string;
  hash: string;
}

/** The newest entry's seq and hash. */
export interface AuditChainHead {
  seq: string;
  hash: string;
}

export interface AuditFilter {
  actorUserId?: string | undefined;
  actorOrganisationId?: string | undefined;
  /** `organisation` matches `organisation` and `organisation.*`; `organisation.create` matches that action (and its sub-actions). */
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** Inclusive, ms since the epoch. */
  fromMs?: number | undefined;
  /** Exclusive, ms since the epoch. */
  toMs?: number | undefined;
}

/** The newest entry with what the head endpoint shows. */
export interface AuditHead extends AuditChainHead {
  algorithm: string;
  /** ms since the Unix epoch */
  at: number;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function toAuditEntryRecord(row: AuditEntryRow): AuditEntryRecord {
  return {
    seq: row.seq,
    at: row.atMs,
    actorUserId: row.actorUserId,
    actorOrganisationId: row.actorOrganisationId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    beforeDigest: row.beforeDigest,
    afterDigest: row.afterDigest,
    requestId: row.requestId,
    algorithm: row.algorithm,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export function auditRepository(orm: Orm) {
  return {
    /**
     * Appends the entry that `extend` builds from the current head (null: empty trail) and returns
     * it. `extend` must give seq = head.seq + 1 and prevHash = head.hash (the domain's chainEntry
     * does). Call it with the command's transaction (`orm.transaction((tx) => auditRepository(tx)
     * .append(…))`) so that the entry commits or rolls back with the change it records; with the
     * plain handle it runs in a transaction of its own. The lock is held until that transaction
     * ends, so append last, just before commit: every audited command queues behind it.
     */
    async append<E extends AuditEntryRecord>(extend: (previous: AuditChainHead | null) => E): Promise<E> {
      // A transaction-scoped lock needs a transaction: open one unless the caller is already in one.
      if (!is(orm, PgTransaction)) return orm.transaction((tx) => auditRepository(tx).append(extend));
      await orm.execute(sql`select pg_advisory_xact_lock(${advisoryLockKeys.audit}::int8)`);
      // Under the lock, read committed sees every entry committed before it was granted.
      const [last] = await orm.select({ seq: auditEntries.seq, hash: auditEntries.hash }).from(auditEntries).orderBy(desc(auditEntries.seq)).limit(1);
      const entry = extend(last ?? null);
      const expectedSeq = last ? (BigInt(last.seq) + 1n).toString() : '1';
      if (entry.seq !== expectedSeq || (last !== undefined && entry.prevHash !== last.hash)) {
        throw new Error(`audit entry ${entry.seq} does not extend the chain head ${last?.seq ?? '(empty)'}`);
      }
      await orm.insert(auditEntries).values({
        seq: entry.seq,
        atMs: entry.at,
        actorUserId: entry.actorUserId,
        actorOrganisationId: entry.actorOrganisationId,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        beforeDigest: entry.beforeDigest,
        afterDigest: entry.afterDigest,
        requestId: entry.requestId,
        algorithm: entry.algorithm,
        prevHash: entry.prevHash,
        hash: entry.hash,
      });
      return entry;
    },

    /** Newest first; `after` is the last seq of the previous page. */
    async list(options: { filter: AuditFilter; after?: string | undefined; limit: number }): Promise<AuditEntryRecord[]> {
      const f = options.filter;
      const rows = await orm
        .select()
        .from(auditEntries)
        .where(
          and(
            f.actorUserId !== undefined ? eq(auditEntries.actorUserId, f.actorUserId) : undefined,
            f.actorOrganisationId !== undefined ? eq(auditEntries.actorOrganisationId, f.actorOrganisationId) : undefined,
            f.action !== undefined ? or(eq(auditEntries.action, f.action), like(auditEntries.action, `${escapeLike(f.action)}.%`)) : undefined,
            f.targetType !== undefined ? eq(auditEntries.targetType, f.targetType) : undefined,
            f.targetId !== undefined ? eq(auditEntries.targetId, f.targetId) : undefined,
            f.fromMs !== undefined ? gte(auditEntries.atMs, f.fromMs) : undefined,
            f.toMs !== undefined ? lt(auditEntries.atMs, f.toMs) : undefined,
            options.after !== undefined ? lt(auditEntries.seq, options.after) : undefined,
          ),
        )
        .orderBy(desc(auditEntries.seq))
        .limit(options.limit);
      return rows.map(toAuditEntryRecord);
    },

    /** The newest entry, or undefined for an empty trail. */
    async head(): Promise<AuditHead | undefined> {
      const [row] = await orm
        .select({ seq: auditEntries.seq, hash: auditEntries.hash, algorithm: auditEntries.algorithm, at: auditEntries.atMs })
        .from(auditEntries)
        .orderBy(desc(auditEntries.seq))
        .limit(1);
      return row;
    },

    /** Every entry in seq order, `chunk` rows per query: memory stays bounded however long the trail. */
    async *iterate(options: { chunk?: number } = {}): AsyncGenerator<AuditEntryRecord> {
      const chunk = options.chunk ?? 1000;
      let after = '0';
      for (;;) {
        const rows = await orm.select().from(auditEntries).where(gt(auditEntries.seq, after)).orderBy(asc(auditEntries.seq)).limit(chunk);
        for (const row of rows) yield toAuditEntryRecord(row);
        if (rows.length < chunk) return;
        after = rows.at(-1)!.seq;
      }
    },

    /** Records an exported head; false when that seq was already recorded. */
    async recordHead(head: { seq: string; hash: string; algorithm: string; exportedAt: Date }): Promise<boolean> {
      const inserted = await orm.insert(auditHeads).values(head).onConflictDoNothing({ target: auditHeads.seq }).returning({ seq: auditHeads.seq });
      return inserted.length > 0;
    },

    async latestExportedHead(): Promise<AuditHeadRow | undefined> {
      const [row] = await orm.select().from(auditHeads).orderBy(desc(auditHeads.seq)).limit(1);
      return row;
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
