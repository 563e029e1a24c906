import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations, migrationStatus, MigrationError } from './migrate.ts';
import { openDatabase, type Database } from './client.ts';
import { createPostgresDatabase, testDatabaseKind } from './testing/test-database.ts';

/** A fresh, unmigrated database of this project's driver. */
async function emptyDatabase(): Promise<{ open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const created = await createPostgresDatabase();
    return { open: () => openDatabase({ kind: 'postgres', url: created.url, pool: { max: 2 } }), drop: created.drop };
  }
  const db = await openDatabase({ kind: 'pglite' });
  return { open: async () => ({ ...db, close: async () => undefined }), drop: () => db.close() };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migrate', () => {
  it('applies every migration once and reports them current', async () => {
    const empty = await emptyDatabase();
    cleanups.push(empty.drop);
    const db = await empty.open();
    cleanups.push(() => db.close());
    expect(await migrationStatus(db)).toEqual({ applied: 0, expected: migrations.length, current: false });
    expect(await migrate(db)).toEqual(migrations.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    expect(await migrationStatus(db)).toEqual({ applied: migrations.length, expected: migrations.length, current: true });
  });

  it('refuses to start when an applied migration was edited', async () => {
    const empty = await emptyDatabase();
    cleanups.push(empty.drop);
    const db = await empty.open();
    cleanups.push(() => db.close());
    await migrate(db);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, { list: edited })).rejects.toThrow(MigrationError);
    await expect(migrate(db, { list: edited })).rejects.toThrow(/edited after it was applied/);
  });

  it('refuses a database that is newer than the code', async () => {
    const empty = await emptyDatabase();
    cleanups.push(empty.drop);
    const db = await empty.open();
    cleanups.push(() => db.close());
    await migrate(db, { list: [...migrations, { id: '9999_future', sql: 'create table future_thing (id int)' }] });
    await expect(migrate(db)).rejects.toThrow(/newer than this code/);
    expect((await migrationStatus(db)).current).toBe(false);
  });

  it('rolls back a failing migration entirely', async () => {
    const empty = await emptyDatabase();
    cleanups.push(empty.drop);
    const db = await empty.open();
    cleanups.push(() => db.close());
    await migrate(db);
    const broken = [...migrations, { id: '9998_broken', sql: 'create table half_done (id int); select * from no_such_table;' }];
    await expect(migrate(db, { list: broken })).rejects.toThrow(/9998_broken failed/);
    const [row] = await db.query<{ present: boolean }>(`select to_regclass('half_done') is not null as present`);
    expect(row?.present).toBe(false);
    expect((await migrationStatus(db)).current).toBe(true);
  });

  it('two processes migrating at once apply each migration exactly once', async () => {
    const empty = await emptyDatabase();
    cleanups.push(empty.drop);
    // On PostgreSQL these are two pools (separate sessions contending for the advisory lock).
    const [a, b] = [await empty.open(), await empty.open()];
    cleanups.push(async () => {
      await a.close();
      await b.close();
    });
    const [ranA, ranB] = await Promise.all([migrate(a), migrate(b)]);
    expect([...ranA, ...ranB].sort()).toEqual(migrations.map((m) => m.id).sort());
    const rows = await a.query<{ id: string }>('select id from cfp_migrations');
    expect(rows).toHaveLength(migrations.length);
  });
});
