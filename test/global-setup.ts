/**
 * Once per test run: migrate a template database for each driver so that every test file can
 * clone a fresh one cheaply (packages/db/src/testing/test-database.ts). Templates are passed to
 * the workers through environment variables and removed at the end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '@cfp/db';
import { adminQuery, createPostgresDatabase, templateEnv } from '../packages/db/src/testing/test-database.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const cleanups: Array<() => Promise<void>> = [];
  const dir = mkdtempSync(join(tmpdir(), 'cfp-test-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));

  const lite = await openDatabase({ kind: 'pglite' });
  await migrate(lite);
  const file = join(dir, 'pglite-template.tar');
  writeFileSync(file, Buffer.from(await (await lite.dumpDataDir!('none')).arrayBuffer()));
  await lite.close();
  process.env[templateEnv.pgliteFile] = file;

  if (process.env.TEST_DATABASE_URL) {
    const template = await createPostgresDatabase();
    const db = await openDatabase({ kind: 'postgres', url: template.url, pool: { max: 1 } });
    await migrate(db);
    await db.close();
    // A template must have no other sessions while it is copied; mark it as one.
    await adminQuery(`alter database "${template.name}" is_template true`);
    process.env[templateEnv.postgresName] = template.name;
    cleanups.push(async () => {
      await adminQuery(`alter database "${template.name}" is_template false`);
      await template.drop();
    });
  }
  return async () => {
    for (const c of cleanups.reverse()) await c();
  };
}
