/**
 * The `month-import` job: an enterprise's monthly data from an uploaded xlsx or csv, all or
 * nothing.
 *
 * 1. Read the file's bytes from the file store and check them with `readSheet` (10 %).
 * 2. Group the rows into months and check every row — the reader's problems, the columns each line
 *    type needs, the engine on each activity line, the registry's products — and every month
 *    against the data already there (with `supersede` the current submission is corrected;
 *    without, a month that has data is a row error, PERIOD_EXISTS).
 * 3. Any problem: the job fails with IMPORT_INVALID and its `result` keeps the row-by-row report
 *    (import-report.ts); nothing is written.
 * 4. Otherwise one transaction: `submitMonths` (channel `import`, the file and this job named on
 *    each submission), one audit entry for the import, and the user's notification.
 *
 * The importing user is notified of the outcome either way (link: /jobs). The job is not
 * resumable: a server that stops mid-import leaves nothing written, and the job fails INTERRUPTED.
 */
import { z } from '@hono/zod-openapi';
import type { MonthImportReport, MonthImportReportRow, MonthImportResult } from '@cfp/contracts';
import { carbonAccountRepository, fileRepository } from '@cfp/db';
import type { Platform } from '../../../http/context.ts';
import { AppError } from '../../../http/app-error.ts';
import type { JobContext, JobHandler } from '../../../jobs/job-runner.ts';
import { readSheet, SpreadsheetError, type SheetReadResult } from '../../../spreadsheets/index.ts';
import { recordAudit } from '../../audit/audit-service.ts';
import { localFileStore, readBlob } from '../../files/file-store.ts';
import { notify } from '../../notifications/notify.ts';
import { publishedReferenceLibrary } from '../../reference/reference-library-service.ts';
import { carbonAccountService } from '../account-service.ts';
import { groupMonthLines, toBatch } from './group-month-lines.ts';
import { importChoices } from './import-choices.ts';
import { buildReport, importRowError, rowError } from './import-report.ts';
import { monthImportColumns } from './month-import-columns.ts';

export const monthImportJobKind = 'month-import';

export const monthImportParamsSchema = z.object({
  enterpriseId: z.string(),
  fileId: z.string(),
  supersede: z.boolean(),
  /** The user who started the import: the submissions' author, the audit entry's actor, the notification's recipient. */
  userId: z.string(),
  userOrganisationId: z.string(),
});
export type MonthImportParams = z.infer<typeof monthImportParamsSchema>;

type JobPlatform = Pick<Platform, 'db' | 'clock' | 'config' | 'logger'>;

/** The import refused the file: the report is in the job's result. */
class ImportInvalidError extends Error {
  override name = 'ImportInvalidError';
  readonly code = 'IMPORT_INVALID';
  constructor(readonly report: MonthImportReport) {
    super(report.summary.message.en);
  }
}

/** The failed job's report: the runner records only `{ code, message }` as the error, so the rows go into `result`. */
async function storeReport(platform: JobPlatform, jobId: string, report: MonthImportReport): Promise<void> {
  await platform.db.query(`update jobs set result = $1::jsonb, updated_at = $2 where id = $3 and status = 'running'`, [
    JSON.stringify(report),
    platform.clock.now().toISOString(),
    jobId,
  ]);
}

function fileBytes(platform: JobPlatform, sha256: string): Promise<Uint8Array> {
  return readBlob(localFileStore({ dir: platform.config.fileStoreDir }), sha256);
}

const fromSheetErrors = (sheet: SheetReadResult): MonthImportReportRow[] =>
  sheet.errors.map((e) => ({
    row: e.row,
    ...(e.column === undefined ? {} : { column: e.column }),
    code: e.code,
    message: e.message,
    ...(e.value === undefined ? {} : { value: e.value }),
  }));

/** A refusal of `submitMonths` (a race with another write since the checks) as report rows. */
function fromServiceError(error: AppError, where: ReturnType<typeof toBatch>): MonthImportReportRow[] | undefined {
  const details = (error.details ?? {}) as { fields?: { path: string; code?: string; message: string }[]; month?: string };
  if (error.code === 'VALIDATION_FAILED' && details.fields) {
    return details.fields.map((f) =>
      rowError({
        row: where.rowOfPath(f.path),
        column: f.path.includes('.production.') ? 'item' : undefined,
        code: (f.code ?? 'INVALID_VALUE').toUpperCase(),
        detail: { zh: f.message, en: f.message },
      }),
    );
  }
  if ((error.code === 'PERIOD_EXISTS' || error.code === 'VERSION_CONFLICT') && details.month) {
    return [importRowError({ row: where.rowOfMonth(details.month), column: 'month', code: error.code, value: details.month })];
  }
  return undefined;
}

export function monthImportJob(platform: JobPlatform): JobHandler {
  const service = carbonAccountService(platform);

  async function run(ctx: JobContext, params: MonthImportParams): Promise<MonthImportResult> {
    const repo = carbonAccountRepository(platform.db.orm);
    await ctx.progress(0, '读取文件 / reading the file');
    const file = await fileRepository(platform.db.orm).get(params.fileId);
    if (!file || file.attachedToType !== 'enterprise' || file.attachedToId !== params.enterpriseId) throw new AppError('NOT_FOUND', { fileId: params.fileId });

    let sheet: SheetReadResult;
    try {
      sheet = await readSheet({ bytes: await fileBytes(platform, file.sha256), fileName: file.originalName, columns: monthImportColumns });
    } catch (error) {
      if (!(error instanceof SpreadsheetError)) throw error;
      throw new ImportInvalidError(buildReport({ rows: [rowError({ row: null, code: error.code, detail: error.messages })], dataRows: 0 }));
    }
    await ctx.progress(10, `已读取 ${sheet.dataRowCount} 行 / ${sheet.dataRowCount} rows read`);

    const library = await publishedReferenceLibrary(platform);
    const choices = importChoices({ library, products: await repo.products(params.enterpriseId) });
    const grouped = groupMonthLines({ rows: sheet.rows, choices, library, sheetHadErrors: sheet.errorCount > 0 });
    const errors = [...fromSheetErrors(sheet), ...grouped.errors];
    if (sheet.dataRowCount === 0) errors.push(importRowError({ row: sheet.headerRow, code: 'NO_DATA' }));

    // Months that already have data: corrected with `supersede`, refused without.
    const supersedes = new Map<string, string>();
    for (const draft of grouped.months) {
      const current = await repo.currentSubmission({ enterpriseId: params.enterpriseId, month: draft.month });
      if (!current) continue;
      if (params.supersede) supersedes.set(draft.month, current.id);
      else {
        errors.push(
          importRowError({
            row: draft.firstRow,
            column: 'month',
            code: 'PERIOD_EXISTS',
            value: draft.month,
            extra: { zh: `${draft.month} 已有第 ${current.revision} 版数据`, en: `${draft.month} has revision ${current.revision}` },
          }),
        );
      }
    }
    if (errors.length) throw new ImportInvalidError(buildReport({ rows: errors, dataRows: sheet.dataRowCount, extraErrors: sheet.errorCount - sheet.errors.length }));
    await ctx.progress(50, `已检查 ${grouped.months.length} 个月 / ${grouped.months.length} months checked`);

    const where = toBatch({ months: grouped.months, supersedes });
    const months = grouped.months.map((m) => m.month);
    try {
      await platform.db.inTransaction(async () => {
        const written = await service.submitMonths({
          enterpriseId: params.enterpriseId,
          months: where.batch,
          channel: 'import',
          submittedBy: params.userId,
          fileId: file.id,
          importJobId: ctx.job.id,
          library,
        });
        await recordAudit(platform.db.orm, {
          actor: { userId: params.userId, organisationId: params.userOrganisationId },
          action: 'enterprises.months.import',
          target: { type: 'enterprise', id: params.enterpriseId },
          after: {
            jobId: ctx.job.id,
            fileId: file.id,
            supersede: params.supersede,
            submissions: written.map((w) => ({ id: w.submission.id, month: w.submission.month, revision: w.submission.revision })),
          },
          requestId: null,
          now: platform.clock.now(),
          algorithm: platform.config.auditHash,
        });
        await notify(platform, {
          userId: params.userId,
          type: 'month_import.succeeded',
          title: { zh: '月度数据导入完成', en: 'Monthly data imported' },
          body: {
            zh: `文件「${file.originalName}」已导入 ${months.length} 个月的数据：${months.join('、')}。`.slice(0, 2000),
            en: `${months.length} months imported from "${file.originalName}": ${months.join(', ')}.`.slice(0, 2000),
          },
          link: '/jobs',
        });
      });
    } catch (error) {
      const rows = error instanceof AppError ? fromServiceError(error, where) : undefined;
      if (rows) throw new ImportInvalidError(buildReport({ rows, dataRows: sheet.dataRowCount }));
      throw error;
    }
    await ctx.progress(100, `已写入 ${months.length} 个月 / ${months.length} months written`);
    return { months, submissions: months.length, rows: sheet.dataRowCount };
  }

  return {
    kind: monthImportJobKind,
    resumable: false,
    async run(ctx) {
      const params = monthImportParamsSchema.parse(ctx.job.params);
      try {
        return await run(ctx, params);
      } catch (error) {
        const invalid = error instanceof ImportInvalidError;
        if (invalid) await storeReport(platform, ctx.job.id, error.report);
        const code = invalid ? 'IMPORT_INVALID' : error instanceof AppError ? error.code : 'JOB_FAILED';
        await notify(platform, {
          userId: params.userId,
          type: 'month_import.failed',
          title: { zh: '月度数据导入失败', en: 'Monthly data import failed' },
          body: invalid
            ? {
                zh: `${error.report.summary.message.zh}可在任务列表下载逐行错误报告。`,
                en: `${error.report.summary.message.en} Download the row-by-row report from the jobs page.`,
              }
            : { zh: `导入未能完成（${code}），未写入任何数据。`, en: `The import could not be completed (${code}); nothing was written.` },
          link: '/jobs',
        }).catch((err: unknown) => platform.logger.error({ err, jobId: ctx.job.id }, 'month import: notification failed'));
        throw error;
      }
    },
  };
}
