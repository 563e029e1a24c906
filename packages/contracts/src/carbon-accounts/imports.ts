/**
 * Month imports: an enterprise's monthly data from an uploaded spreadsheet (xlsx or csv, one row
 * per line), run as a job. The job either writes every month of the file or nothing; when a row is
 * wrong it fails with IMPORT_INVALID and keeps a row-by-row report.
 */
import { z } from '@hono/zod-openapi';

const bilingualSchema = z.object({ zh: z.string(), en: z.string() });

export const spreadsheetFormatQuerySchema = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx').openapi({ description: 'xlsx (default; with instructions and drop-down lists) or csv (UTF-8 with BOM, header only).' }),
});

export const monthImportInputSchema = z
  .strictObject({
    fileId: z.uuid().openapi({ description: 'An xlsx or csv uploaded with POST /api/v1/files to this enterprise (attachedToType enterprise).' }),
    supersede: z
      .boolean()
      .default(false)
      .openapi({ description: 'Correct months that already have data (each new submission supersedes the current one). Default false: such a month fails the import.' }),
  })
  .openapi('MonthImportInput');
export type MonthImportInput = z.infer<typeof monthImportInputSchema>;

export const monthImportAcceptedSchema = z.object({ jobId: z.string().openapi({ description: 'Follow it at GET /api/v1/jobs/{id}.' }) }).openapi('MonthImportAccepted');

/** What a succeeded month-import job's `result` holds. */
export const monthImportResultSchema = z
  .object({
    months: z.array(z.string()).openapi({ description: 'The months written, ascending.', example: ['2024-01', '2024-02'] }),
    submissions: z.number().int().openapi({ description: 'Submissions written (one per month).' }),
    rows: z.number().int().openapi({ description: 'Data rows read.' }),
  })
  .openapi('MonthImportResult');
export type MonthImportResult = z.infer<typeof monthImportResultSchema>;

export const monthImportReportRowSchema = z
  .object({
    row: z.number().int().nullable().openapi({ description: 'The row as Excel numbers it (1-based); null for a problem of the whole file.' }),
    column: z.string().optional().openapi({ description: 'The column key (month, type, item, quantity, unit, …).' }),
    code: z.string().openapi({
      description:
        'A stable code: the spreadsheet reader’s (REQUIRED, INVALID_DECIMAL, …), the accounting engine’s (unknown_reference, negative_number, …) or the import’s (PERIOD_EXISTS, NO_ACTIVITY, …).',
    }),
    message: bilingualSchema,
    value: z.string().optional().openapi({ description: 'The offending value as read.' }),
  })
  .openapi('MonthImportReportRow');
export type MonthImportReportRow = z.infer<typeof monthImportReportRowSchema>;

/** What a failed month-import job's `result` holds (its `error.code` is IMPORT_INVALID). */
export const monthImportReportSchema = z
  .object({
    rows: z.array(monthImportReportRowSchema),
    summary: z.object({
      dataRows: z.number().int().openapi({ description: 'Non-empty data rows read.' }),
      rowsWithErrors: z.number().int(),
      errors: z.number().int().openapi({ description: 'Every problem found; `rows` keeps at most the first 1,000.' }),
      message: bilingualSchema,
    }),
  })
  .openapi('MonthImportReport');
export type MonthImportReport = z.infer<typeof monthImportReportSchema>;
