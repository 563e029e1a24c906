/**
 * Recalculations over HTTP:
 * - POST /api/v1/reference/recalculations `{ asOf?, enterpriseIds?, fromMonth?, toMonth?, note? }` —
 *   platform administrators queue a `reference-recalculation` job (202 `{ jobId }`); one at a time
 *   (409 RECALCULATION_RUNNING); Idempotency-Key replays;
 * - GET /api/v1/reference/recalculations — the latest 50, with their summaries;
 * - GET /api/v1/reference/recalculations/{id} — progress, and the change report once done;
 * - GET /api/v1/reference/recalculations/{id}/report?format=xlsx|csv — the report as a spreadsheet.
 * Reads: platform administrators and city-level government bodies (the commission acts on the
 * labels needing republication).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  errorEnvelopeSchema,
  jobIdParamSchema,
  recalculationAcceptedSchema,
  recalculationListSchema,
  recalculationReportSchema,
  recalculationSchema,
  spreadsheetFormatQuerySchema,
  startRecalculationSchema,
  type Recalculation,
} from '@cfp/contracts';
import { sql } from 'drizzle-orm';
import { carbonAccountRepository, jobRepository, type JobRow } from '@cfp/db';
import { businessDateOf, isPlatformAdmin, type Actor } from '@cfp/domain';
import { AppError } from '../../../http/app-error.ts';
import type { AppEnv, Platform } from '../../../http/context.ts';
import { idempotent } from '../../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../../http/responses.ts';
import { describeCommand } from '../../audit/command-audit.ts';
import { spreadsheetContentTypes } from '../../carbon-accounts/imports/month-import-template.ts';
import { attachmentDisposition } from '../../files/content-disposition.ts';
import { actorOf } from '../../identity/authenticate.ts';
import { activeRecalculations, recalculationJobKind, recalculationLockKey, recalculationParamsSchema, type RecalculationParams } from './recalculation-job.ts';
import { recalculationReportCsv, recalculationReportXlsx } from './recalculation-report.ts';

const start = createRoute({
  method: 'post',
  path: '/api/v1/reference/recalculations',
  tags: ['reference'],
  summary: 'Recalculate the enterprise accounts with the reference library as published on a date (platform administrators; a job with a change report)',
  description:
    'Recomputes every enterprise-month in scope (per-line explanations and factor refs included), the period accounts and the monitoring labels. Published official labels are not changed: the report marks those a new draft would colour differently (需重新发布), and the commission is notified. Follow it at GET /api/v1/reference/recalculations/{id}. One recalculation at a time: 409 RECALCULATION_RUNNING.',
  request: { headers: idempotencyHeaders, body: body(startRecalculationSchema) },
  responses: {
    202: json(recalculationAcceptedSchema, 'Queued'),
    ...errorResponses.write,
    403: json(errorEnvelopeSchema, 'Only platform administrators recalculate'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/reference/recalculations',
  tags: ['reference'],
  summary: 'The latest recalculations with their summaries, newest first',
  responses: { 200: json(recalculationListSchema, 'Recalculations'), ...errorResponses.read },
});

const detail = createRoute({
  method: 'get',
  path: '/api/v1/reference/recalculations/{id}',
  tags: ['reference'],
  summary: 'One recalculation: progress, and its change report once it succeeded',
  request: { params: jobIdParamSchema },
  responses: { 200: json(recalculationSchema, 'The recalculation'), ...errorResponses.read },
});

const download = createRoute({
  method: 'get',
  path: '/api/v1/reference/recalculations/{id}/report',
  tags: ['reference'],
  summary: 'A finished recalculation’s change report as a spreadsheet',
  request: { params: jobIdParamSchema, query: spreadsheetFormatQuerySchema },
  responses: {
    200: {
      description: 'The report',
      content: {
        [spreadsheetContentTypes.xlsx]: { schema: { type: 'string' as const, format: 'binary' } },
        'text/csv': { schema: { type: 'string' as const, format: 'binary' } },
      },
    },
    ...errorResponses.read,
  },
});

/** Platform administrators and city-level government bodies read recalculations. */
function assertCanRead(actor: Actor): void {
  if (!isPlatformAdmin(actor) && actor.organisationType !== 'government') {
    throw new AppError('FORBIDDEN', { reason: 'recalculations are for platform administrators and the city government' });
  }
}

function toRecalculation(row: JobRow): Recalculation {
  const params = recalculationParamsSchema.parse(row.params);
  const report = row.status === 'succeeded' ? recalculationReportSchema.safeParse(row.result) : undefined;
  return {
    id: row.id,
    status: row.status as Recalculation['status'],
    progress: row.progress,
    message: row.message,
    params: { asOf: params.asOf, enterpriseIds: params.enterpriseIds, fromMonth: params.fromMonth, toMonth: params.toMonth, note: params.note, startedBy: params.startedBy },
    error: (row.error as Recalculation['error']) ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    report: report?.success ? report.data : null,
  };
}

export function recalculationRoutes(platform: Platform) {
  const jobs = () => jobRepository(platform.db.orm);
  const found = async (id: string): Promise<JobRow> => {
    const row = await jobs().get(id);
    if (!row || row.kind !== recalculationJobKind) throw new AppError('NOT_FOUND');
    return row;
  };

  return new OpenAPIHono<AppEnv>()
    .openapi(start, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/reference/recalculations ${actor.userId}`,
        body: input,
        run: async () => {
          if (!isPlatformAdmin(actor)) throw new AppError('FORBIDDEN', { reason: 'only platform administrators recalculate' });
          const today = businessDateOf(platform.clock.now());
          const asOf = input.asOf ?? today;
          if (asOf > today) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'asOf', message: `must not be after today (${today})` }] });
          if (input.enterpriseIds) {
            const known = new Set((await carbonAccountRepository(platform.db.orm).enterprises()).map((e) => e.organisation.id));
            const unknown = input.enterpriseIds.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
            if (unknown.length) throw new AppError('VALIDATION_FAILED', { fields: unknown.map(({ id, i }) => ({ path: `enterpriseIds.${i}`, message: `${id} is not a registered enterprise` })) });
          }
          const params: RecalculationParams = {
            asOf,
            enterpriseIds: input.enterpriseIds ? [...new Set(input.enterpriseIds)].sort() : null,
            fromMonth: input.fromMonth ?? null,
            toMonth: input.toMonth ?? null,
            note: input.note ?? null,
            startedBy: actor.userId,
            startedByOrganisationId: actor.organisationId,
          };
          // The request's transaction holds this lock until it commits, so a concurrent start (another
          // connection, another server) waits and then sees the queued job.
          await platform.db.orm.execute(sql`select pg_advisory_xact_lock(${recalculationLockKey})`);
          const active = await activeRecalculations(platform);
          if (active.length) throw new AppError('RECALCULATION_RUNNING', { running: active });
          const job = await platform.jobs.enqueue({ kind: recalculationJobKind, params, maxAttempts: 1, createdBy: actor.userId, organisationId: actor.organisationId });
          const answer = { jobId: job.id };
          describeCommand(c, { action: 'reference.recalculation.start', target: { type: 'job', id: job.id }, after: { ...answer, ...params } });
          return { status: 202, body: answer };
        },
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body as z.infer<typeof recalculationAcceptedSchema>, 202);
    })
    .openapi(list, async (c) => {
      assertCanRead(actorOf(c));
      const rows = await jobs().list({ kind: recalculationJobKind, limit: 50 });
      const items = rows.map((row) => {
        const { report, ...rest } = toRecalculation(row);
        return { ...rest, summary: report?.summary ?? null };
      });
      return c.json({ items }, 200);
    })
    .openapi(detail, async (c) => {
      assertCanRead(actorOf(c));
      return c.json(toRecalculation(await found(c.req.valid('param').id)), 200);
    })
    .openapi(download, async (c) => {
      assertCanRead(actorOf(c));
      const { format } = c.req.valid('query');
      const row = await found(c.req.valid('param').id);
      const report = toRecalculation(row).report;
      if (!report) throw new AppError('NOT_FOUND', { reason: 'the recalculation has no report yet: it is queued, running or failed' });
      const bytes = format === 'csv' ? recalculationReportCsv(report) : await recalculationReportXlsx(report);
      c.header('Content-Type', spreadsheetContentTypes[format]);
      c.header('Content-Disposition', attachmentDisposition(`重新计算变化报告-${report.asOf}-${row.id.slice(0, 8)}.${format}`));
      c.header('Cache-Control', 'private, no-store');
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
    });
}
