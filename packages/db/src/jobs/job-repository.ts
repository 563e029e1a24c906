/**
 * Persisted jobs. A runner claims a queued job (skip-locked, so several servers on PostgreSQL
 * never take the same one), heartbeats while it works, and records progress, a checkpoint to
 * resume from, and the result or error.
 */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { jobs } from './schema.ts';

export type JobRow = typeof jobs.$inferSelect;

export function jobRepository(orm: Orm) {
  return {
    async create(options: {
      id: string;
      kind: string;
      params?: unknown;
      maxAttempts?: number;
      createdBy?: string | null;
      organisationId?: string | null;
      now: Date;
    }): Promise<JobRow> {
      const [row] = await orm
        .insert(jobs)
        .values({
          id: options.id,
          kind: options.kind,
          status: 'queued',
          params: options.params ?? {},
          maxAttempts: options.maxAttempts ?? 3,
          createdBy: options.createdBy ?? null,
          organisationId: options.organisationId ?? null,
          createdAt: options.now,
          updatedAt: options.now,
        })
        .returning();
      return row!;
    },

    async get(id: string): Promise<JobRow | undefined> {
      const [row] = await orm.select().from(jobs).where(eq(jobs.id, id));
      return row;
    },

    /** Newest first; the cursor is the last row's (createdAt, id). */
    /** `organisationId`: only that organisation's jobs (undefined: all, for platform admins). */
    async list(options: { kind?: string; status?: string; organisationId?: string; after?: { createdAt: Date; id: string }; limit: number }): Promise<JobRow[]> {
      const after = options.after;
      return orm
        .select()
        .from(jobs)
        .where(
          and(
            options.kind ? eq(jobs.kind, options.kind) : undefined,
            options.status ? eq(jobs.status, options.status) : undefined,
            options.organisationId !== undefined ? eq(jobs.organisationId, options.organisationId) : undefined,
            after ? or(lt(jobs.createdAt, after.createdAt), and(eq(jobs.createdAt, after.createdAt), lt(jobs.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(options.limit);
    },

    /** Takes the oldest queued job of the given kinds for `owner`, or undefined. */
    async claimNext(options: { kinds: string[]; owner: string; now: Date }): Promise<JobRow | undefined> {
      if (options.kinds.length === 0) return undefined;
      // Both drivers answer execute() with { rows }.
      const rows = (await orm.execute(sql`
        update jobs set status = 'running', owner = ${options.owner}, heartbeat_at = ${options.now.toISOString()}::timestamptz,
          started_at = coalesce(started_at, ${options.now.toISOString()}::timestamptz), attempts = attempts + 1,
          updated_at = ${options.now.toISOString()}::timestamptz
        where id = (
          select id from jobs where status = 'queued' and kind in (${sql.join(
            options.kinds.map((k) => sql`${k}`),
            sql`, `,
          )})
          order by created_at, id limit 1 for update skip locked)
        returning id`)) as unknown as { rows: Array<{ id: string }> };
      const id = rows.rows[0]?.id;
      return id ? this.get(id) : undefined;
    },

    async progress(options: { id: string; owner: string; progress: number; message?: string | null; checkpoint?: unknown; now: Date }): Promise<void> {
      await orm
        .update(jobs)
        .set({
          progress: Math.max(0, Math.min(100, Math.round(options.progress))),
          ...(options.message !== undefined ? { message: options.message } : {}),
          ...(options.checkpoint !== undefined ? { checkpoint: options.checkpoint } : {}),
          heartbeatAt: options.now,
          updatedAt: options.now,
        })
        .where(and(eq(jobs.id, options.id), eq(jobs.owner, options.owner), eq(jobs.status, 'running')));
    },

    async heartbeat(options: { owner: string; now: Date }): Promise<void> {
      await orm
        .update(jobs)
        .set({ heartbeatAt: options.now })
        .where(and(eq(jobs.owner, options.owner), eq(jobs.status, 'running')));
    },

    async finish(options: {
      id: string;
      owner: string;
      outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: { code: string; message: string } };
      now: Date;
    }): Promise<void> {
      const o = options.outcome;
      await orm
        .update(jobs)
        .set({
          status: o.status,
          ...(o.status === 'succeeded' ? { result: o.result ?? null, progress: 100, message: null } : { error: o.error }),
          finishedAt: options.now,
          updatedAt: options.now,
          heartbeatAt: null,
        })
        .where(and(eq(jobs.id, options.id), eq(jobs.owner, options.owner)));
    },

    /**
     * Jobs left 'running' by a process that is gone (heartbeat older than `staleBefore`; on the
     * embedded database, where this is the only process, every running job): resumable ones with attempts left go back to
     * the queue keeping their checkpoint; the others fail with INTERRUPTED.
     */
    async recoverAbandoned(options: {
      /** undefined: every running job is abandoned (sole process) */ staleBefore: Date | undefined;
      resumableKinds: string[];
      now: Date;
    }): Promise<{ requeued: string[]; failed: string[] }> {
      const abandoned = await orm
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, 'running'), options.staleBefore ? or(lt(jobs.heartbeatAt, options.staleBefore), sql`${jobs.heartbeatAt} is null`) : undefined));
      const requeued: string[] = [];
      const failed: string[] = [];
      for (const job of abandoned) {
        if (options.resumableKinds.includes(job.kind) && job.attempts < job.maxAttempts) {
          await orm
            .update(jobs)
            .set({ status: 'queued', owner: null, heartbeatAt: null, updatedAt: options.now, message: 'resuming after a restart' })
            .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
          requeued.push(job.id);
        } else {
          await orm
            .update(jobs)
            .set({
              status: 'failed',
              error: { code: 'INTERRUPTED', message: 'the server stopped while this job ran; start it again' },
              finishedAt: options.now,
              updatedAt: options.now,
              heartbeatAt: null,
            })
            .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
          failed.push(job.id);
        }
      }
      return { requeued, failed };
    },
  };
}
export type JobRepository = ReturnType<typeof jobRepository>;
