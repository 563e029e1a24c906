/**
 * One database handle over either driver: embedded PGlite (one process, one connection) or
 * PostgreSQL through a pg pool. Both get the same type parsing (type-parsers.ts), UTC sessions
 * and the same Drizzle schema; callers never branch on the driver except for backups.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import * as schema from './schema.ts';
import { typeParsers } from './type-parsers.ts';

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

/** A connection-bound session: what a migration or an advisory lock needs. */
export interface Session {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(text: string): Promise<void>;
}

export interface Database extends Session {
  readonly kind: DatabaseKind;
  /**
   * Drizzle. Inside `inTransaction` it is that transaction — for every repository built on it,
   * without passing a transaction object through each call.
   */
  readonly orm: Orm;
  /** Runs `fn` in one transaction that `orm` joins; commits when `fn` resolves, rolls back when it throws. */
  inTransaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection for its whole duration (advisory locks are per connection). */
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (for templates and backups). */
  dumpDataDir?(compression?: 'gzip' | 'none'): Promise<Blob>;
}

export interface PoolOptions {
  /** Connections in the pool (PostgreSQL only). */
  max: number;
  /** Cancel any statement running longer than this, in milliseconds; 0 = no limit. */
  statementTimeoutMs: number;
  /** End a session idling inside a transaction longer than this, in milliseconds; 0 = no limit. */
  idleInTransactionTimeoutMs: number;
}

export const defaultPoolOptions: PoolOptions = { max: 10, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

export type OpenDatabaseOptions =
  { kind: 'postgres'; url: string; pool?: Partial<PoolOptions> } | { kind: 'pglite'; /** a folder, or undefined for in-memory */ dataDir?: string; loadDataDir?: Blob | File };

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const db = options.kind === 'postgres' ? await openPostgres(options.url, { ...defaultPoolOptions, ...options.pool }) : await openPglite(options);
  return withAmbientTransactions(db);
}

/**
 * One transaction per command (an API write, an import, a settlement run) so that the change and
 * its audit entry commit together. The transaction travels in async context: `orm` resolves to
 * it while one is open in the current call chain, and to the plain handle everywhere else.
 */
function withAmbientTransactions(db: Omit<Database, 'inTransaction'>): Database {
  const ambient = new AsyncLocalStorage<Orm>();
  const base = db.orm;
  const orm = new Proxy(base, {
    get(target, prop) {
      const current = ambient.getStore() ?? target;
      const value: unknown = Reflect.get(current, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
  return {
    ...db,
    orm,
    inTransaction: <T>(fn: () => Promise<T>): Promise<T> => {
      const open = ambient.getStore();
      // Nested: join the open transaction (a savepoint would hide partial failures from the caller).
      if (open) return fn();
      return base.transaction((tx) => ambient.run(tx as unknown as Orm, fn));
    },
  };
}

async function openPostgres(url: string, poolOptions: PoolOptions): Promise<Omit<Database, 'inTransaction'>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolOptions.max,
    statement_timeout: poolOptions.statementTimeoutMs || undefined,
    idle_in_transaction_session_timeout: poolOptions.idleInTransactionTimeoutMs || undefined,
    options: '-c TimeZone=UTC',
    types: { getTypeParser: ((oid: number, format?: string) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser },
  });
  // An idle client's connection error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  const sessionOf = (client: pg.PoolClient | pg.Pool): Session => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await client.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
  });
  const withClient = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
  const orm = drizzlePg(pool, { schema }) as unknown as Orm;
  return {
    kind: 'postgres',
    orm,
    ...sessionOf(pool),
    session: (fn) => withClient((c) => fn(sessionOf(c))),
    transaction: (fn) =>
      withClient(async (c) => {
        await c.query('begin');
        try {
          const result = await fn(sessionOf(c));
          await c.query('commit');
          return result;
        } catch (error) {
          await c.query('rollback').catch(() => undefined);
          throw error;
        }
      }),
    close: () => pool.end(),
  };
}

async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Omit<Database, 'inTransaction'>> {
  const client = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: typeParsers,
  });
  await client.waitReady;
  await client.exec(`set time zone 'UTC'`);
  type Queryable = Pick<PGlite, 'query' | 'exec'>;
  const sessionOf = (q: Queryable): Session => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await q.query<T>(text, params)).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  const orm = drizzlePglite(client, { schema }) as unknown as Orm;
  return {
    kind: 'pglite',
    orm,
    ...sessionOf(client),
    // PGlite is one connection: every caller already shares the one session.
    session: (fn) => fn(sessionOf(client)),
    transaction: (fn) => client.transaction((tx) => fn(sessionOf(tx))),
    close: () => client.close(),
    dumpDataDir: (compression = 'gzip') => client.dumpDataDir(compression),
  };
}
