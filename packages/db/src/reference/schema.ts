/** Drizzle mirror of reference_records (migrations/0006_reference_library.sql is the source of truth). */
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const referenceRecords = pgTable(
  'reference_records',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    origin: text('origin').notNull(),
    /** YYYY-MM-DD */
    effectiveFrom: date('effective_from', { mode: 'string' }),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id, t.version] }), index('reference_records_status_idx').on(t.status, t.kind, t.id)],
);
