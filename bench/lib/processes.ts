/**
 * Child processes of the benchmark runner: spawning Node with piped output (kept for error
 * messages, never mixed into stdout), stopping every child at the end, free ports, waiting until
 * an HTTP endpoint answers 200, and reading a process's resident memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const keptOutputLines = 40;
const stopGraceMs = 5_000;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedChild {
  label: string;
  pid: number;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<ExitInfo>;
  isRunning(): boolean;
  /** How it ended, once it has. */
  exitInfo(): ExitInfo | undefined;
  /** The last lines the process wrote to stdout or stderr. */
  recentOutput(): string[];
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** Every child spawned through it is stopped by stopAll() (or killed by killAllNow() on exit). */
export class ChildRegistry {
  private readonly children = new Set<ManagedChild & { process: ChildProcess }>();

  spawnNode(label: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): ManagedChild {
    const child = spawn(process.execPath, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid === undefined) throw new Error(`could not start ${label} (${process.execPath} ${args.join(' ')})`);
    const output = keepRecentLines(child);
    let ended: ExitInfo | undefined;
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, signal) => resolve((ended = { code, signal })));
    });
    const managed = {
      label,
      pid: child.pid,
      process: child,
      exited,
      isRunning: () => ended === undefined,
      exitInfo: () => ended,
      recentOutput: () => [...output],
      stop: () => stopChild(child, exited, () => ended === undefined),
    };
    this.children.add(managed);
    void exited.then(() => this.children.delete(managed));
    return managed;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children].map((c) => c.stop()));
  }

  /** Last resort from a synchronous 'exit' handler: SIGKILL whatever is still running. */
  killAllNow(): void {
    for (const c of this.children) if (c.isRunning()) c.process.kill('SIGKILL');
  }
}

function keepRecentLines(child: ChildProcess): string[] {
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > keptOutputLines) lines.shift();
    });
  }
  return lines;
}

async function stopChild(child: ChildProcess, exited: Promise<ExitInfo>, isRunning: () => boolean): Promise<void> {
  if (!isRunning()) return;
  child.kill('SIGTERM');
  const timer = sleep(stopGraceMs).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timer])) === 'timeout' && isRunning()) child.kill('SIGKILL');
  await exited;
}

/** A port that was free a moment ago (listen on port 0, read it, close). */
export async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ReadyResult {
  /** Seconds from `since` (a performance.now() value) to the first 200. */
  seconds: number;
  body: string;
}

/** Polls `url` until it answers 200; fails early if `child` exits, or after `timeoutMs`. */
export async function waitUntilOk(url: string, options: { child: ManagedChild; since: number; timeoutMs: number }): Promise<ReadyResult> {
  const deadline = options.since + options.timeoutMs;
  let lastProblem = 'no answer yet';
  while (performance.now() < deadline) {
    if (!options.child.isRunning()) throw new ChildFailure(options.child, `exited before ${url} answered 200`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.status === 200) return { seconds: (performance.now() - options.since) / 1000, body };
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = describeFetchError(error);
    }
    await sleep(5);
  }
  throw new ChildFailure(options.child, `${url} did not answer 200 within ${options.timeoutMs / 1000} s (last: ${lastProblem})`);
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).message;
}

/** Resident set size (VmRSS in /proc/<pid>/status) in MiB. Linux only. */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS line in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** An error about a child process, carrying its exit status and last output lines. */
export class ChildFailure extends Error {
  override name = 'ChildFailure';
  constructor(child: ManagedChild, problem: string) {
    super(`${child.label} (pid ${child.pid}): ${problem}${describeChild(child)}`);
  }
}

/** " — <label> exited (…)" and its last output lines, or '' when it runs and said nothing. */
export function describeChild(child: ManagedChild): string {
  const exit = child.exitInfo();
  const state = exit ? ` — ${child.label} exited (${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`})` : '';
  const output = child.recentOutput();
  return output.length ? `${state}\n  last output of ${child.label}:\n    ${output.join('\n    ')}` : state;
}
