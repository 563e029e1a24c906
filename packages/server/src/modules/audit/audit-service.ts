/**
 * Writing and reading the audit trail. Every command records one entry with `recordAudit`, in its
 * own transaction and as its last step (the chain's lock is held until commit). States before and
 * after are stored only as digests: the trail proves what changed without copying personal or
 * classified data. Verification streams the whole chain in seq order in bounded memory.
 */
import { chainEntry, defaultHashAlgorithm, digestOf, verifyChainAsync, type AuditEntry, type ChainHead, type ChainVerification, type HashAlgorithm } from '@cfp/domain';
import type { AuditEntryView } from '@cfp/contracts';
import { auditRepository, type AuditEntryRecord, type Orm } from '@cfp/db';

export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
}

export interface AuditTarget {
  type: string;
  id: string;
}

export interface RecordAuditOptions {
  /** null: the platform itself (jobs, start-up). */
  actor: AuditActor | null;
  /** `<object>.<verb>`, e.g. `organisation.create`. */
  action: string;
  target: AuditTarget | null;
  /** The state before the command (JSON-able; Dates allowed); undefined or null for a creation. */
  before?: unknown;
  /** The state after the command; undefined or null for a deletion. */
  after?: unknown;
  requestId: string | null;
  /** The server clock's now. */
  now: Date;
  /** From configuration once the lead wires it; SHA-256 until then. */
  algorithm?: HashAlgorithm;
}

/**
 * Appends one entry to the chain. Pass the command's transaction as `orm` so that the entry and
 * the change commit together (or neither does).
 *
 * @example await db.orm.transaction(async (tx) => { …change…; await recordAudit(tx, { actor, action: 'organisation.update', target: { type: 'organisation', id }, before, after, requestId, now }) })
 */
export async function recordAudit(orm: Orm, options: RecordAuditOptions): Promise<AuditEntry> {
  const algorithm = options.algorithm ?? defaultHashAlgorithm;
  // Digests are computed before the lock is taken: hashing large states must not hold up other commands.
  const content = {
    at: options.now.getTime(),
    actorUserId: options.actor?.userId ?? null,
    actorOrganisationId: options.actor?.organisationId ?? null,
    action: options.action,
    targetType: options.target?.type ?? null,
    targetId: options.target?.id ?? null,
    beforeDigest: digestOf(options.before, algorithm),
    afterDigest: digestOf(options.after, algorithm),
    requestId: options.requestId,
    algorithm,
  };
  return auditRepository(orm).append((previous) => chainEntry({ previous, content }));
}

/** A stored entry with its algorithm typed; the verifier rejects any other value. */
export function toDomainAuditEntry(record: AuditEntryRecord): AuditEntry {
  return { ...record, algorithm: record.algorithm as HashAlgorithm };
}

export function toAuditEntryView(record: AuditEntryRecord): AuditEntryView {
  return { ...record, at: new Date(record.at).toISOString(), algorithm: record.algorithm as HashAlgorithm };
}

/** Recomputes the whole chain from the database and checks it against an exported head (if any). */
export async function verifyAuditTrail(options: { orm: Orm; head?: ChainHead | undefined; chunk?: number }): Promise<ChainVerification> {
  async function* entries(): AsyncGenerator<AuditEntry> {
    for await (const record of auditRepository(options.orm).iterate(options.chunk ? { chunk: options.chunk } : {})) yield toDomainAuditEntry(record);
  }
  return verifyChainAsync(entries(), { head: options.head });
}
