/**
 * Runs persisted jobs inside the server process. Handlers report progress (and, if resumable,
 * a checkpoint); a heartbeat marks the owner alive. At start the runner recovers jobs that a
 * stopped process left running: resumable ones are queued again from their checkpoint, others
 * fail cleanly with INTERRUPTED. On PostgreSQL several servers share the queue safely.
 */
import { randomUUID } from 'node:crypto';
import { jobRepository, type Database, type JobRow } from '@cfp/db';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

export interface JobContext {
  job: JobRow;
  /** Where a resumed job continues; null on the first attempt. */
  checkpoint: unknown;
  /**
   * percent 0–100; `checkpoint` is stored for a resume after a restart. Also a `pause()`: a job
   * that reports progress between units of work gives waiting requests their turn.
   */
  progress(percent: number, message?: string, checkpoint?: unknown): Promise<void>;
  /**
   * Lets waiting requests use the database before the job goes on. The embedded database is one
   * connection: a job that runs transaction after transaction would otherwise keep the API
   * waiting until it ends. Call it between units of work that report no progress.
   */
  pause(): Promise<void>;
}

export interface JobHandler {
  kind: string;
  /** Safe to run again from its checkpoint after an interruption. */
  resumable: boolean;
  run(ctx: JobContext): Promise<unknown>;
}

export interface JobRunner {
  readonly owner: string;
  register(handler: JobHandler): void;
  /** Queues a job and wakes the runner. */
  enqueue(options: { kind: string; params?: unknown; maxAttempts?: number; createdBy?: string; organisationId?: string }): Promise<JobRow>;
  start(): Promise<{ requeued: string[]; failed: string[] }>;
  /** Stops claiming; waits up to `graceMs` for the running job, which is otherwise recovered at the next start. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when no job is queued or running in this process (tests, seed). */
  idle(): Promise<void>;
}

export interface JobRunnerOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** How often to look for queued jobs when not woken, in ms. */
  pollMs?: number;
  /** A running job whose heartbeat is older than this is taken as abandoned, in ms. */
  staleAfterMs?: number;
  /** PGlite: this process is the only one; every job still 'running' at start is abandoned. */
  soleProcess: boolean;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const repo = jobRepository(options.db.orm);
  const handlers = new Map<string, JobHandler>();
  const owner = `${process.pid}-${randomUUID()}`;
  const pollMs = options.pollMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let idleWaiters: Array<() => void> = [];
  let heartbeat: NodeJS.Timeout | undefined;

  const notifyIdle = (): void => {
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  };

  /**
   * PGlite: long enough for a request that is waiting to run its few queries (a macrotask alone
   * lets it start, not finish); PostgreSQL has a pool, so only the event loop's turn.
   */
  const pause = (): Promise<void> => new Promise((resolve) => (options.db.kind === 'pglite' ? setTimeout(resolve, 20) : setImmediate(resolve)));

  async function runOne(job: JobRow): Promise<void> {
    const handler = handlers.get(job.kind)!;
    const log = options.logger.child({ jobId: job.id, kind: job.kind });
    log.info({ attempt: job.attempts }, 'job started');
    try {
      const result = await handler.run({
        job,
        checkpoint: job.checkpoint,
        progress: async (percent, message, checkpoint) => {
          await repo.progress({ id: job.id, owner, progress: percent, message: message ?? null, checkpoint, now: options.clock.now() });
          await pause();
        },
        pause,
      });
      await repo.finish({ id: job.id, owner, outcome: { status: 'succeeded', result: result ?? null }, now: options.clock.now() });
      log.info('job succeeded');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error }, 'job failed');
      await repo
        .finish({ id: job.id, owner, outcome: { status: 'failed', error: { code: typeof code === 'string' ? code : 'JOB_FAILED', message } }, now: options.clock.now() })
        .catch(() => undefined);
    }
  }

  async function work(): Promise<void> {
    while (running) {
      // Only a look that began after a caller asked may tell it the queue is empty: a look begun
      // before (say, woken by an enqueue whose transaction had not committed yet) may miss its job.
      const askedBeforeLook = idleWaiters;
      idleWaiters = [];
      let job: JobRow | undefined;
      let unavailable = false;
      try {
        job = await repo.claimNext({ kinds: [...handlers.keys()], owner, now: options.clock.now() });
      } catch (error) {
        if (!running) break;
        unavailable = true;
        options.logger.error({ err: error }, 'job queue unavailable');
      }
      if (job) {
        idleWaiters = [...askedBeforeLook, ...idleWaiters];
        await runOne(job);
        continue;
      }
      askedBeforeLook.forEach((w) => w());
      if (idleWaiters.length && !unavailable) continue; // asked during the look: look again
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    notifyIdle();
  }

  return {
    owner,
    register(handler) {
      handlers.set(handler.kind, handler);
    },
    async enqueue({ kind, params, maxAttempts, createdBy, organisationId }) {
      if (!handlers.has(kind)) throw new Error(`no handler for job kind ${kind}`);
      const job = await repo.create({
        id: randomUUID(),
        kind,
        params,
        ...(maxAttempts ? { maxAttempts } : {}),
        createdBy: createdBy ?? null,
        organisationId: organisationId ?? null,
        now: options.clock.now(),
      });
      wake?.();
      return job;
    },
    async start() {
      const now = options.clock.now();
      const recovered = await repo.recoverAbandoned({
        staleBefore: options.soleProcess ? undefined : new Date(now.getTime() - staleAfterMs),
        resumableKinds: [...handlers.values()].filter((h) => h.resumable).map((h) => h.kind),
        now,
      });
      if (recovered.requeued.length || recovered.failed.length) options.logger.warn(recovered, 'recovered jobs left running by a stopped server');
      running = true;
      heartbeat = setInterval(() => void repo.heartbeat({ owner, now: options.clock.now() }).catch(() => undefined), Math.max(1000, staleAfterMs / 4));
      heartbeat.unref();
      loop = work();
      return recovered;
    },
    async stop(graceMs = 5000) {
      running = false;
      wake?.();
      if (heartbeat) clearInterval(heartbeat);
      if (loop) await Promise.race([loop, new Promise((r) => setTimeout(r, graceMs).unref())]);
    },
    idle() {
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      });
    },
  };
}
