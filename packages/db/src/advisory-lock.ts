/**
 * Mutual exclusion across every process sharing a database: a PostgreSQL session-level advisory
 * lock, held on one connection for the duration of `fn`. Advisory locks are re-entrant within a
 * session and PGlite is a single session, so callers in the same process also queue here.
 */
import type { Database, Session } from './client.ts';

/** Fixed int8 keys; one per purpose. */
export const advisoryLockKeys = { migrations: 7_406_119_332, demoSeed: 7_406_119_333, audit: 7_406_119_334 } as const;

const queues = new WeakMap<object, Map<number, Promise<unknown>>>();

export async function withAdvisoryLock<T>(db: Database, key: number, fn: (s: Session) => Promise<T>): Promise<T> {
  let perDb = queues.get(db.orm);
  if (!perDb) queues.set(db.orm, (perDb = new Map()));
  const previous = perDb.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(() =>
      db.session(async (s) => {
        await s.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(s);
        } finally {
          await s.query('select pg_advisory_unlock($1)', [key]);
        }
      }),
    );
  perDb.set(key, run);
  return run;
}
