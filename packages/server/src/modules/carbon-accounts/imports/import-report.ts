/**
 * The row-by-row report of a failed month import: every problem found, each with its row as
 * Excel numbers it, the column, a stable code, a message in Chinese and English and the value
 * read. It is kept in the failed job's `result` and can be downloaded as xlsx or csv.
 *
 * Codes: the spreadsheet reader's (REQUIRED, INVALID_DECIMAL, …, spreadsheets/spreadsheet-error.ts),
 * the accounting engine's in upper case (UNKNOWN_REFERENCE, NEGATIVE_NUMBER, …) and the import's
 * own (`importRowCodes` below).
 *
 * @example
 * rowError({ row: 7, column: 'quantity', code: 'NEGATIVE_NUMBER', detail: { zh: '数值不能为负数', en: 'Must not be negative' }, value: '-5' })
 * // { row: 7, column: 'quantity', code: 'NEGATIVE_NUMBER', message: { zh: '第 7 行「数量」：数值不能为负数', en: 'Row 7, "Quantity": Must not be negative' }, value: '-5' }
 */
import type { MonthImportReport, MonthImportReportRow } from '@cfp/contracts';
import { headerLabel, writeCsv, writeXlsx, type Bilingual, type ColumnSpec } from '../../../spreadsheets/index.ts';
import { columnOf } from './month-import-columns.ts';

/** Rows kept in a report; the rest are counted in `summary.errors`. */
export const maxReportRows = 1_000;

/** The import's own row codes, beside the reader's and the engine's. */
export const importRowCodes = {
  FIELD_REQUIRED: { zh: '该类别必须填写此列', en: 'Required for this type' },
  FIELD_NOT_APPLICABLE: { zh: '该类别不填此列', en: 'Not used for this type; leave it empty' },
  UNKNOWN_PRODUCT: { zh: '不是本企业登记的产品（见填写说明）', en: 'Not one of the enterprise’s registered products (see the instructions)' },
  UNIT_MISMATCH: { zh: '单位与要求不符', en: 'Wrong unit' },
  NEGATIVE_NUMBER: { zh: '数值不能为负数', en: 'Must not be negative' },
  TOO_MANY_DECIMALS: { zh: '小数位数过多（金额最多 2 位）', en: 'Too many decimal places (amounts: at most 2)' },
  DUPLICATE_VALUE: { zh: '同一月份只能有一行', en: 'Only one row per month' },
  DUPLICATE_PRODUCT: { zh: '同一月份同一产品只能有一行', en: 'Only one row per product and month' },
  NO_ACTIVITY: { zh: '该月份没有任何能源或排放数据行（燃料、电力等）', en: 'The month has no activity line (fuel, electricity, …)' },
  TOO_MANY_LINES: { zh: '该月份的数据行过多', en: 'Too many lines in the month' },
  INVALID_VALUE: { zh: '数值不符合要求', en: 'Invalid value' },
  PERIOD_EXISTS: { zh: '该月份已有数据；如需更正，请选择“更正已有月份”后重新导入', en: 'The month already has data; import with "supersede" to correct it' },
  NO_DATA: { zh: '文件中没有数据行', en: 'The file has no data rows' },
  VERSION_CONFLICT: { zh: '该月份的数据在导入期间已被修改，请重新导入', en: 'The month changed while the file was imported; import it again' },
} as const satisfies Record<string, Bilingual>;
export type ImportRowCode = keyof typeof importRowCodes;

/** One report row with its message prefixed by where it is, as the spreadsheet reader words it. */
export function rowError(options: { row: number | null; column?: string | undefined; code: string; detail: Bilingual; value?: string | null | undefined }): MonthImportReportRow {
  const { row, column, code, detail } = options;
  const spec = column === undefined ? undefined : columnOf(column);
  const where =
    row === null ? { zh: '', en: '' } : spec ? { zh: `第 ${row} 行「${spec.labelZh}」：`, en: `Row ${row}, "${spec.labelEn}": ` } : { zh: `第 ${row} 行：`, en: `Row ${row}: ` };
  return {
    row,
    ...(column === undefined ? {} : { column }),
    code,
    message: { zh: `${where.zh}${detail.zh}`, en: `${where.en}${detail.en}` },
    ...(options.value === undefined || options.value === null || options.value === '' ? {} : { value: options.value.slice(0, 100) }),
  };
}

/** An import code's row error. */
export function importRowError(options: { row: number | null; column?: string; code: ImportRowCode; value?: string | null; extra?: Bilingual }): MonthImportReportRow {
  const base = importRowCodes[options.code];
  const detail = options.extra ? { zh: `${base.zh}：${options.extra.zh}`, en: `${base.en}: ${options.extra.en}` } : base;
  return rowError({ row: options.row, column: options.column, code: options.code, detail, value: options.value });
}

/** Sorted by row (file-level problems first), capped at `maxReportRows`; `extraErrors` counts problems already left out upstream. */
export function buildReport(options: { rows: readonly MonthImportReportRow[]; dataRows: number; extraErrors?: number }): MonthImportReport {
  const sorted = [...options.rows].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const errors = sorted.length + (options.extraErrors ?? 0);
  const rowsWithErrors = new Set(sorted.map((r) => r.row)).size;
  return {
    rows: sorted.slice(0, maxReportRows),
    summary: {
      dataRows: options.dataRows,
      rowsWithErrors,
      errors,
      message: {
        zh: `共读取 ${options.dataRows} 行数据，发现 ${errors} 处错误（涉及 ${rowsWithErrors} 行），全部未导入。请修改后重新导入。`,
        en: `${options.dataRows} data rows read; ${errors} problems found in ${rowsWithErrors} rows. Nothing was imported: fix them and import again.`,
      },
    },
  };
}

const reportColumns: readonly ColumnSpec[] = [
  { key: 'row', labelZh: '行号', labelEn: 'Row', kind: 'integer', width: 8 },
  { key: 'column', labelZh: '列', labelEn: 'Column', kind: 'text', width: 24 },
  { key: 'messageZh', labelZh: '错误', labelEn: 'Error (zh)', kind: 'text', width: 60 },
  { key: 'messageEn', labelZh: 'Error (en)', labelEn: 'Error (en)', kind: 'text', width: 60 },
  { key: 'code', labelZh: '错误代码', labelEn: 'Code', kind: 'text', width: 24 },
  { key: 'value', labelZh: '值', labelEn: 'Value', kind: 'text', width: 24 },
];

function reportRows(report: MonthImportReport) {
  return report.rows.map((r) => {
    const spec = r.column === undefined ? undefined : columnOf(r.column);
    return {
      row: r.row === null ? null : String(r.row),
      column: spec ? headerLabel(spec) : (r.column ?? null),
      messageZh: r.message.zh,
      messageEn: r.message.en,
      code: r.code,
      value: r.value ?? null,
    };
  });
}

/** The report as a workbook: the summary above the header, one row per problem. */
export async function reportXlsx(report: MonthImportReport): Promise<Uint8Array> {
  return writeXlsx({
    title: '导入错误报告 Import error report',
    sheets: [{ name: '错误 (Errors)', columns: reportColumns, rows: reportRows(report), notes: [report.summary.message.zh, report.summary.message.en] }],
  });
}

/** The report as CSV (UTF-8 with BOM), one row per problem. */
export function reportCsv(report: MonthImportReport): Uint8Array {
  return writeCsv({ columns: reportColumns, rows: reportRows(report) });
}
