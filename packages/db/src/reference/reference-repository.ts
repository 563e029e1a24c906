/** The reference library's records: append-only (a trigger refuses updates and deletes). */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { referenceRecords } from './schema.ts';

export type ReferenceRecordRow = typeof referenceRecords.$inferSelect;
export type NewReferenceRecordRow = typeof referenceRecords.$inferInsert;

export function referenceRepository(orm: Orm) {
  return {
    /** Writes the records that are not there yet; returns the keys written. Existing versions are never touched. */
    async insertMissing(rows: readonly NewReferenceRecordRow[]): Promise<{ kind: string; id: string; version: number }[]> {
      if (rows.length === 0) return [];
      return orm
        .insert(referenceRecords)
        .values([...rows])
        .onConflictDoNothing()
        .returning({ kind: referenceRecords.kind, id: referenceRecords.id, version: referenceRecords.version });
    },
    async insert(row: NewReferenceRecordRow): Promise<ReferenceRecordRow> {
      const [created] = await orm.insert(referenceRecords).values(row).returning();
      return created!;
    },
    /** Every record, in key order (the library is small: a few hundred rows). */
    async all(): Promise<ReferenceRecordRow[]> {
      return orm.select().from(referenceRecords).orderBy(asc(referenceRecords.kind), asc(referenceRecords.id), asc(referenceRecords.version));
    },
    async versionsOf(options: { kind: string; id: string }): Promise<ReferenceRecordRow[]> {
      return orm
        .select()
        .from(referenceRecords)
        .where(and(eq(referenceRecords.kind, options.kind), eq(referenceRecords.id, options.id)))
        .orderBy(asc(referenceRecords.version));
    },
    /** Changes whenever a record is added (records are never changed or deleted): a cache key. */
    async revision(): Promise<string> {
      const [row] = await orm.select({ n: sql<string>`count(*)::text` }).from(referenceRecords);
      return row?.n ?? '0';
    },
  };
}
export type ReferenceRepository = ReturnType<typeof referenceRepository>;
