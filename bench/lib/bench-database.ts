/**
 * A throwaway PostgreSQL database for one benchmark: created on the given server, migrated by the
 * built CLI (`cfp db migrate`), handed to `use` with a connected client, dropped at the end
 * (kept with BENCH_KEEP_DB=1 for a look afterwards).
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

export async function withBenchDatabase<T>(
  options: { serverUrl: string; cliEntry: string; label: string; prefix: string },
  use: (db: { client: pg.Client }) => Promise<T>,
): Promise<T> {
  const name = `${options.prefix}_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(options.serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const client = new pg.Client({ connectionString: url });
  try {
    execFileSync(process.execPath, [options.cliEntry, 'db', 'migrate'], {
      env: { ...process.env, DATABASE_URL: url, CFP_MODE: 'demo', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await client.connect();
    return await use({ client });
  } finally {
    await client.end().catch(() => undefined);
    if (process.env.BENCH_KEEP_DB === '1') log(`  ${options.label}: kept database ${name} (BENCH_KEEP_DB=1)`);
    else await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
