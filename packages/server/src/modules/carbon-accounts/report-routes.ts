/**
 * The enterprise carbon account report (企业碳账户报告) as JSON (the web page) and as a PDF with an
 * embedded CJK font and a watermark naming the viewer, the time and the purpose; and the
 * enterprise detail's data versions. Banks, insurers and guarantors read under a consent covering
 * the report (account_report) or the carbon-account data (carbon_account) and state the purpose; every such open is written to the consent read log
 * (resource carbon_account_report / carbon_account_report_pdf, which the enterprise sees at
 * GET /api/v1/consents/reads) and every report open, whoever the reader, to the audit chain.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  dataVersionListSchema,
  emissionSourceListSchema,
  enterpriseReportSchema,
  errorEnvelopeSchema,
  reportPurposeSchema,
  reportQuerySchema,
  type EnterpriseReport,
} from '@cfp/contracts';
import { carbonAccountRepository } from '@cfp/db';
import type { Actor, ConsentPurpose } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { errorResponses, json } from '../../http/responses.ts';
import { recordAudit } from '../audit/audit-service.ts';
import { attachmentDisposition } from '../files/content-disposition.ts';
import { actorOf } from '../identity/authenticate.ts';
import { enterpriseAccess } from '../identity/consent-routes.ts';
import { renderReportPdf } from './report-pdf.ts';
import { reportService } from './report-service.ts';

const idParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ent-002' }),
});

const getReport = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/report',
  tags: ['carbon accounts'],
  summary:
    'The enterprise carbon account report (企业碳账户报告, not a credit report): accounts, labels with reasons, trend, sources, data quality, factors, the viewer’s watermark',
  description:
    'Banks, insurers and guarantors: `purpose` is required (400 VALIDATION_FAILED without it) and a consent in force covering `account_report` or `carbon_account` for that purpose (403 FORBIDDEN without one); the read is written to the enterprise’s read log. A county government outside its area gets 404.',
  request: { params: idParam, query: reportQuerySchema },
  responses: { 200: json(enterpriseReportSchema, 'The report'), ...errorResponses.read },
});
const getReportPdf = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/report.pdf',
  tags: ['carbon accounts'],
  summary: 'The same report as a PDF (A4, embedded Noto Sans SC subset, watermark with the viewer, time and purpose on every page)',
  description: 'Access and read log as for the JSON report. `Content-Disposition: attachment` with the Chinese file name in `filename*`.',
  request: { params: idParam, query: reportQuerySchema },
  responses: {
    200: { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string' as const, format: 'binary' } } } },
    ...errorResponses.read,
    403: json(errorEnvelopeSchema, 'No consent in force for this purpose'),
  },
});
const getDataVersions = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/data-versions',
  tags: ['carbon accounts'],
  summary: 'Every revision of the enterprise’s monthly data (who submitted it, when, through which channel), newest month first',
  request: { params: idParam, query: z.object({ purpose: reportPurposeSchema.optional() }) },
  responses: { 200: json(dataVersionListSchema, 'Data versions'), ...errorResponses.read },
});

const getEmissionSources = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/emission-sources',
  tags: ['carbon accounts'],
  summary: 'Emissions by source (燃料燃烧 / 工业生产过程 / 净购入电力 / 热力 …) over a year, from the months’ engine lines, with the factor ids',
  request: { params: idParam, query: reportQuerySchema },
  responses: { 200: json(emissionSourceListSchema, 'Sources (default year: the latest with an annual account)'), ...errorResponses.read },
});

export function reportRoutes(platform: Platform) {
  const access = enterpriseAccess(platform);
  const service = reportService(platform);

  /** Access (consent-checked, read-logged) and the audit entry commit together, before the report is assembled. */
  async function openReport(options: {
    c: Context<AppEnv>;
    actor: Actor;
    enterpriseId: string;
    purpose: ConsentPurpose | undefined;
    year: number | undefined;
    format: 'json' | 'pdf';
  }) {
    const resource = options.format === 'pdf' ? 'carbon_account_report_pdf' : 'carbon_account_report';
    const { decision } = await platform.db.inTransaction(async () => {
      const request = { c: options.c, actor: options.actor, enterpriseId: options.enterpriseId, purpose: options.purpose, resource };
      // A consent for the report alone (account_report) or for the carbon-account data it is made of; a refusal logs nothing.
      const granted = await access({ ...request, dataScope: 'account_report' }).catch((error: unknown) => {
        if (error instanceof AppError && (error.code === 'CONSENT_REQUIRED' || error.code === 'FORBIDDEN')) return access({ ...request, dataScope: 'carbon_account' });
        throw error;
      });
      await recordAudit(platform.db.orm, {
        actor: { userId: options.actor.userId, organisationId: options.actor.organisationId },
        action: options.format === 'pdf' ? 'enterprises.report.pdf' : 'enterprises.report.read',
        target: { type: 'enterprise', id: options.enterpriseId },
        after: { purpose: options.purpose ?? null, year: options.year ?? null, basis: granted.decision.basis, consentId: granted.decision.consentId ?? null },
        requestId: options.c.get('requestId') ?? null,
        now: platform.clock.now(),
        algorithm: platform.config.auditHash,
      });
      return granted;
    });
    // A financial reader states its purpose (enterpriseAccess insists); others may read without one.
    return service.assemble({ enterpriseId: options.enterpriseId, actor: options.actor, purpose: options.purpose ?? null, basis: decision.basis, year: options.year });
  }

  return new OpenAPIHono<AppEnv>()
    .openapi(getReport, async (c) => {
      const { id } = c.req.valid('param');
      const { purpose, year } = c.req.valid('query');
      const report = await openReport({ c, actor: actorOf(c), enterpriseId: id, purpose, year, format: 'json' });
      c.header('Cache-Control', 'private, no-store');
      return c.json(report satisfies EnterpriseReport, 200);
    })
    .openapi(getReportPdf, async (c) => {
      const { id } = c.req.valid('param');
      const { purpose, year } = c.req.valid('query');
      const report = await openReport({ c, actor: actorOf(c), enterpriseId: id, purpose, year, format: 'pdf' });
      const bytes = await renderReportPdf(report, { fontFile: platform.config.pdfFontFile });
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', attachmentDisposition(`企业碳账户报告-${report.enterprise.nameZh}${report.year ? `-${report.year}` : ''}.pdf`));
      c.header('Cache-Control', 'private, no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(new Uint8Array(bytes), 200);
    })
    .openapi(getEmissionSources, async (c) => {
      const { id } = c.req.valid('param');
      const { purpose, year } = c.req.valid('query');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose });
      const latest = (await carbonAccountRepository(platform.db.orm).accountsOf({ enterpriseId: id, periodType: 'year' })).map((a) => Number(a.period)).sort((a, b) => b - a)[0];
      const chosen = year ?? latest ?? null;
      return c.json({ year: chosen, items: chosen === null ? [] : await service.emissionSources({ enterpriseId: id, year: chosen }) }, 200);
    })
    .openapi(getDataVersions, async (c) => {
      const { id } = c.req.valid('param');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose: c.req.valid('query').purpose });
      return c.json(await service.dataVersions({ enterpriseId: id }), 200);
    });
}
