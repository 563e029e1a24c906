import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobRepository } from '@cfp/db';
import { testDatabase, type TestDatabase } from '@cfp/db/testing';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { createJobRunner, type JobRunner } from './job-runner.ts';

const logger = createLogger({ level: 'silent' });
let t: TestDatabase;
const runners: JobRunner[] = [];
beforeEach(async () => {
  t = await testDatabase();
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  await t.close();
});

function runner(options: { soleProcess?: boolean; staleAfterMs?: number } = {}) {
  const clock = fixedClock(new Date('2024-06-30T08:00:00Z'));
  const r = createJobRunner({
    db: t.db,
    clock,
    logger,
    pollMs: 20,
    soleProcess: options.soleProcess ?? true,
    ...(options.staleAfterMs ? { staleAfterMs: options.staleAfterMs } : {}),
  });
  runners.push(r);
  return { r, clock };
}

describe('job runner', () => {
  it('runs a job, records progress and the result', async () => {
    const { r } = runner();
    const seen: number[] = [];
    r.register({
      kind: 'count',
      resumable: false,
      async run(ctx) {
        for (let i = 1; i <= 4; i++) {
          await ctx.progress(i * 25, `step ${i}`);
          seen.push((await jobRepository(t.db.orm).get(ctx.job.id))!.progress);
        }
        return { counted: 4 };
      },
    });
    await r.start();
    const job = await r.enqueue({ kind: 'count' });
    await r.idle();
    expect(seen).toEqual([25, 50, 75, 100]);
    expect(await jobRepository(t.db.orm).get(job.id)).toMatchObject({ status: 'succeeded', progress: 100, result: { counted: 4 }, attempts: 1, message: null });
  });

  it('records a failure with its code and message and keeps going', async () => {
    const { r } = runner();
    r.register({
      kind: 'boom',
      resumable: false,
      run: async () => {
        throw Object.assign(new Error('the file has no sheet named 能耗'), { code: 'IMPORT_INVALID' });
      },
    });
    r.register({ kind: 'fine', resumable: false, run: async () => 'ok' });
    await r.start();
    const bad = await r.enqueue({ kind: 'boom' });
    const good = await r.enqueue({ kind: 'fine' });
    await r.idle();
    const repo = jobRepository(t.db.orm);
    expect(await repo.get(bad.id)).toMatchObject({ status: 'failed', error: { code: 'IMPORT_INVALID', message: 'the file has no sheet named 能耗' } });
    expect(await repo.get(good.id)).toMatchObject({ status: 'succeeded', result: 'ok' });
  });

  it('after a restart, resumes a resumable job from its checkpoint and fails the others cleanly', async () => {
    const repo = jobRepository(t.db.orm);
    // A previous server died while these ran: one at checkpoint 2 of 4, one not resumable.
    const at = new Date('2024-06-30T07:00:00Z');
    const resumable = await repo.create({ id: 'resume-me', kind: 'steps', now: at });
    const other = await repo.create({ id: 'cannot-resume', kind: 'once', now: at });
    await t.db.query(`update jobs set status = 'running', owner = 'dead-process', attempts = 1, checkpoint = '{"done":2}', heartbeat_at = $1 where id = $2`, [
      at.toISOString(),
      resumable.id,
    ]);
    await t.db.query(`update jobs set status = 'running', owner = 'dead-process', attempts = 1, heartbeat_at = $1 where id = $2`, [at.toISOString(), other.id]);

    const { r } = runner();
    const stepsRun: number[] = [];
    r.register({
      kind: 'steps',
      resumable: true,
      async run(ctx) {
        const start = ((ctx.checkpoint as { done?: number } | null)?.done ?? 0) + 1;
        for (let step = start; step <= 4; step++) {
          stepsRun.push(step);
          await ctx.progress(step * 25, `step ${step}`, { done: step });
        }
        return { resumedFrom: start };
      },
    });
    r.register({ kind: 'once', resumable: false, run: async () => 'never' });
    const recovered = await r.start();
    expect(recovered).toEqual({ requeued: ['resume-me'], failed: ['cannot-resume'] });
    await r.idle();
    expect(stepsRun).toEqual([3, 4]);
    expect(await repo.get('resume-me')).toMatchObject({ status: 'succeeded', result: { resumedFrom: 3 }, attempts: 2 });
    expect(await repo.get('cannot-resume')).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
  });

  it('with several processes (PostgreSQL), leaves jobs with a fresh heartbeat alone', async () => {
    const repo = jobRepository(t.db.orm);
    const now = new Date('2024-06-30T08:00:00Z');
    await repo.create({ id: 'alive', kind: 'steps', now });
    await t.db.query(`update jobs set status = 'running', owner = 'other-server', attempts = 1, heartbeat_at = $1 where id = 'alive'`, [
      new Date(now.getTime() - 5_000).toISOString(),
    ]);
    const { r } = runner({ soleProcess: false, staleAfterMs: 60_000 });
    r.register({ kind: 'steps', resumable: true, run: async () => 'x' });
    expect(await r.start()).toEqual({ requeued: [], failed: [] });
    expect((await repo.get('alive'))!.status).toBe('running');
  });

  it('gives up a job that keeps being interrupted after its attempts run out', async () => {
    const repo = jobRepository(t.db.orm);
    const at = new Date('2024-06-30T07:00:00Z');
    await repo.create({ id: 'flaky', kind: 'steps', maxAttempts: 2, now: at });
    await t.db.query(`update jobs set status = 'running', owner = 'dead', attempts = 2 where id = 'flaky'`);
    const { r } = runner();
    r.register({ kind: 'steps', resumable: true, run: async () => 'x' });
    expect(await r.start()).toEqual({ requeued: [], failed: ['flaky'] });
  });

  it('refuses to queue a kind nobody handles', async () => {
    const { r } = runner();
    await expect(r.enqueue({ kind: 'unknown' })).rejects.toThrow(/no handler/);
  });
});
