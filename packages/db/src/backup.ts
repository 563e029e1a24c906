/**
 * Logical backups that work the same on PGlite and PostgreSQL, and move data between them:
 * a gzip file of JSON lines — a header (format, migrations applied), then each table's rows in
 * chunks as PostgreSQL's own `to_jsonb` text (numeric values stay exact: they are never parsed
 * into JavaScript numbers). Taken in one repeatable-read snapshot; restored in one transaction
 * into a database at the same migration level, so a failed restore changes nothing.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, Session } from './client.ts';
import { migrations } from './migrate.ts';

export const backupFormat = 'cfp-backup';
export const backupFormatVersion = 1;
/** Rows per JSON line: bounds memory on both sides. */
const chunkRows = 500;

interface BackupHeader {
  format: typeof backupFormat;
  formatVersion: number;
  createdAt: string;
  databaseKind: Database['kind'];
  migrations: string[];
  tables: string[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

async function userTables(s: Session): Promise<string[]> {
  const rows = await s.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'cfp_migrations' order by table_name`,
  );
  return rows.map((r) => r.name);
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Writes a backup of every table to `file`; returns the row count per table. */
export async function backupDatabase(options: { db: Database; file: string; now: Date }): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const lines: string[] = [];
  await options.db.transaction(async (s) => {
    await s.exec('set transaction isolation level repeatable read, read only');
    const tables = await userTables(s);
    const applied = (await s.query<{ id: string }>('select id from cfp_migrations order by id')).map((r) => r.id);
    const header: BackupHeader = {
      format: backupFormat,
      formatVersion: backupFormatVersion,
      createdAt: options.now.toISOString(),
      databaseKind: options.db.kind,
      migrations: applied,
      tables,
    };
    lines.push(JSON.stringify(header));
    for (const table of tables) {
      counts[table] = 0;
      await s.exec(`declare backup_cursor no scroll cursor for select to_jsonb(t)::text as r from ${quoteIdent(table)} t`);
      for (;;) {
        const rows = await s.query<{ r: string }>(`fetch ${chunkRows} from backup_cursor`);
        if (rows.length === 0) break;
        // Row texts are spliced in verbatim so numbers keep every digit.
        lines.push(`{"table":${JSON.stringify(table)},"rows":[${rows.map((x) => x.r).join(',')}]}`);
        counts[table] += rows.length;
      }
      await s.exec('close backup_cursor');
    }
  });
  await pipeline(Readable.from(lines.map((l) => `${l}\n`)), createGzip(), createWriteStream(options.file, { mode: 0o600 }));
  return counts;
}

/** Replaces every table's contents with the backup's; all or nothing. Returns the row counts. */
export async function restoreDatabase(options: { db: Database; file: string }): Promise<Record<string, number>> {
  const reader = createInterface({ input: createReadStream(options.file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = reader[Symbol.asyncIterator]();
  const first = await iterator.next().catch((error: Error) => {
    throw new BackupError(`not a readable backup file: ${error.message}`);
  });
  const header = parseHeader(first.done ? '' : first.value);
  const expected = migrations.map((m) => m.id);
  if (header.migrations.join() !== expected.join()) {
    throw new BackupError(
      `the backup was taken at migration level ${header.migrations.at(-1) ?? 'none'}, this platform is at ${expected.at(-1)}: restore it with the matching version, then upgrade`,
    );
  }
  const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t, 0]));
  await options.db.transaction(async (s) => {
    const tables = await userTables(s);
    const unknown = header.tables.filter((t) => !tables.includes(t));
    if (unknown.length) throw new BackupError(`the backup has tables this database lacks: ${unknown.join(', ')}`);
    await s.exec('set constraints all deferred');
    await s.exec(`truncate ${tables.map(quoteIdent).join(', ')}`);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value.trim()) continue;
      const { table, rowsJson } = splitChunk(next.value, tables);
      const [{ n } = { n: '0' }] = await s.query<{ n: string }>(
        `with ins as (insert into ${quoteIdent(table)} select * from jsonb_populate_recordset(null::${quoteIdent(table)}, $1::jsonb) returning 1) select count(*) as n from ins`,
        [rowsJson],
      );
      counts[table] = (counts[table] ?? 0) + Number(n);
    }
  });
  return counts;
}

function parseHeader(line: string): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line) as BackupHeader;
  } catch {
    throw new BackupError('not a cfp backup file (the first line is not a header)');
  }
  if (header?.format !== backupFormat) throw new BackupError('not a cfp backup file');
  if (header.formatVersion !== backupFormatVersion) throw new BackupError(`unsupported backup format version ${header.formatVersion}`);
  return header;
}

/** Extracts the table name and the rows array text of a chunk line without parsing the rows. */
function splitChunk(line: string, tables: string[]): { table: string; rowsJson: string } {
  const match = /^\{"table":("(?:[^"\\]|\\.)*"),"rows":(\[.*\])\}$/s.exec(line);
  const table = match?.[1] ? (JSON.parse(match[1]) as string) : undefined;
  if (!match?.[2] || !table || !tables.includes(table)) throw new BackupError('the backup file is damaged (unreadable chunk)');
  return { table, rowsJson: match[2] };
}
