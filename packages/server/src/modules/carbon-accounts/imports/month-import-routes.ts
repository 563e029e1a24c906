/**
 * Month imports over HTTP:
 * - GET  /api/v1/enterprises/{id}/imports/template?format=xlsx|csv — the template (whoever may read the enterprise's accounts);
 * - POST /api/v1/enterprises/{id}/imports `{ fileId, supersede? }` — queue a `month-import` job for an
 *   uploaded file of that enterprise (the enterprise's officers and admins, platform admins); 202 `{ jobId }`;
 * - GET  /api/v1/jobs/{id}/import-report?format=xlsx|csv — a failed import's row-by-row report (whoever may see the job).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { errorEnvelopeSchema, jobIdParamSchema, monthImportAcceptedSchema, monthImportInputSchema, monthImportReportSchema, spreadsheetFormatQuerySchema } from '@cfp/contracts';
import { carbonAccountRepository, fileRepository, jobRepository } from '@cfp/db';
import { businessDateOf, fileMediaTypes, isPlatformAdmin } from '@cfp/domain';
import { AppError } from '../../../http/app-error.ts';
import type { AppEnv, Platform } from '../../../http/context.ts';
import { idempotent } from '../../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../../http/responses.ts';
import { describeCommand } from '../../audit/command-audit.ts';
import { attachmentDisposition } from '../../files/content-disposition.ts';
import { actorOf } from '../../identity/authenticate.ts';
import { enterpriseAccess } from '../../identity/consent-routes.ts';
import { publishedReferenceLibrary } from '../../reference/reference-library-service.ts';
import { assertCanSubmit } from '../enterprise-routes.ts';
import { importChoices } from './import-choices.ts';
import { reportCsv, reportXlsx } from './import-report.ts';
import { monthImportJobKind, type MonthImportParams } from './month-import-job.ts';
import { monthImportTemplate, spreadsheetContentTypes } from './month-import-template.ts';

const idParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ent-001' }),
});
const spreadsheetResponse = (description: string) => ({
  description,
  content: {
    [spreadsheetContentTypes.xlsx]: { schema: { type: 'string' as const, format: 'binary' } },
    'text/csv': { schema: { type: 'string' as const, format: 'binary' } },
  },
});

const template = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/imports/template',
  tags: ['carbon accounts'],
  summary: 'The month-import template: one row per line (fuel, electricity, heat, production, output value, value added…), with the enterprise’s valid items',
  request: { params: idParam, query: spreadsheetFormatQuerySchema },
  responses: { 200: spreadsheetResponse('The template'), ...errorResponses.read, 403: json(errorEnvelopeSchema, 'Not entitled to the enterprise’s accounts') },
});

const startImport = createRoute({
  method: 'post',
  path: '/api/v1/enterprises/{id}/imports',
  tags: ['carbon accounts'],
  summary: 'Import months from an uploaded xlsx or csv (a month-import job; all or nothing, follow it at GET /api/v1/jobs/{id})',
  description:
    'Upload the file first (POST /api/v1/files, attachedToType `enterprise`, attachedToId the enterprise). The job checks every row; any problem fails it with `IMPORT_INVALID`, the row-by-row report in its `result` (download: GET /api/v1/jobs/{id}/import-report). A month that already has data fails the import unless `supersede` is true.',
  request: { params: idParam, headers: idempotencyHeaders, body: body(monthImportInputSchema) },
  responses: {
    202: json(monthImportAcceptedSchema, 'Queued'),
    ...errorResponses.write,
    403: json(errorEnvelopeSchema, 'Only the enterprise itself imports its data'),
    415: json(errorEnvelopeSchema, 'FILE_TYPE_NOT_ALLOWED: the file is not xlsx or csv'),
  },
});

const importReport = createRoute({
  method: 'get',
  path: '/api/v1/jobs/{id}/import-report',
  tags: ['jobs'],
  summary: 'A failed month import’s row-by-row error report as a spreadsheet (行号, 列, 错误, Error, 值)',
  request: { params: jobIdParamSchema, query: spreadsheetFormatQuerySchema },
  responses: { 200: spreadsheetResponse('The report'), ...errorResponses.read },
});

/** The month before the clock's business month: what the template's examples show. */
function lastCompleteMonth(now: Date): string {
  const [y, m] = businessDateOf(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function monthImportRoutes(platform: Platform) {
  const access = enterpriseAccess(platform);

  return new OpenAPIHono<AppEnv>()
    .openapi(template, async (c) => {
      const { id } = c.req.valid('param');
      const { format } = c.req.valid('query');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account' });
      const products = await carbonAccountRepository(platform.db.orm).products(id);
      const choices = importChoices({ library: await publishedReferenceLibrary(platform), products });
      const file = await monthImportTemplate({ format, enterpriseId: id, choices, exampleMonth: lastCompleteMonth(platform.clock.now()) });
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', attachmentDisposition(file.fileName));
      c.header('Cache-Control', 'private, no-store');
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200);
    })
    .openapi(startImport, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/enterprises/${id}/imports ${actor.userId}`,
        body: input,
        run: async () => {
          assertCanSubmit(actor, id);
          if (!(await carbonAccountRepository(platform.db.orm).profile(id))) throw new AppError('NOT_FOUND');
          const file = await fileRepository(platform.db.orm).get(input.fileId);
          // Another record's file (or none): 404, as for any file the caller may not use — its id discloses nothing.
          if (!file || file.attachedToType !== 'enterprise' || file.attachedToId !== id) throw new AppError('NOT_FOUND', { field: 'fileId' });
          if (file.detectedType !== fileMediaTypes.xlsx && file.detectedType !== fileMediaTypes.csv) {
            throw new AppError('FILE_TYPE_NOT_ALLOWED', { detectedType: file.detectedType, allowed: [fileMediaTypes.xlsx, fileMediaTypes.csv] });
          }
          const params: MonthImportParams = { enterpriseId: id, fileId: file.id, supersede: input.supersede, userId: actor.userId, userOrganisationId: actor.organisationId };
          // One attempt: a failed import is a report for the user, not something to retry.
          const job = await platform.jobs.enqueue({ kind: monthImportJobKind, params, maxAttempts: 1, createdBy: actor.userId, organisationId: id });
          const answer = { jobId: job.id };
          describeCommand(c, { action: 'enterprises.imports.create', target: { type: 'enterprise', id }, after: { ...answer, fileId: file.id, supersede: input.supersede } });
          return { status: 202, body: answer };
        },
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body as z.infer<typeof monthImportAcceptedSchema>, 202);
    })
    .openapi(importReport, async (c) => {
      const actor = actorOf(c);
      const { format } = c.req.valid('query');
      const row = await jobRepository(platform.db.orm).get(c.req.valid('param').id);
      if (!row || row.kind !== monthImportJobKind || (!isPlatformAdmin(actor) && row.organisationId !== actor.organisationId)) throw new AppError('NOT_FOUND');
      const report = row.status === 'failed' ? monthImportReportSchema.safeParse(row.result) : undefined;
      if (!report?.success) throw new AppError('NOT_FOUND', { reason: 'the job has no error report: it is queued, running or succeeded' });
      const bytes = format === 'csv' ? reportCsv(report.data) : await reportXlsx(report.data);
      c.header('Content-Type', spreadsheetContentTypes[format]);
      c.header('Content-Disposition', attachmentDisposition(`导入错误报告-${row.id.slice(0, 8)}.${format}`));
      c.header('Cache-Control', 'private, no-store');
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
    });
}
