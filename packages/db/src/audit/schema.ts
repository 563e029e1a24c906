/** Drizzle mirror of audit_entries and audit_heads (migrations/0003_audit.sql is the source of truth). */
import { bigint, customType, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** int8 kept as a decimal string end to end (type-parsers.ts returns int8 as text; no float, no BigInt). */
const int8String = customType<{ data: string; driverData: string }>({ dataType: () => 'int8' });

export const auditEntries = pgTable('audit_entries', {
  seq: int8String('seq').primaryKey(),
  /** ms since the Unix epoch; a safe integer for the next 285,000 years. */
  atMs: bigint('at_ms', { mode: 'number' }).notNull(),
  actorUserId: text('actor_user_id'),
  actorOrganisationId: text('actor_organisation_id'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  beforeDigest: text('before_digest'),
  afterDigest: text('after_digest'),
  requestId: text('request_id'),
  algorithm: text('algorithm').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
});

export const auditHeads = pgTable('audit_heads', {
  seq: int8String('seq').primaryKey(),
  hash: text('hash').notNull(),
  algorithm: text('algorithm').notNull(),
  exportedAt: timestamp('exported_at', { withTimezone: true, mode: 'date' }).notNull(),
});
