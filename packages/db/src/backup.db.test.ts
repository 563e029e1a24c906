import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, BackupError, restoreDatabase } from './backup.ts';
import type { Database } from './client.ts';
import { testDatabase, testDatabaseKind, type TestDatabase } from './testing/test-database.ts';

const now = new Date('2024-06-30T08:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'cfp-backup-'));

/** Exact contents of every table, as PostgreSQL itself prints them. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_name <> 'cfp_migrations' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) out[name] = (await db.query<{ r: string }>(`select to_jsonb(t)::text as r from "${name}" t order by 1`)).map((x) => x.r);
  return out;
}

/** Rows that exercise every awkward value: exact decimals, big ints, dates, json, unicode, self-references out of order. */
async function fill(db: Database): Promise<void> {
  await db.exec(`
    create table if not exists backup_probe (id int8 primary key, amount numeric(30,10), day date, at timestamptz, doc jsonb, note text);
    insert into areas (id, type, parent_id, name_zh, name_en) values ('jining', 'city', null, '济宁市', 'Jining');
    insert into organisations (id, type, bank_level, parent_id, name_zh, area_id, created_at, updated_at) values
      ('a-sub', 'bank', 'sub_branch', null, '示例支行', 'jining', now(), now()),
      ('z-head', 'bank', 'head', null, '示例银行 "引号" \\ 反斜杠', 'jining', now(), now()),
      ('m-branch', 'bank', 'branch', 'z-head', '示例分行', 'jining', now(), now());
    update organisations set parent_id = 'm-branch' where id = 'a-sub';
    insert into backup_probe values
      (9007199254740993, 12345678901234567890.0123456789, '2024-02-29', '2024-06-30 08:00:00.123456+00', '{"k":[1.10,"二"]}', E'line\\nbreak'),
      (-1, -0.0000000001, null, null, null, null);
  `);
  await db.query(`insert into jobs (id, kind, status, created_at, updated_at, params) values ('j1', 'demo-seed', 'succeeded', $1, $1, '{"n": 1.50}')`, [now.toISOString()]);
}

let source: TestDatabase;
beforeAll(async () => {
  source = await testDatabase();
  await fill(source.db);
});
afterAll(() => source.close());

describe('backup and restore', () => {
  it('restores every value exactly, replacing what changed since', async () => {
    const file = join(dir, 'same.cfpbackup');
    const before = await snapshot(source.db);
    const counts = await backupDatabase({ db: source.db, file, now });
    expect(counts).toMatchObject({ organisations: 3, areas: 1, backup_probe: 2, jobs: 1 });
    await source.db.exec(
      `delete from backup_probe where id = -1; update organisations set name_zh = '改过' where id = 'z-head'; insert into areas (id, type, name_zh, name_en) values ('x', 'county', 'x', 'x');`,
    );
    expect(await snapshot(source.db)).not.toEqual(before);
    await restoreDatabase({ db: source.db, file });
    expect(await snapshot(source.db)).toEqual(before);
  });

  it('changes nothing when the file is damaged or not a backup', async () => {
    const before = await snapshot(source.db);
    const good = join(dir, 'good.cfpbackup');
    await backupDatabase({ db: source.db, file: good, now });
    const { readFileSync } = await import('node:fs');
    const { gunzipSync } = await import('node:zlib');
    const lines = gunzipSync(readFileSync(good)).toString('utf8').split('\n');
    const truncatedRow = join(dir, 'damaged.cfpbackup');
    writeFileSync(truncatedRow, gzipSync([...lines.slice(0, 3), lines[3]!.slice(0, 40)].join('\n')));
    await expect(restoreDatabase({ db: source.db, file: truncatedRow })).rejects.toBeInstanceOf(Error);
    const notBackup = join(dir, 'nope.cfpbackup');
    writeFileSync(notBackup, gzipSync('{"hello":"world"}\n'));
    await expect(restoreDatabase({ db: source.db, file: notBackup })).rejects.toThrow(BackupError);
    const notGzip = join(dir, 'plain.txt');
    writeFileSync(notGzip, 'plain text');
    await expect(restoreDatabase({ db: source.db, file: notGzip })).rejects.toThrow(BackupError);
    const otherLevel = join(dir, 'other-level.cfpbackup');
    writeFileSync(otherLevel, gzipSync([lines[0]!.replace('"0001_foundation"', '"0001_foundation","0002_future"'), ...lines.slice(1)].join('\n')));
    await expect(restoreDatabase({ db: source.db, file: otherLevel })).rejects.toThrow(/migration level/);
    expect(await snapshot(source.db)).toEqual(before);
  });

  it.runIf(testDatabaseKind() === 'postgres')('moves a database from embedded PGlite to PostgreSQL', async () => {
    const lite = await testDatabase('pglite');
    try {
      await fill(lite.db);
      const file = join(dir, 'cross.cfpbackup');
      await backupDatabase({ db: lite.db, file, now });
      const target = await testDatabase('postgres');
      try {
        await target.db.exec('create table backup_probe (id int8 primary key, amount numeric(30,10), day date, at timestamptz, doc jsonb, note text)');
        await restoreDatabase({ db: target.db, file });
        expect(await snapshot(target.db)).toEqual(await snapshot(lite.db));
      } finally {
        await target.close();
      }
    } finally {
      await lite.close();
    }
  });
});
