/**
 * Forward-only SQL migrations, identical for PGlite and PostgreSQL, applied under an advisory
 * lock so that two processes starting against one database migrate exactly once. An applied
 * migration whose file changed afterwards stops the start: edit by adding a new file instead.
 */
import { createHash } from 'node:crypto';
import type { Database } from './client.ts';
import { advisoryLockKeys, withAdvisoryLock } from './advisory-lock.ts';
import m0001 from '../migrations/0001_foundation.sql';
import m0002 from '../migrations/0002_identity.sql';
import m0003 from '../migrations/0003_audit.sql';
import m0004 from '../migrations/0004_notifications_webhooks.sql';
import m0005 from '../migrations/0005_files.sql';
import m0006 from '../migrations/0006_reference_library.sql';
import m0007 from '../migrations/0007_carbon_accounts.sql';
import m0008 from '../migrations/0008_consent_read_resource.sql';
import m0009 from '../migrations/0009_supervision.sql';

export interface Migration {
  id: string;
  sql: string;
}

/** In order. Append only. */
export const migrations: readonly Migration[] = [
  { id: '0001_foundation', sql: m0001 },
  { id: '0002_identity', sql: m0002 },
  { id: '0003_audit', sql: m0003 },
  { id: '0004_notifications_webhooks', sql: m0004 },
  { id: '0005_files', sql: m0005 },
  { id: '0006_reference_library', sql: m0006 },
  { id: '0007_carbon_accounts', sql: m0007 },
  { id: '0008_consent_read_resource', sql: m0008 },
  { id: '0009_supervision', sql: m0009 },
];

const checksum = (sql: string): string => createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationStatus {
  applied: number;
  expected: number;
  current: boolean;
}

/** Applies every pending migration; returns the ids it applied (empty when already current). */
export async function migrate(db: Database, options: { list?: readonly Migration[] } = {}): Promise<string[]> {
  const list = options.list ?? migrations;
  return withAdvisoryLock(db, advisoryLockKeys.migrations, async (s) => {
    await s.exec(`create table if not exists cfp_migrations (id text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const applied = await s.query<{ id: string; checksum: string }>('select id, checksum from cfp_migrations order by id');
    const known = new Map(list.map((m) => [m.id, m]));
    for (const row of applied) {
      const m = known.get(row.id);
      if (!m) throw new MigrationError(`database has migration ${row.id}, which this version of the platform does not know: it is newer than this code`);
      if (checksum(m.sql) !== row.checksum) throw new MigrationError(`migration ${row.id} was edited after it was applied; add a new migration instead`);
    }
    const done = new Set(applied.map((r) => r.id));
    const ran: string[] = [];
    for (const m of list) {
      if (done.has(m.id)) continue;
      await s.exec('begin');
      try {
        await s.exec(m.sql);
        await s.query('insert into cfp_migrations (id, checksum) values ($1, $2)', [m.id, checksum(m.sql)]);
        await s.exec('commit');
      } catch (error) {
        await s.exec('rollback');
        throw new MigrationError(`migration ${m.id} failed: ${(error as Error).message}`);
      }
      ran.push(m.id);
    }
    return ran;
  });
}

/** One round trip: it answers every readiness probe. */
export async function migrationStatus(db: Database, list: readonly Migration[] = migrations): Promise<MigrationStatus> {
  let ids: string[];
  try {
    ids = (await db.query<{ id: string }>('select id from cfp_migrations')).map((r) => r.id);
  } catch (error) {
    // undefined_table: a database nobody has migrated yet
    if ((error as { code?: string }).code !== '42P01') throw error;
    ids = [];
  }
  const applied = list.filter((m) => ids.includes(m.id)).length;
  return { applied, expected: list.length, current: applied === list.length && ids.length === list.length };
}
