/** Which demo-seed parts are done, so a restart (or a second server) never seeds twice. */
import { eq } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { seedParts } from '../idempotency/schema.ts';

export function seedRepository(orm: Orm) {
  return {
    async isDone(part: string, version: number): Promise<boolean> {
      const [row] = await orm.select().from(seedParts).where(eq(seedParts.part, part));
      return row !== undefined && row.version >= version;
    },
    async markDone(options: { part: string; version: number; now: Date }): Promise<void> {
      await orm
        .insert(seedParts)
        .values({ part: options.part, version: options.version, completedAt: options.now })
        .onConflictDoUpdate({ target: seedParts.part, set: { version: options.version, completedAt: options.now } });
    },
  };
}
