/**
 * What a spreadsheet column is (`ColumnSpec`) and the caps a read is held to (`Limits`).
 *
 * One list of `ColumnSpec` drives everything: the header the reader accepts, how each cell is
 * normalised, the header and formats the writers produce, and the template's instructions.
 *
 * @example
 * const columns: ColumnSpec[] = [
 *   { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code', required: true },
 *   { key: 'month', labelZh: '月份', labelEn: 'Month', kind: 'month', required: true },
 *   { key: 'electricityKwh', labelZh: '用电量（千瓦时）', labelEn: 'Electricity (kWh)', kind: 'decimal', maxDecimals: 2 },
 * ];
 */

/**
 * - `text`: free text.
 * - `code`: an identifier made of digits and letters that must stay text (an 18-character unified
 *   social credit code, a meter account number 户号): a numeric cell is refused, since Excel keeps
 *   only 15 significant digits and drops leading zeros.
 * - `decimal`: a number, returned as a plain decimal string (never a float), at most `maxDecimals` places.
 * - `integer`: a whole number, returned as a string.
 * - `date`: returned as `YYYY-MM-DD`.
 * - `month`: returned as `YYYY-MM`.
 * - `enum`: one of `values` (keys), matched by key or by its label; the key is returned.
 */
export type ColumnKind = 'text' | 'code' | 'decimal' | 'integer' | 'date' | 'month' | 'enum';

export interface ColumnSpec {
  /** The key in `values` of each read row, and the name a header may use. */
  key: string;
  labelZh: string;
  labelEn: string;
  kind: ColumnKind;
  required?: boolean;
  /** `decimal` only: places after the point; more (unless they are zeros) is an error. */
  maxDecimals?: number;
  /** `enum` only: the allowed keys. */
  values?: readonly string[];
  /** `enum` only: a label per key, accepted when reading and written in exports and templates. */
  valueLabels?: Readonly<Record<string, { zh: string; en?: string }>>;
  /** Shown in the template's instructions. */
  example?: string;
  /** Column width in Excel's units (about one Latin character; a Chinese character takes two). */
  width?: number;
  noteZh?: string;
  noteEn?: string;
}

/** Caps on a read. Sizes in bytes; lengths in UTF-16 code units (what `String.length` counts). */
export interface Limits {
  /** The uploaded file: bytes as received (xlsx is compressed, csv is not). */
  maxBytes: number;
  /** xlsx: parts in the zip container (a workbook has 10–30). */
  maxZipEntries: number;
  /** xlsx: sum of the parts' compressed sizes. */
  maxCompressedBytes: number;
  /** xlsx: sum of the parts' uncompressed sizes — what the XML parser will have to read. */
  maxUncompressedBytes: number;
  /** xlsx: largest uncompressed/compressed ratio for a part above `ratioCheckAboveBytes` (zip bomb guard). */
  maxCompressionRatio: number;
  /** xlsx: parts up to this uncompressed size skip the ratio check (small XML compresses very well). */
  ratioCheckAboveBytes: number;
  /** Non-empty data rows (header and empty rows excluded). */
  maxRows: number;
  /** Columns, counted up to the last non-empty cell of any row. */
  maxColumns: number;
  /** Characters in one cell (after trimming). */
  maxCellLength: number;
  /** Row errors kept in the result; the rest are counted in `errorCount` only. */
  maxErrors: number;
}

const MiB = 1024 * 1024;

/**
 * Defaults sized for monthly data of one organisation or one district: 50,000 rows of 20 short
 * columns is about 5 MiB of CSV and 2 MiB of xlsx. A real workbook compresses 5–20:1, so
 * 200:1 on a part above 1 MiB is far past honest data.
 */
export const defaultLimits: Readonly<Limits> = Object.freeze({
  maxBytes: 10 * MiB,
  maxZipEntries: 200,
  maxCompressedBytes: 10 * MiB,
  maxUncompressedBytes: 100 * MiB,
  maxCompressionRatio: 200,
  ratioCheckAboveBytes: 1 * MiB,
  maxRows: 50_000,
  maxColumns: 200,
  maxCellLength: 1_000,
  maxErrors: 1_000,
});

/** The header a writer puts over a column, and that the reader accepts: `统一社会信用代码 (USCC)`. */
export function headerLabel(column: Pick<ColumnSpec, 'labelZh' | 'labelEn'>): string {
  if (!column.labelEn || column.labelEn === column.labelZh) return column.labelZh;
  return `${column.labelZh} (${column.labelEn})`;
}

/** The label a user sees for an enum key: the Chinese label when there is one. */
export function enumDisplayValue(column: Pick<ColumnSpec, 'valueLabels'>, key: string): string {
  return column.valueLabels?.[key]?.zh ?? key;
}

/** Throws TypeError for a column list that cannot work (a programming error, not a user's). */
export function assertValidColumns(columns: readonly ColumnSpec[]): void {
  if (columns.length === 0) throw new TypeError('spreadsheets: at least one column is needed');
  const keys = new Set<string>();
  for (const column of columns) {
    if (!column.key) throw new TypeError('spreadsheets: a column has an empty key');
    if (keys.has(column.key)) throw new TypeError(`spreadsheets: duplicate column key "${column.key}"`);
    keys.add(column.key);
    if (column.kind === 'enum' && !column.values?.length) throw new TypeError(`spreadsheets: enum column "${column.key}" needs values`);
    if (column.maxDecimals !== undefined && !(Number.isInteger(column.maxDecimals) && column.maxDecimals >= 0)) {
      throw new TypeError(`spreadsheets: column "${column.key}" has an invalid maxDecimals`);
    }
  }
}
