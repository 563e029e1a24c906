#!/usr/bin/env node
/**
 * Builds the web app (Vite) into dist/web at the repository root and checks the bundle budget:
 * the gzipped initial JavaScript of every role's home page (entry chunk, its static imports, and
 * the lazy chunks of the home route, read from Vite's manifest) must stay within 350 KB.
 *
 * The build goes to a temporary folder and replaces dist/web only when it succeeded. A stamp
 * (dist/web/build-stamp.json) holds a hash of the sources; an up-to-date build is skipped.
 * Flags:
 *   --quiet       no output unless it fails
 *   --force       build even when dist/web is up to date
 *   --background  when dist/web is missing or stale, start the build as a detached process and
 *                 return at once (npm start); the server shows a "building" page meanwhile
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(webDir, '..', '..');
const distDir = join(repoRoot, 'dist');
const outDir = join(distDir, 'web');
const lockFile = join(distDir, 'web-building.json');
const logFile = join(distDir, 'web-build.log');
const budgetKb = 350;

const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const say = (line) => quiet || process.stderr.write(`${line}\n`);

/** Home route modules per role (manifest keys): the lazy chunks a signed-in role loads first. */
const homeModule = 'src/features/home/home-page.tsx';
export const roleHomes = {
  'platform admin': [homeModule],
  'city bureau (drc/eeb/finance)': [homeModule],
  'county government': [homeModule],
  'regulator (pboc/nfra)': [homeModule],
  'bank (head/branch/sub-branch)': [homeModule],
  enterprise: [homeModule],
  verifier: [homeModule],
  partner: [homeModule],
  resident: [homeModule],
};

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/** Hash of everything the build reads from this package (sources, html, config, dependencies). */
export function sourceHash() {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(join(webDir, 'src')).filter((f) => !/\.test\.tsx?$/.test(f)),
    join(webDir, 'index.html'),
    join(webDir, 'package.json'),
    fileURLToPath(import.meta.url),
  ].sort();
  for (const f of files) hash.update(relative(webDir, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

export function isFresh() {
  try {
    return JSON.parse(readFileSync(join(outDir, 'build-stamp.json'), 'utf8')).sourceHash === sourceHash();
  } catch {
    return false;
  }
}

function lockHolderAlive() {
  try {
    const { pid } = JSON.parse(readFileSync(lockFile, 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The gzipped initial JavaScript of each role's home page, from Vite's manifest. */
export function bundleTable(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const closure = (keys) => {
    const seen = new Set();
    const visit = (k) => {
      if (seen.has(k) || !manifest[k]) return;
      seen.add(k);
      for (const i of manifest[k].imports ?? []) visit(i);
    };
    keys.forEach(visit);
    return seen;
  };
  const gz = new Map();
  const size = (file) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dir, file)), { level: 9 }).length);
    return gz.get(file);
  };
  return Object.entries(roleHomes).map(([role, modules]) => {
    for (const m of modules) if (!manifest[m]) throw new Error(`bundle budget: ${m} is not a chunk in the manifest`);
    const files = [...closure([entryKey, ...modules])].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
    const bytes = [...new Set(files)].reduce((sum, f) => sum + size(f), 0);
    return { role, kb: Math.round((bytes / 1024) * 10) / 10, chunks: files.length };
  });
}

async function buildNow() {
  const started = performance.now();
  // The shipped bundle, whoever calls (vitest sets NODE_ENV=test, which would make Vite build
  // React's development version and overrun the budget).
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const tmp = join(distDir, `web-next-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    await build({
      configFile: false,
      root: webDir,
      base: '/',
      mode: 'production',
      logLevel: quiet ? 'error' : 'warn',
      plugins: [react()],
      build: { outDir: tmp, emptyOutDir: true, manifest: true, sourcemap: false, chunkSizeWarningLimit: 1500, reportCompressedSize: false },
    });
    const table = bundleTable(tmp);
    const over = table.filter((r) => r.kb > budgetKb);
    if (!quiet || over.length) {
      process.stderr.write(`initial JavaScript of each role's home page (gzip, budget ${budgetKb} KB):\n`);
      for (const r of table) process.stderr.write(`  ${r.role.padEnd(32)} ${String(r.kb).padStart(7)} KB  (${r.chunks} chunks)${r.kb > budgetKb ? '  OVER BUDGET' : ''}\n`);
    }
    if (over.length) throw new Error(`bundle budget exceeded for: ${over.map((r) => r.role).join(', ')}`);
    writeFileSync(join(tmp, 'build-stamp.json'), JSON.stringify({ sourceHash: sourceHash(), builtAt: new Date().toISOString(), budgetKb, table }, null, 2));
    rmSync(outDir, { recursive: true, force: true });
    renameSync(tmp, outDir);
    say(`built dist/web in ${Math.round(performance.now() - started)} ms`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(distDir, { recursive: true });
  if (!args.has('--force') && isFresh()) {
    say('dist/web is up to date');
    return;
  }
  if (args.has('--background')) {
    if (lockHolderAlive()) return; // another start is already building it
    // Stale: drop the old build so the server shows the "building" page, not an outdated app.
    rmSync(outDir, { recursive: true, force: true });
    const log = openSync(logFile, 'w');
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--force', '--lock'], { cwd: repoRoot, detached: true, stdio: ['ignore', log, log] });
    writeFileSync(lockFile, JSON.stringify({ pid: child.pid, startedAt: new Date().toISOString() }));
    child.unref();
    say(`building the web app in the background (log: ${relative(repoRoot, logFile)})`);
    return;
  }
  try {
    await buildNow();
  } finally {
    if (args.has('--lock') && existsSync(lockFile)) unlinkSync(lockFile);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.stderr.write(`web build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
