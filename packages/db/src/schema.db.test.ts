/**
 * The migrated database against the conventions: no binary floats anywhere (quantities are
 * numeric), every foreign key deferrable (restores load tables in any order), and the Drizzle
 * mirror in sync with the SQL migrations, column for column.
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from './schema.ts';
import { testDatabase, type TestDatabase } from './testing/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

describe('database conventions', () => {
  it('has no float columns', async () => {
    const floats = await t.db.query(
      `select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('real', 'double precision', 'money')`,
    );
    expect(floats).toEqual([]);
  });

  it('has only deferrable foreign keys', async () => {
    const rigid = await t.db.query(`select conname from pg_constraint where contype = 'f' and not condeferrable`);
    expect(rigid).toEqual([]);
  });

  it('matches the Drizzle schema column for column', async () => {
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const config = getTableConfig(table);
      const rows = await t.db.query<{ column_name: string; is_nullable: string }>(
        `select column_name, is_nullable from information_schema.columns where table_schema = 'public' and table_name = $1 order by column_name`,
        [config.name],
      );
      const inDb = rows.map((r) => `${r.column_name}${r.is_nullable === 'YES' ? '?' : ''}`);
      const inDrizzle = config.columns.map((c) => `${c.name}${c.notNull ? '' : '?'}`).sort();
      expect(inDrizzle, config.name).toEqual(inDb);
    }
  });
});
