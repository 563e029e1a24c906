/** Options of the benchmark runner, from the command line (first) and the environment. */
import { parseArgs } from 'node:util';

export const benchmarkNames = [
  'domain.emissions',
  'accounts.recalculate',
  'dashboard.overview',
  'server.ready',
  'server.memory',
  'api.health',
  'api.me',
  'api.organisations.page',
] as const;
export type BenchmarkName = (typeof benchmarkNames)[number];

export interface Options {
  /** Seconds of each measured autocannon run. */
  durationSeconds: number;
  /** Seconds of the unmeasured autocannon run before each measured one. */
  warmupSeconds: number;
  connections: number;
  /** Run only this benchmark (benchmarks it is compared with still run, without being printed). */
  only: BenchmarkName | undefined;
  /** Run the API server on this PostgreSQL database instead of the embedded PGlite one. */
  databaseUrl: string | undefined;
}

export const usage = `Usage: npm run bench -- [--duration <s>] [--connections <n>] [--only <name>]

  --duration <s>       seconds per measured autocannon run (default 10; env BENCH_DURATION)
  --connections <n>    concurrent connections (default 10; env BENCH_CONNECTIONS)
  --only <name>        one of ${benchmarkNames.join(', ')} (env BENCH_ONLY)
  BENCH_DATABASE_URL   postgres://… to run the server on PostgreSQL (a disposable database: demo data is seeded)

Prints one JSON line per figure on stdout; progress goes to stderr.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  return {
    durationSeconds: positiveNumber('--duration', values.duration ?? env.BENCH_DURATION ?? '10'),
    warmupSeconds: 2,
    connections: positiveInteger('--connections', values.connections ?? env.BENCH_CONNECTIONS ?? '10'),
    only: benchmarkName(values.only ?? env.BENCH_ONLY),
    databaseUrl: databaseUrl(env.BENCH_DATABASE_URL),
  };
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number of seconds, not "${text}"`);
  return value;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${name} must be a positive integer, not "${text}"`);
  return value;
}

function benchmarkName(text: string | undefined): BenchmarkName | undefined {
  if (text === undefined || text === '') return undefined;
  const name = benchmarkNames.find((n) => n === text);
  if (!name) throw new UsageError(`--only must be one of ${benchmarkNames.join(', ')}, not "${text}"`);
  return name;
}

function databaseUrl(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(text)) throw new UsageError('BENCH_DATABASE_URL must be a postgres:// URL');
  return text;
}
