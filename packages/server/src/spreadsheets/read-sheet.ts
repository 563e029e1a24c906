/**
 * `readSheet`: an uploaded xlsx or csv, checked and normalised against a list of `ColumnSpec`.
 *
 * Order of checks (each a `SpreadsheetError` that refuses the whole file):
 * 1. size (`maxBytes`) and emptiness;
 * 2. format from the content — zip magic `PK\x03\x04` is xlsx, text is csv, `.xls`/encrypted
 *    workbooks and other binaries are refused — and it must agree with the extension;
 * 3. xlsx: the zip container (`inspectZip`), then the reader gets a clean copy of what was checked
 *    (`rebuildZipForStreaming`); csv: the encoding (`decodeCsvText`) and RFC 4180;
 * 4. the header (`matchHeader`), then `maxRows` and `maxColumns` as rows stream in.
 *
 * Then every data row is checked and every problem is reported (`errors`, up to `maxErrors`),
 * so the user can fix the file in one pass. `rows` holds only the rows without any problem.
 *
 * @example
 * const { rows, errors } = await readSheet({ bytes, fileName: '2024年1月能耗.xlsx', columns });
 * if (errors.length) return report(errors); // each: { row: 7, column: 'uscc', code: 'CODE_NOT_TEXT', message: { zh, en } }
 * for (const { rowNumber, values } of rows) save(values.uscc, values.month, values.electricityKwh);
 */
import { columnLetter } from './column-letter.ts';
import { assertValidColumns, defaultLimits, headerLabel, type ColumnSpec, type Limits } from './column-spec.ts';
import { decodeCsvText, type CsvEncoding } from './decode-csv-text.ts';
import { inspectZip } from './inspect-zip.ts';
import { HEADER_SEARCH_ROWS, headerLookup, matchHeader } from './match-header.ts';
import { normaliseCell, type RawCell } from './normalise-cell.ts';
import { parseCsv } from './parse-csv.ts';
import { readXlsxRows, type SheetRow } from './read-xlsx-rows.ts';
import { rebuildZipForStreaming } from './rebuild-zip-for-streaming.ts';
import { rowErrorMessage, spreadsheetError, type RowError } from './spreadsheet-error.ts';

export interface ReadSheetOptions {
  bytes: Uint8Array;
  /** The name as uploaded: its extension must agree with the content. */
  fileName: string;
  columns: readonly ColumnSpec[];
  limits?: Partial<Limits>;
  /** Ignore headers that name no column instead of refusing the file (UNKNOWN_COLUMNS). */
  allowExtraColumns?: boolean;
  /** xlsx: the worksheet to read; by default the first. */
  sheetName?: string;
}

export interface SheetRowValues {
  /** 1-based row number as the user sees it in Excel. */
  rowNumber: number;
  /** Every column's key; `null` for an empty cell or a column the file does not have. */
  values: Record<string, string | null>;
}

export interface SheetReadResult {
  format: 'xlsx' | 'csv';
  /** csv only. */
  encoding?: CsvEncoding;
  /** xlsx only: the worksheet read. */
  sheetName?: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** The rows without problems, in file order. */
  rows: SheetRowValues[];
  /** Problems, row by row, at most `maxErrors`. */
  errors: RowError[];
  /** All problems found, including those beyond `maxErrors`. */
  errorCount: number;
  /** Non-empty data rows read (those in `rows` and those with errors). */
  dataRowCount: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: `.xls`, and also any password-protected `.xlsx`. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function readSheet(options: ReadSheetOptions): Promise<SheetReadResult> {
  const { bytes, fileName, columns, allowExtraColumns = false } = options;
  assertValidColumns(columns);
  const limits: Limits = { ...defaultLimits, ...options.limits };
  if (bytes.length === 0) throw spreadsheetError('EMPTY_FILE', {});
  if (bytes.length > limits.maxBytes) throw spreadsheetError('FILE_TOO_LARGE', { limitBytes: limits.maxBytes, actualBytes: bytes.length });

  const format = detectFormat(bytes, fileName);
  if (format === 'xlsx') {
    const entries = await inspectZip({ bytes, limits });
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw spreadsheetError('UNSUPPORTED_FORMAT', { reason: 'not-a-workbook' });
    const streamable = rebuildZipForStreaming({ bytes, entries });
    let sheetName: string | undefined;
    const rows = (async function* () {
      for await (const row of readXlsxRows({ bytes: streamable, sheetName: options.sheetName, maxColumns: limits.maxColumns })) {
        sheetName = row.sheetName;
        yield row;
      }
    })();
    const result = await readRows({ rows, columns, limits, allowExtraColumns });
    return { format, ...(sheetName === undefined ? {} : { sheetName }), ...result };
  }
  const { text, encoding } = decodeCsvText(bytes);
  const rows = (function* () {
    for (const { row, fields } of parseCsv(text)) {
      let last = fields.length - 1;
      while (last >= 0 && fields[last]!.trim() === '') last--;
      if (last + 1 > limits.maxColumns) throw spreadsheetError('TOO_MANY_COLUMNS', { limit: limits.maxColumns, row });
      yield { row, cells: fields.slice(0, last + 1).map((text): RawCell => (text === '' ? { type: 'empty' } : { type: 'text', text })) };
    }
  })();
  return { format, encoding, ...(await readRows({ rows, columns, limits, allowExtraColumns })) };
}

/** 'xlsx' or 'csv' from the content; the extension must say the same. */
function detectFormat(bytes: Uint8Array, fileName: string): 'xlsx' | 'csv' {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, OLE2_MAGIC)) throw spreadsheetError('UNSUPPORTED_FORMAT', { reason: 'xls-or-encrypted', extension });
  const zip = startsWith(bytes, ZIP_MAGIC);
  // UTF-16 text has NULs too: let decodeCsvText name it from its BOM.
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!zip && !utf16 && bytes.subarray(0, 8192).includes(0)) throw spreadsheetError('UNSUPPORTED_FORMAT', { reason: 'binary', extension });
  const detected = zip ? 'xlsx' : 'csv';
  if (extension !== 'xlsx' && extension !== 'csv') throw spreadsheetError('UNSUPPORTED_FORMAT', { reason: 'extension', extension });
  if (extension !== detected) throw spreadsheetError('EXTENSION_MISMATCH', { extension, detected });
  return detected;
}

const isEmptyCell = (cell: RawCell | undefined) => cell === undefined || cell.type === 'empty' || (cell.type === 'text' && cell.text.trim() === '');

async function readRows(options: {
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>;
  columns: readonly ColumnSpec[];
  limits: Limits;
  allowExtraColumns: boolean;
}): Promise<Omit<SheetReadResult, 'format' | 'encoding' | 'sheetName'>> {
  const { columns, limits, allowExtraColumns } = options;
  const lookup = headerLookup(columns);
  const textOf = (cell: RawCell | undefined) => (cell?.type === 'text' ? cell.text : cell?.type === 'number' ? String(cell.value) : null);

  /** Non-empty rows seen before the header was found. */
  const preamble: SheetRow[] = [];
  let header: { row: number; match: ReturnType<typeof matchHeader>; named: Set<number> } | undefined;
  const rows: SheetRowValues[] = [];
  const errors: RowError[] = [];
  let errorCount = 0;
  let dataRowCount = 0;

  const addError = (error: RowError) => {
    errorCount++;
    if (errors.length < limits.maxErrors) errors.push(error);
  };
  const useHeader = (row: SheetRow) => {
    const match = matchHeader({ headers: row.cells.map(textOf), columns, allowExtraColumns, headerRow: row.row });
    header = { row: row.row, match, named: new Set([...match.indexByKey.values(), ...match.extraIndexes]) };
  };

  const handleData = (row: SheetRow) => {
    if (!header) return;
    dataRowCount++;
    if (dataRowCount > limits.maxRows) throw spreadsheetError('TOO_MANY_ROWS', { limit: limits.maxRows });
    const { indexByKey } = header.match;
    const named = header.named;
    const values: Record<string, string | null> = {};
    let ok = true;
    for (const column of columns) {
      const index = indexByKey.get(column.key);
      const cell: RawCell = (index === undefined ? undefined : row.cells[index]) ?? { type: 'empty' };
      // A column the file lacks is optional (matchHeader refused missing required ones): null, no error.
      const result = index === undefined ? ({ ok: true, value: null } as const) : normaliseCell({ column, cell, maxCellLength: limits.maxCellLength });
      if (result.ok) {
        values[column.key] = result.value;
        continue;
      }
      ok = false;
      values[column.key] = null;
      const detail = rowErrorMessage(result.code, result.params);
      const label = headerLabel(column);
      addError({
        row: row.row,
        column: column.key,
        columnLabel: label,
        code: result.code,
        message: { zh: `第 ${row.row} 行「${column.labelZh}」：${detail.zh}`, en: `Row ${row.row}, "${column.labelEn}": ${detail.en}` },
        ...(displayValue(cell) === undefined ? {} : { value: displayValue(cell) }),
      });
    }
    if (!allowExtraColumns) {
      // Values under an empty header cell: probably data shifted by one column.
      row.cells.forEach((cell, index) => {
        if (isEmptyCell(cell) || named.has(index)) return;
        ok = false;
        const detail = rowErrorMessage('EXTRA_CELLS', {});
        const column = columnLetter(index);
        addError({
          row: row.row,
          code: 'EXTRA_CELLS',
          message: { zh: `第 ${row.row} 行第 ${column} 列：${detail.zh}`, en: `Row ${row.row}, column ${column}: ${detail.en}` },
          ...(displayValue(cell) === undefined ? {} : { value: displayValue(cell) }),
        });
      });
    }
    if (ok) rows.push({ rowNumber: row.row, values });
  };

  for await (const row of options.rows) {
    if (row.cells.every(isEmptyCell)) continue;
    if (header) {
      handleData(row);
      continue;
    }
    preamble.push(row);
    if (row.cells.some((cell) => textOf(cell) !== null && lookup(textOf(cell)!.trim()) !== undefined)) {
      useHeader(row);
    } else if (preamble.length >= HEADER_SEARCH_ROWS) {
      // No header found near the top: take the first non-empty row, so the error names what is missing; the rest is data.
      useHeader(preamble[0]!);
      for (const data of preamble.slice(1)) handleData(data);
    }
  }
  if (!header) {
    if (preamble.length === 0) throw spreadsheetError('EMPTY_FILE', {});
    useHeader(preamble[0]!);
    for (const data of preamble.slice(1)) handleData(data);
  }
  return { headerRow: header!.row, rows, errors, errorCount, dataRowCount };
}

function displayValue(cell: RawCell): string | undefined {
  switch (cell.type) {
    case 'text':
      return cell.text.trim().slice(0, 100);
    case 'number':
    case 'boolean':
      return String(cell.value);
    case 'date':
      return Number.isNaN(cell.value.getTime()) ? undefined : cell.value.toISOString().slice(0, 10);
    case 'error':
      return cell.text;
    default:
      return undefined;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
