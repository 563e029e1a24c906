/**
 * The two kinds of problem a spreadsheet upload can have, each with a stable code and a message in
 * Chinese and English, all defined in this one file:
 *
 * - file-level problems (`SpreadsheetError`, thrown): the file as a whole cannot be read — wrong
 *   format, over a cap, a zip bomb, the header does not fit. Nothing is imported.
 * - row-level problems (`RowError`, collected): one cell of one row is wrong. Every row is checked,
 *   so the caller can show the user a row-by-row report and they can fix everything in one go.
 *
 * `status` is the HTTP status a route should answer a file-level error with (413 for size caps,
 * 415 for formats we do not read, 422 for the rest); routes map it onto their own error envelope.
 *
 * @example
 * try { await readSheet(...) } catch (e) { if (e instanceof SpreadsheetError) reply(e.status, e.code, e.messages.zh) }
 */

/** A user-facing message in both languages of the platform. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A column as named in a message: its key and both labels. */
export interface ColumnName {
  key: string;
  labelZh: string;
  labelEn: string;
}

/** The details each file-level code carries (also returned to the caller in `details`). */
export interface FileErrorDetails {
  /** The file is larger than `maxBytes` (bytes). */
  FILE_TOO_LARGE: { limitBytes: number; actualBytes: number };
  /** The file has no bytes, or no non-empty row at all. */
  EMPTY_FILE: Record<string, never>;
  /** Not a format we read: `.xls` (or a password-protected workbook, which is the same container), another binary, an unknown extension, a zip that is not a workbook. */
  UNSUPPORTED_FORMAT: { reason: 'xls-or-encrypted' | 'binary' | 'extension' | 'not-a-workbook'; extension?: string };
  /** The extension says one format and the content is the other (e.g. a CSV renamed to .xlsx). */
  EXTENSION_MISMATCH: { extension: string; detected: 'xlsx' | 'csv' };
  /** A CSV in neither UTF-8 nor GB18030 (e.g. UTF-16 "Unicode text"), or with a UTF-8 BOM but invalid UTF-8. */
  ENCODING: { reason: 'utf-16' | 'invalid' };
  /** A CSV that breaks RFC 4180: a stray quote, text after a closing quote, an unterminated quoted field. */
  CSV_MALFORMED: { row: number; reason: 'stray-quote' | 'text-after-quote' | 'unterminated-quote' };
  /** The zip container exceeds a cap: entries, total compressed or uncompressed size, or a per-entry compression ratio (zip bomb). */
  ZIP_LIMITS: {
    limit: 'entries' | 'compressed-bytes' | 'uncompressed-bytes' | 'compression-ratio' | 'declared-size';
    maximum: number;
    actual: number;
    entry?: string;
  };
  /** An entry of the zip is encrypted. */
  ZIP_ENCRYPTED: { entry: string };
  /** The file looks like a zip or workbook but its structure is broken or uses a feature we refuse (zip64, multi-disk, unknown compression). */
  CORRUPT_FILE: { reason: string };
  /** The requested worksheet does not exist. */
  SHEET_NOT_FOUND: { sheetName: string; available: string[] };
  /** More non-empty data rows than `maxRows`. */
  TOO_MANY_ROWS: { limit: number };
  /** A row has a value beyond column `maxColumns`. */
  TOO_MANY_COLUMNS: { limit: number; row: number };
  /** Required columns are not in the header (unrecognised headers are listed too: often a column was renamed). */
  MISSING_COLUMNS: { missing: ColumnName[]; unknown: string[]; headerRow: number };
  /** Headers that match no column, and extra columns are not allowed. */
  UNKNOWN_COLUMNS: { unknown: string[]; headerRow: number };
  /** Two headers name the same column. */
  DUPLICATE_COLUMNS: { column: ColumnName; headers: string[]; headerRow: number };
}

export type SpreadsheetErrorCode = keyof FileErrorDetails;

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
const columnZh = (c: ColumnName) => `「${c.labelZh}」`;
const columnEn = (c: ColumnName) => `"${c.labelEn}"`;

/** One row per code: HTTP status and the message builder. */
const fileErrorCatalog: { [C in SpreadsheetErrorCode]: { status: number; message: (d: FileErrorDetails[C]) => Bilingual } } = {
  FILE_TOO_LARGE: {
    status: 413,
    message: (d) => ({
      zh: `文件过大（${mib(d.actualBytes)}），上限为 ${mib(d.limitBytes)}。`,
      en: `The file is too large (${mib(d.actualBytes)}); the limit is ${mib(d.limitBytes)}.`,
    }),
  },
  EMPTY_FILE: { status: 422, message: () => ({ zh: '文件为空，没有任何数据。', en: 'The file is empty.' }) },
  UNSUPPORTED_FORMAT: {
    status: 415,
    message: (d) => {
      switch (d.reason) {
        case 'xls-or-encrypted':
          return {
            zh: '不支持旧版 Excel（.xls）或设置了打开密码的文件。请在 Excel 中“另存为” .xlsx（不设密码）或 CSV（UTF-8）后再上传。',
            en: 'Old Excel (.xls) files and password-protected workbooks are not supported. Save as .xlsx (without a password) or CSV (UTF-8) and upload again.',
          };
        case 'binary':
          return { zh: '无法识别的文件内容，请上传 .xlsx 或 .csv 文件。', en: 'Unrecognised file content; please upload an .xlsx or .csv file.' };
        case 'not-a-workbook':
          return { zh: '该压缩文件不是 Excel 工作簿（.xlsx）。', en: 'This zip file is not an Excel workbook (.xlsx).' };
        case 'extension':
          return {
            zh: `不支持的文件类型${d.extension ? `“.${d.extension}”` : ''}，请上传 .xlsx 或 .csv 文件。`,
            en: `Unsupported file type${d.extension ? ` ".${d.extension}"` : ''}; please upload an .xlsx or .csv file.`,
          };
      }
    },
  },
  EXTENSION_MISMATCH: {
    status: 415,
    message: (d) => ({
      zh: `文件扩展名为 .${d.extension}，但内容是 ${d.detected === 'xlsx' ? 'Excel 工作簿（.xlsx）' : 'CSV 文本'}。请勿直接修改扩展名，请在 Excel 中“另存为”所需格式。`,
      en: `The file is named .${d.extension} but its content is ${d.detected === 'xlsx' ? 'an Excel workbook (.xlsx)' : 'CSV text'}. Do not rename files; use "Save as" in Excel.`,
    }),
  },
  ENCODING: {
    status: 422,
    message: (d) =>
      d.reason === 'utf-16'
        ? {
            zh: '该 CSV 为 UTF-16（“Unicode 文本”）编码，不受支持。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”。',
            en: 'This CSV is UTF-16 ("Unicode text"), which is not supported. Save as "CSV UTF-8 (Comma delimited)" in Excel.',
          }
        : {
            zh: '无法识别 CSV 的字符编码（支持 UTF-8 和 GB18030/GBK）。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”。',
            en: 'The CSV character encoding is not recognised (UTF-8 and GB18030/GBK are supported). Save as "CSV UTF-8 (Comma delimited)" in Excel.',
          },
  },
  CSV_MALFORMED: {
    status: 422,
    message: (d) => {
      const why = {
        'stray-quote': { zh: '未加引号的单元格中出现了双引号', en: 'a double quote inside an unquoted field' },
        'text-after-quote': { zh: '右引号后紧跟了其他字符', en: 'text after a closing quote' },
        'unterminated-quote': { zh: '引号没有闭合', en: 'an unterminated quoted field' },
      }[d.reason];
      return { zh: `CSV 格式错误：第 ${d.row} 行${why.zh}。`, en: `Malformed CSV: row ${d.row} has ${why.en}.` };
    },
  },
  ZIP_LIMITS: {
    status: 413,
    message: (d) => {
      switch (d.limit) {
        case 'entries':
          return { zh: `工作簿内部文件过多（${d.actual} 个，上限 ${d.maximum} 个）。`, en: `The workbook contains too many parts (${d.actual}; the limit is ${d.maximum}).` };
        case 'compressed-bytes':
          return { zh: `工作簿压缩数据过大（上限 ${mib(d.maximum)}）。`, en: `The workbook's compressed data is too large (limit ${mib(d.maximum)}).` };
        case 'uncompressed-bytes':
          return { zh: `工作簿解压后过大（上限 ${mib(d.maximum)}）。`, en: `The workbook is too large once uncompressed (limit ${mib(d.maximum)}).` };
        case 'compression-ratio':
          return {
            zh: `工作簿中的“${d.entry ?? ''}”压缩比异常（${d.actual}:1，上限 ${d.maximum}:1），已拒绝。`,
            en: `The workbook part "${d.entry ?? ''}" has an abnormal compression ratio (${d.actual}:1; the limit is ${d.maximum}:1) and was refused.`,
          };
        case 'declared-size':
          return {
            zh: `工作簿中的“${d.entry ?? ''}”解压后的大小与声明不符，已拒绝。`,
            en: `The workbook part "${d.entry ?? ''}" inflates to more than its declared size and was refused.`,
          };
      }
    },
  },
  ZIP_ENCRYPTED: {
    status: 422,
    message: (d) => ({ zh: `工作簿中的“${d.entry}”已加密，无法读取。`, en: `The workbook part "${d.entry}" is encrypted and cannot be read.` }),
  },
  CORRUPT_FILE: {
    status: 422,
    message: () => ({ zh: '文件已损坏或无法读取，请在 Excel 中重新保存后再上传。', en: 'The file is damaged or cannot be read; save it again in Excel and upload it again.' }),
  },
  SHEET_NOT_FOUND: {
    status: 422,
    message: (d) => ({
      zh: `找不到工作表“${d.sheetName}”（现有：${d.available.join('、') || '无'}）。`,
      en: `Worksheet "${d.sheetName}" not found (found: ${d.available.join(', ') || 'none'}).`,
    }),
  },
  TOO_MANY_ROWS: {
    status: 413,
    message: (d) => ({
      zh: `数据行过多，单个文件最多 ${d.limit} 行，请拆分后上传。`,
      en: `Too many data rows; at most ${d.limit} rows per file. Split the file and upload the parts.`,
    }),
  },
  TOO_MANY_COLUMNS: {
    status: 413,
    message: (d) => ({ zh: `第 ${d.row} 行的列数过多（上限 ${d.limit} 列）。`, en: `Row ${d.row} has too many columns (the limit is ${d.limit}).` }),
  },
  MISSING_COLUMNS: {
    status: 422,
    message: (d) => ({
      zh: `表头（第 ${d.headerRow} 行）缺少必填列：${d.missing.map(columnZh).join('、')}。${d.unknown.length ? `无法识别的列：${d.unknown.map((h) => `「${h}」`).join('、')}。` : ''}请使用最新模板。`,
      en: `The header (row ${d.headerRow}) lacks required columns: ${d.missing.map(columnEn).join(', ')}.${d.unknown.length ? ` Unrecognised columns: ${d.unknown.map((h) => `"${h}"`).join(', ')}.` : ''} Please use the latest template.`,
    }),
  },
  UNKNOWN_COLUMNS: {
    status: 422,
    message: (d) => ({
      zh: `表头（第 ${d.headerRow} 行）中有无法识别的列：${d.unknown.map((h) => `「${h}」`).join('、')}。请删除这些列或使用最新模板。`,
      en: `The header (row ${d.headerRow}) has unrecognised columns: ${d.unknown.map((h) => `"${h}"`).join(', ')}. Remove them or use the latest template.`,
    }),
  },
  DUPLICATE_COLUMNS: {
    status: 422,
    message: (d) => ({
      zh: `表头（第 ${d.headerRow} 行）中${columnZh(d.column)}出现了多次：${d.headers.map((h) => `「${h}」`).join('、')}。`,
      en: `The header (row ${d.headerRow}) names column ${columnEn(d.column)} more than once: ${d.headers.map((h) => `"${h}"`).join(', ')}.`,
    }),
  },
};

/** A file-level problem: the whole upload is refused. `message` is English (for logs); show `messages` to users. */
export class SpreadsheetError extends Error {
  override name = 'SpreadsheetError';
  readonly messages: Bilingual;
  readonly status: number;

  constructor(
    readonly code: SpreadsheetErrorCode,
    readonly details: FileErrorDetails[SpreadsheetErrorCode],
    options?: { cause?: unknown },
  ) {
    const entry = fileErrorCatalog[code] as { status: number; message: (d: FileErrorDetails[SpreadsheetErrorCode]) => Bilingual };
    const messages = entry.message(details);
    super(`${code}: ${messages.en}`, options);
    this.messages = messages;
    this.status = entry.status;
  }
}

/** Typed constructor: the details must fit the code. */
export function spreadsheetError<C extends SpreadsheetErrorCode>(code: C, details: FileErrorDetails[C], options?: { cause?: unknown }): SpreadsheetError {
  return new SpreadsheetError(code, details, options);
}

/** The parameters each row-level code's message needs. */
export interface RowErrorParams {
  /** A required cell is empty. */
  REQUIRED: Record<string, never>;
  /** A cell is longer than `maxCellLength` characters. */
  CELL_TOO_LONG: { limit: number };
  /** The cell holds an Excel error (#DIV/0!, #N/A, #REF! …), or a formula whose cached result is one. */
  CELL_ERROR: Record<string, never>;
  /** A formula cell without a cached result (the file was written by a program that does not calculate). */
  FORMULA_NO_RESULT: Record<string, never>;
  /** A code column (credit code, account number) holds a number, date or boolean: beyond 15 digits Excel has already lost precision. */
  CODE_NOT_TEXT: Record<string, never>;
  /** A code column holds text like `9.1370883E+17`: Excel turned the code into a number and the digits are gone. */
  CODE_IN_SCIENTIFIC_NOTATION: Record<string, never>;
  /** A number shown in scientific notation (`1.2E+5`, or a numeric cell whose shortest form has an exponent). */
  NUMBER_IN_SCIENTIFIC_NOTATION: Record<string, never>;
  /** A numeric cell with more than 15 significant digits before the decimal point: Excel keeps only 15. */
  NUMBER_PRECISION_LOST: Record<string, never>;
  INVALID_DECIMAL: Record<string, never>;
  TOO_MANY_DECIMALS: { maxDecimals: number };
  INVALID_INTEGER: Record<string, never>;
  INVALID_DATE: Record<string, never>;
  INVALID_MONTH: Record<string, never>;
  INVALID_ENUM: { allowed: string[] };
  /** A value under an empty header cell (extra columns are not allowed). */
  EXTRA_CELLS: Record<string, never>;
}

export type RowErrorCode = keyof RowErrorParams;

/** One problem in one row (and usually one column) of the upload. */
export interface RowError {
  /** 1-based row number as the user sees it in Excel. */
  row: number;
  /** The column's key. */
  column?: string;
  /** The column's header label, in both languages. */
  columnLabel?: string;
  code: RowErrorCode;
  message: Bilingual;
  /** The offending value as read (truncated to 100 characters). */
  value?: string;
}

const rowErrorCatalog: { [C in RowErrorCode]: (p: RowErrorParams[C]) => Bilingual } = {
  REQUIRED: () => ({ zh: '必填项为空', en: 'Required value is missing' }),
  CELL_TOO_LONG: (p) => ({ zh: `内容过长（最多 ${p.limit} 个字符）`, en: `Too long (at most ${p.limit} characters)` }),
  CELL_ERROR: () => ({
    zh: '单元格为 Excel 错误值（如 #DIV/0!、#N/A），请修正公式或改为数值',
    en: 'The cell holds an Excel error (such as #DIV/0! or #N/A); fix the formula or enter a value',
  }),
  FORMULA_NO_RESULT: () => ({
    zh: '公式没有计算结果，请在 Excel 中打开并保存后再上传',
    en: 'The formula has no calculated result; open and save the file in Excel, then upload it again',
  }),
  CODE_NOT_TEXT: () => ({
    zh: '代码被存为数字，超过 15 位的数字会丢失精度。请将该列设置为“文本”格式后重新输入',
    en: 'The code is stored as a number, which loses digits beyond 15. Format the column as Text and enter the code again',
  }),
  CODE_IN_SCIENTIFIC_NOTATION: () => ({
    zh: '代码显示为科学计数法（如 9.1370883E+17），原始数字已丢失。请将该列设置为“文本”格式后重新输入完整代码',
    en: 'The code is in scientific notation (such as 9.1370883E+17) and its digits are lost. Format the column as Text and enter the full code again',
  }),
  NUMBER_IN_SCIENTIFIC_NOTATION: () => ({
    zh: '数值为科学计数法，请输入普通数字（如 123000.5）',
    en: 'The number is in scientific notation; enter a plain number (such as 123000.5)',
  }),
  NUMBER_PRECISION_LOST: () => ({
    zh: '数值超过 15 位有效数字，Excel 已丢失精度，请以文本格式输入',
    en: 'The number has more than 15 significant digits and Excel has lost precision; enter it as text',
  }),
  INVALID_DECIMAL: () => ({ zh: '不是有效的数字', en: 'Not a valid number' }),
  TOO_MANY_DECIMALS: (p) => ({ zh: `小数位数过多（最多 ${p.maxDecimals} 位）`, en: `Too many decimal places (at most ${p.maxDecimals})` }),
  INVALID_INTEGER: () => ({ zh: '不是有效的整数', en: 'Not a valid whole number' }),
  INVALID_DATE: () => ({ zh: '不是有效的日期（格式：2024-01-31）', en: 'Not a valid date (format: 2024-01-31)' }),
  INVALID_MONTH: () => ({ zh: '不是有效的月份（格式：2024-01）', en: 'Not a valid month (format: 2024-01)' }),
  INVALID_ENUM: (p) => ({ zh: `不是可选值之一（可选：${p.allowed.join('、')}）`, en: `Not one of the allowed values (${p.allowed.join(', ')})` }),
  EXTRA_CELLS: () => ({ zh: '该列没有表头，请删除多余的数据', en: 'This column has no header; remove the extra data' }),
};

/** The bilingual message for a row-level code. */
export function rowErrorMessage<C extends RowErrorCode>(code: C, params: RowErrorParams[C]): Bilingual {
  return rowErrorCatalog[code](params);
}
