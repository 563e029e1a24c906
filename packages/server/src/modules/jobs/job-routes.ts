/** /api/v1/jobs: progress of long-running work (the web shows it as a progress bar). */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { jobIdParamSchema, jobPageSchema, jobSchema, listJobsQuerySchema, type Job } from '@cfp/contracts';
import { jobRepository, type JobRow } from '@cfp/db';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { errorResponses, json } from '../../http/responses.ts';
import { isPlatformAdmin } from '@cfp/domain';
import { actorOf } from '../identity/authenticate.ts';

const cursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string().max(64) });

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as Job['status'],
    progress: row.progress,
    message: row.message,
    result: row.result ?? null,
    error: (row.error as Job['error']) ?? null,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const list = createRoute({
  method: 'get',
  path: '/api/v1/jobs',
  tags: ['jobs'],
  summary: 'Jobs, newest first',
  request: { query: listJobsQuerySchema },
  responses: { 200: json(jobPageSchema, 'A page of jobs'), ...errorResponses.read },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/jobs/{id}',
  tags: ['jobs'],
  summary: 'One job with its progress',
  request: { params: jobIdParamSchema },
  responses: { 200: json(jobSchema, 'The job'), ...errorResponses.read },
});

export function jobRoutes(platform: Platform) {
  const repo = jobRepository(platform.db.orm);
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const actor = actorOf(c);
      const { limit, cursor, kind, status } = c.req.valid('query');
      const after = decodeCursor(cursor, cursorSchema);
      const rows = await repo.list({
        // A job's params and result may carry its organisation's data: others see none of it.
        ...(isPlatformAdmin(actor) ? {} : { organisationId: actor.organisationId }),
        ...(kind ? { kind } : {}),
        ...(status ? { status } : {}),
        ...(after ? { after: { createdAt: new Date(after.createdAt), id: after.id } } : {}),
        limit: limit + 1,
      });
      return c.json(pageOf({ rows, limit, toItem: toJob, keyOf: (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }) }), 200);
    })
    .openapi(get, async (c) => {
      const actor = actorOf(c);
      const row = await repo.get(c.req.valid('param').id);
      if (!row || (!isPlatformAdmin(actor) && row.organisationId !== actor.organisationId)) throw new AppError('NOT_FOUND');
      return c.json(toJob(row), 200);
    });
}
