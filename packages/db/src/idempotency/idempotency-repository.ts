/**
 * Idempotency keys for creating writes. A key is claimed before the handler runs (so a
 * concurrent repeat sees "in progress"), completed with the response to replay, or released when
 * the request failed so that the client may retry with the same key. Keys live 24 hours.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { idempotencyKeys } from './schema.ts';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export function idempotencyRepository(orm: Orm) {
  return {
    /** Claims the key; returns undefined when claimed now, or the existing row. */
    async claim(options: { scope: string; key: string; requestHash: string; now: Date; expiredBefore: Date }): Promise<IdempotencyRow | undefined> {
      await orm
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, options.scope), eq(idempotencyKeys.key, options.key), lt(idempotencyKeys.createdAt, options.expiredBefore)));
      const inserted = await orm
        .insert(idempotencyKeys)
        .values({ scope: options.scope, key: options.key, requestHash: options.requestHash, createdAt: options.now })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) return undefined;
      const [existing] = await orm
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, options.scope), eq(idempotencyKeys.key, options.key)));
      return existing;
    },

    async complete(options: { scope: string; key: string; statusCode: number; body: unknown; now: Date }): Promise<void> {
      await orm
        .update(idempotencyKeys)
        .set({ statusCode: options.statusCode, responseBody: options.body, completedAt: options.now })
        .where(and(eq(idempotencyKeys.scope, options.scope), eq(idempotencyKeys.key, options.key)));
    },

    async release(options: { scope: string; key: string }): Promise<void> {
      await orm.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, options.scope), eq(idempotencyKeys.key, options.key)));
    },

    async purge(options: { expiredBefore: Date }): Promise<number> {
      const gone = await orm.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, options.expiredBefore)).returning({ key: idempotencyKeys.key });
      return gone.length;
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>;
