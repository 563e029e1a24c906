import { defineConfig } from 'vitest/config';

/** Migrations and other SQL files are imported as text, as esbuild's `text` loader does in the build. */
const sqlAsText = {
  name: 'sql-as-text',
  transform(code: string, id: string) {
    if (id.endsWith('.sql')) return { code: `export default ${JSON.stringify(code)};`, map: null };
    return undefined;
  },
};

export default defineConfig({
  plugins: [sqlAsText],
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
