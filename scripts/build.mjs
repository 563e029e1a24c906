#!/usr/bin/env node
/**
 * Production build: bundles the CLI (which serves the platform) into dist/cfp.mjs with esbuild.
 * The platform's own workspace packages are bundled; third-party packages stay in node_modules.
 * SQL migrations are inlined as text. Runs on `npm install` (prepare) and before `npm start`.
 * Flags: --quiet (no output unless it fails).
 */
import { build } from 'esbuild';

const quiet = process.argv.includes('--quiet');
const started = performance.now();

/** Everything that is not one of our @cfp/* workspaces stays external. */
const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@cfp/') ? undefined : { path: args.path, external: true }));
  },
};

try {
  await build({
    entryPoints: { cfp: 'packages/cli/src/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    loader: { '.sql': 'text', '.txt': 'text' },
    plugins: [externalThirdParty],
    logLevel: quiet ? 'error' : 'warning',
  });
  if (!quiet) process.stderr.write(`built dist/cfp.mjs in ${Math.round(performance.now() - started)} ms\n`);
} catch {
  process.exitCode = 1;
}
