/** Drizzle mirror of files (migrations/0005_files.sql is the source of truth). */
import { customType, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** int8 kept as a decimal string end to end (type-parsers.ts returns int8 as text; no float, no BigInt). */
const int8String = customType<{ data: string; driverData: string }>({ dataType: () => 'int8' });

export const files = pgTable(
  'files',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull(),
    /** bytes */
    sizeBytes: int8String('size_bytes').notNull(),
    detectedType: text('detected_type').notNull(),
    charset: text('charset'),
    originalName: text('original_name').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    organisationId: text('organisation_id').notNull(),
    attachedToType: text('attached_to_type').notNull(),
    attachedToId: text('attached_to_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('files_attached_idx').on(t.attachedToType, t.attachedToId, t.createdAt.desc(), t.id.desc()), index('files_sha256_idx').on(t.sha256)],
);
