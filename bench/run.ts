/**
 * Benchmarks of the API server (`node dist/cfp.mjs serve`), run by `npm run bench` (which builds
 * first). Options: `--duration <s>` (default 10 per measured run), `--connections <n>` (default 10),
 * `--only <name>`, `BENCH_DATABASE_URL=postgres://…` (server on PostgreSQL instead of PGlite).
 *
 * stdout carries ONE JSON LINE PER FIGURE and nothing else; progress and diagnostics go to stderr.
 * The machine is small and noisy, so every figure is divided by a baseline measured in the same
 * run, under the same conditions; compare `ratio` between runs, not `value`.
 *
 *   domain.emissions        metric activities_per_second through the accounting engine (exact
 *                           decimals, factor ids, provisional flags), baseline decimal-floor: the
 *                           same activities multiplied out with decimal.js alone (bench/lib/domain-emissions.ts).
 *   accounts.recalculate    metric enterprise_months_per_second: a full recalculation of carbon
 *                           accounts for 10,000 generated enterprises × 24 months × 12 lines on
 *                           PostgreSQL (the bulk path's SQL, metered electricity included, then
 *                           quarterly and annual totals); baseline sql-aggregate-floor: one aggregate
 *                           over the same lines' precomputed emissions written to a table. Goal:
 *                           ratio ≥ 0.5 (within 2× the floor). Needs BENCH_DATABASE_URL or TEST_DATABASE_URL.
 *   dashboard.overview      metric seconds: the carbon-account dashboard's overview for 10,000
 *                           generated enterprises on PostgreSQL (dashboardRepository's two queries and
 *                           the domain's list, distributions, completeness, conflicts and trend);
 *                           baseline count-scan-floor: select count(*) over the same seven tables.
 *                           ratio = how many times the floor (lower is better). Needs PostgreSQL.
 *   server.ready            metric seconds_to_ready: seconds from spawning the server to the first
 *                           200 from GET /api/health (database opened, migrated, essentials seeded).
 *                           Baseline node-http-floor: the same for a minimal node:http server.
 *                           ratio = how many times longer than starting Node itself.
 *   api.health              metrics requests_per_second (mean over the measured run) and
 *                           latency_p99 (ms) of GET /api/health under autocannon (2 s warm-up, then
 *                           --duration s × --connections). Baseline node-http-floor: the minimal
 *                           node:http server (bench/floor-server.mjs) answering the same-sized JSON
 *                           body with the same settings. req/s ratio < 1 is the share of Node's
 *                           throughput the stack keeps (higher is better); p99 ratio > 1 is how many
 *                           times slower its slowest 1 % are (lower is better).
 *   api.me                  the same figures for GET /api/v1/me with a bearer token (authenticated:
 *                           token hash lookup, user and organisation path), with baseline api.health
 *                           of this run. Goal: req/s ratio ≥ 0.5, p99 under 50 ms.
 *   api.organisations.page  the same for GET /api/v1/organisations?limit=50 (an authenticated keyset
 *                           page read), with baseline api.health of this run.
 *   server.memory           metrics rss_after_seed (once the demo-seed job reports succeeded) and
 *                           rss_after_load (after the load tests): the server's VmRSS in MiB.
 *                           Baseline bare-node-idle: VmRSS of `node -e "setInterval(()=>{},1e3)"`.
 *                           ratio = how many bare Node processes the server weighs.
 *
 * Any connection error or non-2xx answer during a load run fails that benchmark. Every child process
 * is stopped and the temporary DATA_DIR removed at the end, also on errors and Ctrl+C. The exit code
 * is 1 when a benchmark failed (after printing the figures that succeeded), 2 on bad options.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { printFigure, toFigure, type Figure, type Measurement } from './lib/figures.ts';
import { measureLoad, type LoadResult } from './lib/load.ts';
import { measureDomainEmissions } from './lib/domain-emissions.ts';
import { measureAccountRecalculation } from './lib/account-recalc.ts';
import { measureDashboardRead } from './lib/dashboard-read.ts';
import { benchmarkNames, parseOptions, usage, type BenchmarkName, type Options } from './lib/options.ts';
import { ChildFailure, ChildRegistry, describeChild, freePort, residentMiB, waitUntilOk, type ManagedChild } from './lib/processes.ts';

const host = '127.0.0.1';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const serverEntry = join(repoRoot, 'dist', 'cfp.mjs');
const floorEntry = fileURLToPath(new URL('./floor-server.mjs', import.meta.url));
const serverReadyTimeoutMs = 120_000;
const demoSeedTimeoutMs = 120_000;
const idleNodeSettleMs = 1_000;

interface Session {
  options: Options;
  database: Figure['database'];
  children: ChildRegistry;
  workDir: string;
  report: Report;
}

interface ApiServer {
  child: ManagedChild;
  baseUrl: string;
  readySeconds: number;
  /** What GET /api/health answered first; the floor server answers a body of the same size. */
  healthBody: string;
  /** Authorization header of the demo administrator (a bearer token from POST /api/v1/auth/token). */
  auth: { authorization: string };
}

interface FloorServer {
  baseUrl: string;
  readySeconds: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Memoises an async step: the first call runs it, later calls share its promise (and its failure). */
function once<T>(step: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= step());
}

/** Prints figures as they are measured and remembers which benchmarks failed. */
class Report {
  private readonly failures = new Map<string, string>();
  private readonly watched: ManagedChild[] = [];

  constructor(
    private readonly database: Figure['database'],
    /** Aborted on SIGINT/SIGTERM: no further benchmark starts, and failures caused by the stop are not reported. */
    private readonly stopped: AbortSignal,
  ) {}

  /** Failures of benchmarks then also say when this process is no longer running. */
  watch(child: ManagedChild): void {
    this.watched.push(child);
  }

  async run(bench: BenchmarkName, measure: () => Promise<Measurement[]>, database: Figure['database'] = this.database): Promise<void> {
    if (this.stopped.aborted) return;
    log(`▶ ${bench}`);
    try {
      for (const m of await measure()) if (!this.stopped.aborted) printFigure(toFigure(m, database));
    } catch (error) {
      if (!this.stopped.aborted) this.fail(bench, error);
    }
  }

  fail(bench: string, error: unknown): void {
    this.failAll([bench], error);
  }

  /** Several benchmarks failed for one reason (logged once). */
  failAll(benches: string[], error: unknown): void {
    const dead = error instanceof ChildFailure ? [] : this.watched.filter((c) => !c.isRunning());
    const message = errorMessage(error) + dead.map(describeChild).join('');
    log(`✖ ${benches.join(', ')} failed: ${message}`);
    for (const bench of benches) this.failures.set(bench, message);
  }

  get failureCount(): number {
    return this.failures.size;
  }

  summarise(): void {
    if (this.failures.size === 0) log('✔ all benchmarks succeeded');
    else log(`✖ failed: ${[...this.failures.keys()].join(', ')}`);
  }
}

// ── the processes under test ────────────────────────────────────────────────────────────────────

async function startApiServer(s: Session): Promise<ApiServer> {
  if (!existsSync(serverEntry)) throw new Error(`${serverEntry} is missing; build it first (node scripts/build.mjs)`);
  const port = await freePort(host);
  const baseUrl = `http://${host}:${port}`;
  const since = performance.now();
  const child = s.children.spawnNode('api server', [serverEntry, 'serve'], { env: apiServerEnv(s, port), cwd: repoRoot });
  const ready = await waitUntilOk(`${baseUrl}/api/health`, { child, since, timeoutMs: serverReadyTimeoutMs });
  assertDatabaseKind(ready.body, s.database);
  log(`  api server pid ${child.pid} ready on ${baseUrl} after ${ready.seconds.toFixed(3)} s (${s.database})`);
  return { child, baseUrl, readySeconds: ready.seconds, healthBody: ready.body, auth: await demoAdminAuth(baseUrl) };
}

function apiServerEnv(s: Session, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: host,
    DATA_DIR: s.workDir,
    CFP_MODE: 'demo',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  delete env.DATABASE_URL; // only BENCH_DATABASE_URL chooses PostgreSQL
  if (s.options.databaseUrl) env.DATABASE_URL = s.options.databaseUrl;
  return env;
}

function assertDatabaseKind(healthBody: string, expected: Figure['database']): void {
  const kind = (JSON.parse(healthBody) as { database?: { kind?: string } }).database?.kind;
  if (kind !== expected) throw new Error(`/api/health reports database "${kind}", expected "${expected}"`);
}

async function startFloorServer(s: Session, body: string): Promise<FloorServer> {
  const port = await freePort(host);
  const baseUrl = `http://${host}:${port}`;
  const since = performance.now();
  const child = s.children.spawnNode('floor server', [floorEntry], { env: { ...process.env, PORT: String(port), HOST: host, FLOOR_BODY: body } });
  const ready = await waitUntilOk(`${baseUrl}/api/health`, { child, since, timeoutMs: 30_000 });
  log(`  floor server pid ${child.pid} ready on ${baseUrl} after ${ready.seconds.toFixed(3)} s (body ${Buffer.byteLength(body)} bytes)`);
  return { baseUrl, readySeconds: ready.seconds };
}

/** VmRSS of an idle bare Node process, read the same way as the server's. */
async function idleNodeResidentMiB(s: Session): Promise<number> {
  const child = s.children.spawnNode('bare node', ['-e', 'setInterval(()=>{},1e3)'], { env: process.env });
  try {
    await sleep(idleNodeSettleMs);
    if (!child.isRunning()) throw new ChildFailure(child, 'exited while idle');
    const mib = await residentMiB(child.pid);
    log(`  bare node pid ${child.pid}: ${mib.toFixed(1)} MiB resident`);
    return mib;
  } finally {
    await child.stop();
  }
}

interface SeedJob {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  error?: unknown;
}

/** Polls the newest demo-seed job until it succeeded; fails if it failed, or after demoSeedTimeoutMs. */
async function waitForDemoSeed(server: ApiServer): Promise<void> {
  const since = performance.now();
  let lastSeen = 'no demo-seed job yet';
  while (performance.now() - since < demoSeedTimeoutMs) {
    if (!server.child.isRunning()) throw new ChildFailure(server.child, 'exited while waiting for the demo-seed job');
    const job = await newestDemoSeedJob(server);
    if (job?.status === 'succeeded') return log(`  demo-seed job succeeded (${((performance.now() - since) / 1000).toFixed(1)} s after ready)`);
    if (job?.status === 'failed') throw new Error(`the demo-seed job failed: ${JSON.stringify(job.error)}`);
    const seen = job ? `${job.status}, ${job.progress} %` : lastSeen;
    if (seen !== lastSeen) log(`  demo-seed job ${seen}`);
    lastSeen = seen;
    await sleep(250);
  }
  throw new Error(`the demo-seed job did not succeed within ${demoSeedTimeoutMs / 1000} s (last seen: ${lastSeen})`);
}

/** A token for the demo administrator (demo mode's password); valid 24 h. */
async function demoAdminAuth(baseUrl: string): Promise<{ authorization: string }> {
  const response = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'jining-demo-2024' }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`POST /api/v1/auth/token answered ${response.status}: ${await response.text()}`);
  return { authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
}

async function newestDemoSeedJob(server: ApiServer): Promise<SeedJob | undefined> {
  const baseUrl = server.baseUrl;
  const response = await fetch(`${baseUrl}/api/v1/jobs?kind=demo-seed`, { headers: server.auth, signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET /api/v1/jobs?kind=demo-seed answered ${response.status}: ${await response.text()}`);
  const page = (await response.json()) as { items?: SeedJob[] };
  return page.items?.[0]; // newest first
}

// ── figures ─────────────────────────────────────────────────────────────────────────────────────

function readyMeasurement(server: ApiServer, floor: FloorServer): Measurement {
  return {
    bench: 'server.ready',
    metric: 'seconds_to_ready',
    unit: 's',
    value: server.readySeconds,
    baseline: 'node-http-floor',
    baselineValue: floor.readySeconds,
  };
}

function loadMeasurements(bench: BenchmarkName, measured: LoadResult, baseline: string, base: LoadResult): Measurement[] {
  return [
    { bench, metric: 'requests_per_second', unit: 'req/s', value: measured.requestsPerSecond, baseline, baselineValue: base.requestsPerSecond },
    { bench, metric: 'latency_p99', unit: 'ms', value: measured.p99Ms, baseline, baselineValue: base.p99Ms },
  ];
}

async function memoryMeasurement(metric: string, server: ApiServer, idleNodeMiB: () => Promise<number>): Promise<Measurement> {
  const value = await residentMiB(server.child.pid);
  log(`  api server pid ${server.child.pid}: ${value.toFixed(1)} MiB resident (${metric})`);
  return { bench: 'server.memory', metric, unit: 'MiB', value, baseline: 'bare-node-idle', baselineValue: await idleNodeMiB() };
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────

async function runBenchmarks(s: Session): Promise<void> {
  const { options, report } = s;
  const wanted = (name: BenchmarkName) => options.only === undefined || options.only === name;
  if (wanted('domain.emissions')) {
    log('▶ the accounting engine in this process');
    await report.run('domain.emissions', async () => measureDomainEmissions({ seconds: options.durationSeconds }));
  }
  if (options.only === 'domain.emissions') return;
  if (wanted('accounts.recalculate')) {
    // Always on PostgreSQL (the issue's setting): BENCH_DATABASE_URL's server, else TEST_DATABASE_URL's.
    const serverUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
    if (serverUrl === undefined) log('▶ accounts.recalculate skipped: it needs PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    else await report.run('accounts.recalculate', () => measureAccountRecalculation({ serverUrl, cliEntry: serverEntry }), 'postgres');
  }
  if (options.only === 'accounts.recalculate') return;
  if (wanted('dashboard.overview')) {
    const serverUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
    if (serverUrl === undefined) log('▶ dashboard.overview skipped: it needs PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    else await report.run('dashboard.overview', () => measureDashboardRead({ serverUrl, cliEntry: serverEntry }), 'postgres');
  }
  if (options.only === 'dashboard.overview') return;
  let server: ApiServer;
  try {
    log('▶ starting the api server');
    server = await startApiServer(s);
  } catch (error) {
    report.failAll(
      benchmarkNames.filter((n) => wanted(n) && n !== 'domain.emissions'),
      error,
    );
    return;
  }
  report.watch(server.child);
  const floor = once(() => startFloorServer(s, server.healthBody));
  const idleNodeMiB = once(() => idleNodeResidentMiB(s));
  const load = (url: string, headers: Record<string, string> = {}) => measureLoad(url, options, log, headers);
  const serverHealthLoad = once(() => load(`${server.baseUrl}/api/health`));

  if (wanted('server.ready')) await report.run('server.ready', async () => [readyMeasurement(server, await floor())]);

  log('▶ waiting for the demo-seed job');
  const seedFailure = await waitForDemoSeed(server).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (seedFailure) log(`  warning: ${errorMessage(seedFailure)}`);
  const afterSeed = async (measure: () => Promise<Measurement[]>) => {
    if (seedFailure) throw seedFailure;
    return measure();
  };

  if (wanted('server.memory')) await report.run('server.memory', () => afterSeed(async () => [await memoryMeasurement('rss_after_seed', server, idleNodeMiB)]));

  if (wanted('api.health'))
    await report.run('api.health', async () => {
      const floorLoad = await load(`${(await floor()).baseUrl}/api/health`);
      return loadMeasurements('api.health', await serverHealthLoad(), 'node-http-floor', floorLoad);
    });

  for (const [name, path] of [
    ['api.me', '/api/v1/me'],
    ['api.organisations.page', '/api/v1/organisations?limit=50'],
  ] as const) {
    if (!wanted(name)) continue;
    await report.run(name, async () => {
      if (!wanted('api.health')) log('  measuring GET /api/health of the server as the baseline (not printed)');
      const health = await serverHealthLoad(); // already measured when api.health ran
      const measured = await load(`${server.baseUrl}${path}`, server.auth);
      return loadMeasurements(name, measured, 'api.health', health);
    });
  }

  const loadRan = wanted('api.health') || wanted('api.me') || wanted('api.organisations.page');
  if (wanted('server.memory') && !loadRan) log('  server.memory: no load test ran, so no rss_after_load figure');
  if (wanted('server.memory') && loadRan) await report.run('server.memory', () => afterSeed(async () => [await memoryMeasurement('rss_after_load', server, idleNodeMiB)]));
}

/**
 * Stops the children and removes DATA_DIR on SIGINT/SIGTERM, then exits 130/143. Later signals are
 * ignored while stopping (a Ctrl+C reaches us twice: from the terminal and relayed by tsx); the
 * stop is bounded by the children's SIGKILL grace period. Kills what is left on any other exit.
 */
function installShutdownHandlers(children: ChildRegistry, workDir: string, cleanup: () => Promise<void>, stop: AbortController): void {
  const onSignal = (signal: NodeJS.Signals, exitCode: number) => {
    if (stop.signal.aborted) return;
    stop.abort();
    log(`\nbench: ${signal}; stopping child processes`);
    void cleanup().finally(() => process.exit(exitCode));
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));
  process.once('exit', () => {
    children.killAllNow();
    try {
      rmSync(workDir, { recursive: true, force: true });
    } catch (error) {
      log(`bench: could not remove ${workDir}: ${errorMessage(error)}`);
    }
  });
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    const parsed = parseOptions(argv, process.env);
    if (parsed === 'help') return (log(usage), 0);
    options = parsed;
  } catch (error) {
    log(`bench: ${errorMessage(error)}\n\n${usage}`);
    return 2;
  }
  const database = options.databaseUrl ? 'postgres' : 'pglite';
  const workDir = await mkdtemp(join(tmpdir(), 'cfp-bench-'));
  const children = new ChildRegistry();
  const cleanup = once(async () => {
    await children.stopAll();
    await rm(workDir, { recursive: true, force: true });
  });
  const stop = new AbortController();
  installShutdownHandlers(children, workDir, cleanup, stop);
  const report = new Report(database, stop.signal);
  log(
    `bench: node ${process.version}, ${availableParallelism()} cpus, ${database}, ${options.connections} connections, ` +
      `${options.warmupSeconds} s warm-up + ${options.durationSeconds} s per run${options.only ? `, only ${options.only}` : ''}`,
  );
  try {
    await runBenchmarks({ options, database, children, workDir, report });
  } catch (error) {
    report.fail('bench', error);
  } finally {
    log('▶ stopping child processes');
    await cleanup();
  }
  report.summarise();
  return report.failureCount > 0 ? 1 : 0;
}

process.exit(await main(process.argv.slice(2)));
