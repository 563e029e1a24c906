/**
 * External lists (file import now, adapters later): the province's high-energy/high-emission list
 * with its colour tags (shown beside the city label, conflicts flagged in the colour list), and the
 * national ETS key emitters' verified annual emissions (authoritative for those enterprises' annual
 * totals when labels are drafted). And annual verification: a verifier assigned by the ecology
 * bureau verifies an enterprise's year, attaching its report; verified data raise the data quality.
 *
 * A list import reads an uploaded xlsx/csv completely, checks every row and replaces the year's
 * list in the command's transaction — or writes nothing and answers 422 IMPORT_INVALID with the
 * row-by-row errors.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { carbonAccountRepository, fileRepository, type FileRow } from '@cfp/db';
import { businessDateOf, externalLists, isPlatformAdmin, isValidUscc, monthsBetween, type Actor, type ExternalList } from '@cfp/domain';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema } from '@cfp/db';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { describeCommand } from '../audit/command-audit.ts';
import { actorOf } from '../identity/authenticate.ts';
import { enterpriseAccess } from '../identity/consent-routes.ts';
import { localFileStore, readBlob } from '../files/file-store.ts';
import { readSheet, SpreadsheetError, type ColumnSpec, type RowError } from '../../spreadsheets/index.ts';
import { carbonAccountService } from './account-service.ts';

/** The colour as provincial lists write it: 红 / 红色 / 红标 / red … */
const colourWords: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      ['green', '绿'],
      ['yellow', '黄'],
      ['orange', '橙'],
      ['red', '红'],
    ] as const
  ).flatMap(([key, zh]) => [key, zh, `${zh}色`, `${zh}标`, `${zh}码`].map((word) => [word, key])),
);
const provincialColumns: ColumnSpec[] = [
  { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code', required: true },
  { key: 'name', labelZh: '企业名称', labelEn: 'Enterprise', kind: 'text', required: true },
  { key: 'colour', labelZh: '颜色', labelEn: 'Colour', kind: 'text', noteZh: '绿、黄、橙、红（或 green、yellow、orange、red）；无颜色标注可留空' },
];
const etsColumns: ColumnSpec[] = [
  { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code', required: true },
  { key: 'name', labelZh: '企业名称', labelEn: 'Enterprise', kind: 'text', required: true },
  { key: 'verifiedTco2e', labelZh: '核查排放量（吨二氧化碳当量）', labelEn: 'Verified emissions (tCO2e)', kind: 'decimal', required: true, maxDecimals: 3 },
];

const listImportSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    fileId: z.uuid().openapi({ description: 'An uploaded xlsx or csv (POST /api/v1/files with attachedToType external_list, attachedToId provincial or ets_emissions).' }),
    source: z.string().trim().min(2).max(300).optional().openapi({ description: 'Where the list comes from (document, date).' }),
  })
  .openapi('ExternalListImport');
const listImportResultSchema = z
  .object({ year: z.number().int(), rows: z.number().int(), matched: z.number().int(), unmatched: z.array(z.string()) })
  .openapi('ExternalListImportResult');

const verificationInputSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    reportFileId: z.uuid().openapi({ description: 'The verification report (uploaded by the verifier).' }),
    verifiedTco2e: z
      .string()
      .regex(/^\d{1,16}(\.\d{1,3})?$/)
      .optional()
      .openapi({ description: 'tCO2e the verifier found, when the report states it.' }),
    note: z.string().max(2000).optional(),
  })
  .openapi('VerificationInput');
const verificationSchema = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    year: z.number().int(),
    verifierId: z.string(),
    reportFileId: z.string(),
    verifiedTco2e: z.string().nullable(),
    note: z.string().nullable(),
    verifiedBy: z.string(),
    verifiedAt: z.string(),
    monthsVerified: z.number().int().optional(),
  })
  .openapi('Verification');

const importProvincial = createRoute({
  method: 'post',
  path: '/api/v1/external-lists/provincial',
  tags: ['carbon accounts'],
  summary: 'Import the province’s high-energy/high-emission list with its colour tags for a year (replaces that year’s list)',
  request: { headers: idempotencyHeaders, body: body(listImportSchema) },
  responses: { 200: json(listImportResultSchema, 'Imported; 422 IMPORT_INVALID lists the row errors in details.rows and writes nothing'), ...errorResponses.write },
});
const importEts = createRoute({
  method: 'post',
  path: '/api/v1/external-lists/ets-emissions',
  tags: ['carbon accounts'],
  summary: 'Import national ETS key emitters’ verified annual emissions for a year (authoritative for their annual totals)',
  request: { headers: idempotencyHeaders, body: body(listImportSchema) },
  responses: { 200: json(listImportResultSchema, 'Imported; 422 IMPORT_INVALID lists the row errors in details.rows and writes nothing'), ...errorResponses.write },
});
const idParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const verify = createRoute({
  method: 'post',
  path: '/api/v1/enterprises/{id}/verifications',
  tags: ['carbon accounts'],
  summary: 'Verify an enterprise’s annual data (an assigned verifier), attaching the report: the year’s data become verified',
  request: { params: idParam, headers: idempotencyHeaders, body: body(verificationInputSchema) },
  responses: { 201: json(verificationSchema, 'The verification'), ...errorResponses.write },
});
const listVerifications = createRoute({
  method: 'get',
  path: '/api/v1/enterprises/{id}/verifications',
  tags: ['carbon accounts'],
  summary: 'An enterprise’s verifications, newest first',
  request: { params: idParam, query: z.object({ purpose: z.enum(['pre_loan', 'post_loan', 'guarantee']).optional() }) },
  responses: { 200: json(z.object({ items: z.array(verificationSchema) }), 'Verifications'), ...errorResponses.read },
});

/** The provincial list: the commission or the ecology bureau; ETS emissions: the ecology bureau (and platform admins). */
function assertListImporter(actor: Actor, list: ExternalList): void {
  if (!isPlatformAdmin(actor) && !(externalLists[list] as readonly string[]).includes(actor.organisationId)) {
    throw new AppError('FORBIDDEN', { reason: 'this list is imported by the bureau responsible for it' });
  }
}

async function uploadedList(platform: Platform, options: { actor: Actor; fileId: string; list: ExternalList; columns: ColumnSpec[] }) {
  const file: FileRow | undefined = await fileRepository(platform.db.orm).get(options.fileId);
  // Only a file uploaded for this list (POST /api/v1/files, attachedToType external_list, attachedToId the list).
  if (!file || file.attachedToType !== 'external_list' || file.attachedToId !== options.list) throw new AppError('NOT_FOUND', { field: 'fileId' });
  try {
    return await readSheet({ bytes: await readBlob(localFileStore({ dir: platform.config.fileStoreDir }), file.sha256), fileName: file.originalName, columns: options.columns });
  } catch (error) {
    if (error instanceof SpreadsheetError) throw new AppError('IMPORT_INVALID', { rows: [{ row: null, code: error.code, message: error.messages }] });
    throw error;
  }
}

/** A report row: where, a stable code, the message in Chinese and English, the value read. */
interface ListRowError {
  row: number;
  column?: string;
  code: string;
  message: { zh: string; en: string };
  value?: string;
}

const fromSheet = (errors: readonly RowError[]): ListRowError[] => errors.map((e) => ({ ...e, code: e.code as string }));

function rejectRows(rows: readonly ListRowError[]): never {
  throw new AppError('IMPORT_INVALID', { rows: rows.slice(0, 1000), errors: rows.length });
}

const rowError = (row: number, code: string, zh: string, en: string, value?: string) => ({
  row,
  column: 'uscc',
  code,
  message: { zh: `第 ${row} 行「统一社会信用代码」：${zh}`, en: `Row ${row}, "USCC": ${en}` },
  ...(value === undefined ? {} : { value }),
});

export function externalListRoutes(platform: Platform) {
  const access = enterpriseAccess(platform);
  const orm = () => platform.db.orm;

  /** USCC → enterprise id of the registered enterprises. */
  async function enterprisesByUscc(): Promise<Map<string, string>> {
    const rows = await carbonAccountRepository(orm()).enterprises();
    return new Map(rows.flatMap((r) => (r.organisation.uscc ? [[r.organisation.uscc, r.organisation.id] as const] : [])));
  }

  return new OpenAPIHono<AppEnv>()
    .openapi(importProvincial, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/external-lists/provincial ${actor.userId}`,
        body: input,
        run: async () => {
          assertListImporter(actor, 'provincial');
          const sheet = await uploadedList(platform, { actor, fileId: input.fileId, list: 'provincial', columns: provincialColumns });
          const errors = fromSheet(sheet.errors);
          const seen = new Set<string>();
          for (const r of sheet.rows) {
            const uscc = r.values['uscc']!;
            if (!isValidUscc(uscc)) errors.push(rowError(r.rowNumber, 'INVALID_USCC', '校验码不正确', 'wrong check character', uscc));
            else if (seen.has(uscc)) errors.push(rowError(r.rowNumber, 'DUPLICATE_VALUE', '代码重复', 'listed twice', uscc));
            seen.add(uscc);
            const colour = r.values['colour'];
            if (colour != null && colourWords[colour.toLowerCase()] === undefined) {
              errors.push({
                row: r.rowNumber,
                column: 'colour',
                code: 'INVALID_ENUM',
                message: { zh: `第 ${r.rowNumber} 行「颜色」：应为绿、黄、橙、红之一`, en: `Row ${r.rowNumber}, "Colour": one of green, yellow, orange, red` },
                value: colour,
              });
            }
          }
          if (errors.length) rejectRows(errors.sort((a, b) => a.row - b.row));
          const byUscc = await enterprisesByUscc();
          const now = platform.clock.now();
          await orm().delete(schema.provincialListEntries).where(eq(schema.provincialListEntries.listYear, input.year));
          if (sheet.rows.length) {
            await orm()
              .insert(schema.provincialListEntries)
              .values(
                sheet.rows.map((r) => ({
                  listYear: input.year,
                  uscc: r.values['uscc']!,
                  enterpriseId: byUscc.get(r.values['uscc']!) ?? null,
                  nameZh: r.values['name']!,
                  colour: r.values['colour'] ? (colourWords[r.values['colour'].toLowerCase()] ?? null) : null,
                  importedAt: now,
                })),
              );
          }
          const unmatched = sheet.rows.filter((r) => !byUscc.has(r.values['uscc']!)).map((r) => r.values['uscc']!);
          const answer = { year: input.year, rows: sheet.rows.length, matched: sheet.rows.length - unmatched.length, unmatched };
          describeCommand(c, { action: 'external_lists.provincial.import', target: { type: 'provincial_list', id: String(input.year) }, after: answer });
          return { status: 200, body: answer };
        },
      });
      return c.json(result.body as z.infer<typeof listImportResultSchema>, 200);
    })
    .openapi(importEts, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/external-lists/ets-emissions ${actor.userId}`,
        body: input,
        run: async () => {
          assertListImporter(actor, 'ets_emissions');
          const sheet = await uploadedList(platform, { actor, fileId: input.fileId, list: 'ets_emissions', columns: etsColumns });
          const byUscc = await enterprisesByUscc();
          const errors = fromSheet(sheet.errors);
          const seen = new Set<string>();
          for (const r of sheet.rows) {
            const uscc = r.values['uscc']!;
            if (!isValidUscc(uscc)) errors.push(rowError(r.rowNumber, 'INVALID_USCC', '校验码不正确', 'wrong check character', uscc));
            else if (!byUscc.has(uscc)) errors.push(rowError(r.rowNumber, 'UNKNOWN_ENTERPRISE', '不是平台登记的企业', 'not a registered enterprise', uscc));
            else if (seen.has(uscc)) errors.push(rowError(r.rowNumber, 'DUPLICATE_VALUE', '代码重复', 'listed twice', uscc));
            seen.add(uscc);
          }
          if (errors.length) rejectRows(errors.sort((a, b) => a.row - b.row));
          const now = platform.clock.now();
          for (const r of sheet.rows) {
            const row = {
              year: input.year,
              enterpriseId: byUscc.get(r.values['uscc']!)!,
              verifiedTco2e: r.values['verifiedTco2e']!,
              source: input.source ?? '全国碳市场核查数据（导入）',
              importedAt: now,
            };
            await orm()
              .insert(schema.etsVerifiedEmissions)
              .values(row)
              .onConflictDoUpdate({ target: [schema.etsVerifiedEmissions.year, schema.etsVerifiedEmissions.enterpriseId], set: row });
          }
          const answer = { year: input.year, rows: sheet.rows.length, matched: sheet.rows.length, unmatched: [] };
          describeCommand(c, { action: 'external_lists.ets.import', target: { type: 'ets_emissions', id: String(input.year) }, after: answer });
          return { status: 200, body: answer };
        },
      });
      return c.json(result.body as z.infer<typeof listImportResultSchema>, 200);
    })
    .openapi(verify, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/enterprises/${id}/verifications ${actor.userId}`,
        body: input,
        run: async () => {
          if (actor.organisationType !== 'verifier') throw new AppError('FORBIDDEN', { reason: 'an assigned verifier verifies annual data' });
          const today = businessDateOf(platform.clock.now());
          const [assignment] = await orm()
            .select()
            .from(schema.verifierAssignments)
            .where(and(eq(schema.verifierAssignments.verifierId, actor.organisationId), eq(schema.verifierAssignments.enterpriseId, id)));
          if (!assignment || assignment.revokedAt !== null || assignment.validFrom > today || today > assignment.validTo) {
            throw new AppError('FORBIDDEN', { reason: 'no_assignment' });
          }
          // The report: uploaded by the verifier to the enterprise's record.
          const file = await fileRepository(orm()).get(input.reportFileId);
          if (!file || file.organisationId !== actor.organisationId || file.attachedToType !== 'enterprise' || file.attachedToId !== id) {
            throw new AppError('NOT_FOUND', { field: 'reportFileId' });
          }
          const months = monthsBetween(`${input.year}-01`, `${input.year}-12`);
          const current = await carbonAccountRepository(orm()).currentSubmissions({ enterpriseId: id, from: months[0]!, to: months.at(-1)! });
          if (current.length === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'year', message: `the enterprise has no data for ${input.year}` }] });
          const now = platform.clock.now();
          const row = {
            id: randomUUID(),
            enterpriseId: id,
            year: input.year,
            verifierId: actor.organisationId,
            assignmentId: assignment.id,
            reportFileId: input.reportFileId,
            verifiedTco2e: input.verifiedTco2e ?? null,
            note: input.note ?? null,
            verifiedBy: actor.userId,
            verifiedAt: now,
          };
          await orm().insert(schema.dataVerifications).values(row);
          // The year's current data are verified now: their quality rises, and the accounts follow.
          for (const s of current) await orm().update(schema.periodSubmissions).set({ quality: 'verified' }).where(eq(schema.periodSubmissions.id, s.id));
          await carbonAccountService(platform).recompute({ enterpriseId: id, months: current.map((s) => s.month) });
          const answer = { ...row, verifiedAt: now.toISOString(), monthsVerified: current.length };
          describeCommand(c, { action: 'enterprises.verifications.create', target: { type: 'enterprise', id: `${id}/${input.year}` }, after: answer });
          return { status: 201, body: answer };
        },
      });
      return c.json(result.body as z.infer<typeof verificationSchema>, 201);
    })
    .openapi(listVerifications, async (c) => {
      const { id } = c.req.valid('param');
      await access({ c, actor: actorOf(c), enterpriseId: id, dataScope: 'carbon_account', purpose: c.req.valid('query').purpose });
      const rows = await orm().select().from(schema.dataVerifications).where(eq(schema.dataVerifications.enterpriseId, id));
      const items = rows.sort((a, b) => b.verifiedAt.getTime() - a.verifiedAt.getTime()).map((r) => ({ ...r, verifiedAt: r.verifiedAt.toISOString() }));
      return c.json({ items }, 200);
    });
}
