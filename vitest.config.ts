import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Test suites (README → Tests):
 * - pglite: every test, on embedded PGlite — always runs;
 * - postgres: the database-backed tests (*.db.test.ts) and PostgreSQL-only ones (*.pg.test.ts),
 *   when TEST_DATABASE_URL is set;
 * - browser: *.browser.test.ts in Debian's Chromium, when /usr/bin/chromium exists.
 * A skipped suite prints how to enable it; CFP_REQUIRE_ALL_SUITES=1 (CI) makes a skip fatal.
 */

/** Migrations and other SQL files are imported as text, as esbuild's `text` loader does in the build. */
const sqlAsText = {
  name: 'sql-as-text',
  transform(code: string, id: string) {
    if (id.endsWith('.sql')) return { code: `export default ${JSON.stringify(code)};`, map: null };
    return undefined;
  },
};

const postgres = Boolean(process.env.TEST_DATABASE_URL);
const chromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const skipped = [
  !postgres && 'PostgreSQL suite skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run it (the role needs CREATEDB).',
  !chromium && 'Browser suite skipped: install Chromium (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH to run it.',
].filter((s): s is string => Boolean(s));
// Workers load this file too: announce once per run.
if (!process.env.CFP_SUITES_ANNOUNCED) for (const line of skipped) process.stderr.write(`\n  ⚠ ${line}\n`);
process.env.CFP_SUITES_ANNOUNCED = '1';
if (skipped.length && process.env.CFP_REQUIRE_ALL_SUITES === '1') throw new Error(`CFP_REQUIRE_ALL_SUITES=1 but ${skipped.length} suite(s) would be skipped`);

const dbTests = ['packages/*/src/**/*.db.test.ts', 'test/**/*.db.test.ts'];
const pgOnlyTests = ['packages/*/src/**/*.pg.test.ts', 'test/**/*.pg.test.ts'];
const browserTests = ['packages/*/src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'];

/** Plain-text reference files (the action plan's full text) too; loaded before Vite's asset handling turns them into URLs. */
const textAsText = {
  name: 'txt-as-text',
  enforce: 'pre' as const,
  load(id: string) {
    if (id.endsWith('.txt')) return { code: `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`, map: null };
    return undefined;
  },
};

export default defineConfig({
  plugins: [sqlAsText, textAsText],
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'pglite', include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'], exclude: [...pgOnlyTests, ...browserTests], env: { CFP_TEST_DB: 'pglite' } },
      },
      ...(postgres ? [{ extends: true as const, test: { name: 'postgres', include: [...dbTests, ...pgOnlyTests], env: { CFP_TEST_DB: 'postgres' } } }] : []),
      ...(chromium
        ? [{ extends: true as const, test: { name: 'browser', include: browserTests, env: { CFP_TEST_DB: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' } } }]
        : []),
    ],
  },
});
