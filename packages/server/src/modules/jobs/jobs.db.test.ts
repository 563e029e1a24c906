import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
  t.platform.jobs.register({
    kind: 'test-progress',
    resumable: false,
    run: async (ctx) => {
      await ctx.progress(40, '导入第 2 行 / row 2');
      return { rows: 2 };
    },
  });
});
afterAll(() => t.close());

type Page = { items: Job[]; nextCursor: string | null };

describe('jobs API', () => {
  it('queues no demo seed job when DEMO_BULK_SEED=false (the test platform’s default)', async () => {
    await t.platform.jobs.idle();
    const page = await t.api<Page>('GET', '/api/v1/jobs?kind=demo-seed');
    expect(page.body.items).toHaveLength(0);
  });

  it('pages newest first with a cursor, filters by status, and gets one job', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      created.push(await t.platform.jobs.enqueue({ kind: 'test-progress' }));
    }
    await t.platform.jobs.idle();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page } = await t.api<Page>('GET', `/api/v1/jobs?kind=test-progress&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.body.items.map((j) => j.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(created.map((j) => j.id).reverse());
    const failed = await t.api<Page>('GET', '/api/v1/jobs?status=failed');
    expect(failed.body.items).toEqual([]);
    const one = await t.api<Job>('GET', `/api/v1/jobs/${created[0]!.id}`);
    expect(one.body).toMatchObject({ status: 'succeeded', result: { rows: 2 }, progress: 100 });
    const missing = await t.api<{ error: { code: string } }>('GET', '/api/v1/jobs/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
  it('shows another organisation’s jobs to nobody but platform administrators', async () => {
    await t.platform.jobs.enqueue({ kind: 'test-progress', organisationId: 'ent-001' });
    await t.platform.jobs.idle();
    expect((await t.as('enterprise2')<Page>('GET', '/api/v1/jobs?kind=test-progress')).body.items).toHaveLength(0);
    expect((await t.as('enterprise1')<Page>('GET', '/api/v1/jobs?kind=test-progress')).body.items.length).toBeGreaterThan(0);
  });
});
