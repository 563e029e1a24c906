/**
 * Browser tests of the web app: the BUILT server (dist/cfp.mjs) on a fresh data folder (or, with
 * TEST_DATABASE_URL as in CI, a fresh PostgreSQL database), the web
 * build (dist/web, built here when missing or stale), and Debian's Chromium driven by
 * playwright-core. Failing steps leave a screenshot in a temp folder (its path is printed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildCli, repoRoot, startServer, type ServerProcess } from '../../packages/cli/src/testing/spawn-cli.ts';
import { createPostgresDatabase } from '../../packages/db/src/testing/test-database.ts';

export const demoPassword = 'jining-demo-2024';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds dist/web unless it is up to date; one test file at a time (a lock folder), the others wait. */
export async function ensureWebBuild(): Promise<void> {
  const lock = join(repoRoot, 'dist', 'web-test-build.lock');
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another file is building; a lock older than two minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another web build');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    execFileSync(process.execPath, ['packages/web/scripts/build.mjs', '--quiet'], { cwd: repoRoot, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface WebStack {
  url: string;
  browser: Browser;
  server: ServerProcess;
  shots: string;
  /** A fresh browser context (own cookies) with one page; closed by `stop`. */
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  /** Runs a step; on failure saves a screenshot of the page and rethrows. */
  step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * `serverReadyMs`: how long `cfp serve` may take to answer /api/health (generous for a busy
 * machine; each file's hook timeout still bounds it). `bulkSeed`: run the bulk demo seed job (two
 * years of monthly data for every demo enterprise; `waitForDemoSeed` waits for it) — off unless a
 * test needs that data.
 */
export async function startWebStack(options: { serverReadyMs?: number; bulkSeed?: boolean } = {}): Promise<WebStack> {
  buildCli();
  await ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'cfp-browser-data-'));
  const shots = mkdtempSync(join(tmpdir(), 'cfp-browser-shots-'));
  // With TEST_DATABASE_URL (CI) the server runs on a fresh PostgreSQL database of its own.
  const database = process.env.TEST_DATABASE_URL ? await createPostgresDatabase() : undefined;
  const dropDatabase = async () => {
    await database?.drop().catch(() => undefined);
  };
  let server: ServerProcess;
  try {
    // The bulk demo data (two years of monthly data) only where a test needs it: it takes minutes.
    const env = { DATA_DIR: dataDir, DEMO_BULK_SEED: options.bulkSeed ? 'true' : 'false', ...(database ? { DATABASE_URL: database.url } : {}) };
    server = await startServer(env, options.serverReadyMs ?? 180_000);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  let browser: Browser;
  try {
    // playwright-core gives each launch a new empty profile folder of its own.
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  } catch (error) {
    await server.stop();
    await dropDatabase();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    browser,
    server,
    shots,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      return context.newPage();
    },
    async step(page, name, run) {
      try {
        return await run();
      } catch (error) {
        const file = join(shots, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        process.stderr.write(`browser test "${name}" failed; screenshot: ${file}\n`);
        throw error;
      }
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.stop();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page and waits for the role's home page. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-organisation').waitFor();
}

/** The caller as the API describes them, read with the page's own session cookie. */
export async function meOf(page: Page): Promise<{ organisation: { id: string; nameZh: string; type: string } }> {
  return page.evaluate(() => fetch('/api/v1/me').then((r) => r.json() as Promise<{ organisation: { id: string; nameZh: string; type: string } }>));
}

/** An API token for a demo login, for reads made "by another system" during a test. */
export async function tokenFor(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (!r.ok) throw new Error(`token for ${username}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/**
 * Waits for the server's bulk demo seed — the `demo-seed` job that fills 24 months of carbon
 * accounts after start (1–3 minutes on PGlite, well under one on PostgreSQL) — and returns how long
 * it waited. Pages showing carbon accounts, labels or jobs need it finished.
 */
export async function waitForDemoSeed(url: string, options: { timeoutMs?: number } = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 360_000;
  const token = await tokenFor(url, 'admin');
  const started = Date.now();
  for (;;) {
    let last: string;
    const r = await fetch(`${url}/api/v1/jobs?kind=demo-seed&limit=5`, { headers: { authorization: `Bearer ${token}` } });
    if (r.ok) {
      const { items } = (await r.json()) as { items: { status: string; progress: number; message: string | null; error: { message: string } | null }[] };
      const job = items[0];
      if (job?.status === 'succeeded') return Date.now() - started;
      if (job?.status === 'failed') throw new Error(`the demo seed failed: ${job.error?.message ?? 'no message'}`);
      last = job ? `${job.status} ${job.progress}% ${job.message ?? ''}` : 'not queued yet';
    } else last = `GET /api/v1/jobs: ${r.status}`;
    if (Date.now() - started > timeoutMs) throw new Error(`the demo seed did not finish within ${timeoutMs} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
