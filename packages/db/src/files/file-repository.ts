/** Uploaded files' rows (the bytes are in the server's file store, keyed by sha256). */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { files } from './schema.ts';

export type FileRow = typeof files.$inferSelect;
export type NewFileRow = typeof files.$inferInsert;

export function fileRepository(orm: Orm) {
  return {
    async insert(row: NewFileRow): Promise<FileRow> {
      const [created] = await orm.insert(files).values(row).returning();
      return created!;
    },
    async get(id: string): Promise<FileRow | undefined> {
      const [row] = await orm.select().from(files).where(eq(files.id, id));
      return row;
    },
    /** The files of one record, newest first; the cursor is the last (createdAt, id). */
    async listFor(options: { attachedToType: string; attachedToId: string; after?: { createdAt: Date; id: string }; limit: number }): Promise<FileRow[]> {
      const after = options.after;
      return orm
        .select()
        .from(files)
        .where(
          and(
            eq(files.attachedToType, options.attachedToType),
            eq(files.attachedToId, options.attachedToId),
            after ? or(lt(files.createdAt, after.createdAt), and(eq(files.createdAt, after.createdAt), lt(files.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(files.createdAt), desc(files.id))
        .limit(options.limit);
    },
    /** How many rows name this blob (0: the blob is an orphan a cleanup may delete). */
    async countBySha256(sha256: string): Promise<number> {
      const [row] = await orm
        .select({ n: sql<string>`count(*)` })
        .from(files)
        .where(eq(files.sha256, sha256));
      return Number(row?.n ?? 0);
    },
  };
}
export type FileRepository = ReturnType<typeof fileRepository>;
