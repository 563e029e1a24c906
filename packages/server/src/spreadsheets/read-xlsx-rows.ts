/**
 * The rows of one worksheet of an xlsx, streamed with exceljs's `WorkbookReader` and turned into
 * `RawCell`s. Call only with bytes `inspectZip` has accepted: that is what bounds the work.
 *
 * - Which sheet: the first in the workbook's tab order, or the one named by `sheetName`
 *   (case- and width-insensitive).
 * - Styles are read so that date-formatted numbers arrive as dates; a formula cell gives its cached
 *   result (a date-formatted numeric result becomes a date too), an error result becomes an error.
 * - Excel dates have no time zone: exceljs puts the wall-clock date in the Date's UTC fields,
 *   and everything downstream reads the UTC fields only.
 * - exceljs 4.4 decodes each chunk of XML on its own (utils/parse-sax.js), so a Chinese
 *   character split across two chunks becomes U+FFFD — one in a few thousand cells of a real
 *   upload. `decodeAcrossChunks` hands its parsers text decoded as one stream instead (its
 *   decoder passes strings through unchanged); see `keepCharactersWhole`.
 * - Give it the output of `rebuildZipForStreaming`: with the shared strings and styles ahead of
 *   the worksheets, exceljs parses the sheet straight from the stream (no temporary file) and
 *   knows the date formats when it reads the cells.
 *
 * @example
 * for await (const { row, cells } of readXlsxRows({ bytes, maxColumns: 200 })) …
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RawCell } from './normalise-cell.ts';
import { foldForMatch } from './normalise-cell.ts';
import { SpreadsheetError, spreadsheetError } from './spreadsheet-error.ts';

export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  /** Cells by 0-based column, up to the last non-empty one. */
  cells: RawCell[];
}

/** The parts of exceljs's streaming reader its type declarations leave out. */
interface WorkbookReaderInternals {
  model?: { sheets?: { name: string }[] };
  properties?: { model?: { date1904?: boolean } };
}
interface WorksheetReaderInternals {
  name: string;
}
type Chunks = AsyncIterable<Uint8Array | string>;
/** exceljs's WorkbookReader methods that receive a part's bytes: a stream (`entry`) or an iterator of chunks. */
interface WorkbookReaderParsers {
  _parseRels(entry: Chunks): unknown;
  _parseWorkbook(entry: Chunks): unknown;
  _parseSharedStrings(entry: Chunks): unknown;
  _parseStyles(entry: Chunks): unknown;
  _parseWorksheet(iterator: Chunks, sheetNo: string): unknown;
}

export async function* readXlsxRows(options: { bytes: Uint8Array; sheetName?: string; maxColumns: number }): AsyncGenerator<SheetRow & { sheetName: string }> {
  const { bytes, sheetName, maxColumns } = options;
  const input = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  const internals = reader as unknown as WorkbookReaderInternals;
  keepCharactersWhole(reader);
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as WorksheetReaderInternals).name;
      seen.push(name);
      const first = internals.model?.sheets?.[0]?.name;
      const isTarget = sheetName !== undefined ? foldForMatch(name) === foldForMatch(sheetName) : first === undefined || first === name;
      if (!isTarget) continue;
      found = true;
      const date1904 = internals.properties?.model?.date1904 === true;
      for await (const row of worksheet) {
        const cells: RawCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          const raw = toRawCell({ value: cell.value, numFmt: cell.numFmt, result: cell.type === ExcelJS.ValueType.Formula ? cell.result : undefined }, date1904);
          if (raw.type === 'empty') return;
          if (column > maxColumns) throw spreadsheetError('TOO_MANY_COLUMNS', { limit: maxColumns, row: row.number });
          while (cells.length < column - 1) cells.push({ type: 'empty' });
          cells[column - 1] = raw;
        });
        yield { row: row.number, cells, sheetName: name };
      }
      break;
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw spreadsheetError('CORRUPT_FILE', { reason: `xlsx: ${error instanceof Error ? error.message : String(error)}` }, { cause: error });
  } finally {
    input.destroy();
  }
  if (!found) {
    if (sheetName !== undefined) throw spreadsheetError('SHEET_NOT_FOUND', { sheetName, available: internals.model?.sheets?.map((s) => s.name) ?? seen });
    throw spreadsheetError('EMPTY_FILE', {});
  }
}

/**
 * Makes `reader` decode each part as one UTF-8 stream (see the file comment). The methods are
 * exceljs internals: if a new exceljs renames them this throws rather than let text be corrupted.
 */
function keepCharactersWhole(reader: object): void {
  const parsers = reader as unknown as WorkbookReaderParsers;
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles', '_parseWorksheet'] as const) {
    if (typeof parsers[name] !== 'function') throw new Error(`spreadsheets: exceljs WorkbookReader.${name} is missing; check the UTF-8 chunk fix against this exceljs version`);
  }
  const original = {
    rels: parsers._parseRels.bind(reader),
    workbook: parsers._parseWorkbook.bind(reader),
    sharedStrings: parsers._parseSharedStrings.bind(reader),
    styles: parsers._parseStyles.bind(reader),
    worksheet: parsers._parseWorksheet.bind(reader),
  };
  // Entry parsers iterate the entry with exceljs's iterateStream, which needs a stream.
  const asStream = (entry: Chunks) => Readable.from(decodeAcrossChunks(entry));
  parsers._parseRels = (entry) => original.rels(asStream(entry));
  parsers._parseWorkbook = (entry) => original.workbook(asStream(entry));
  parsers._parseSharedStrings = (entry) => original.sharedStrings(asStream(entry));
  parsers._parseStyles = (entry) => original.styles(asStream(entry));
  parsers._parseWorksheet = (iterator, sheetNo) => original.worksheet(decodeAcrossChunks(iterator), sheetNo);
}

/** The text of a stream of UTF-8 chunks, a character split between chunks kept whole. Invalid UTF-8 throws. Exported for tests. */
export async function* decodeAcrossChunks(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * An exceljs cell as a RawCell. Exported for tests.
 *
 * A formula's result is read from `cell.result`: exceljs drops a falsy result (0, '', false) from
 * `cell.value`, and the streaming reader parses an error result (t="e") as a float — NaN.
 */
export function toRawCell(cell: { value: ExcelJS.CellValue; numFmt?: string; result?: unknown }, date1904: boolean): RawCell {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return { type: 'empty' };
  if (typeof value === 'string') return value === '' ? { type: 'empty' } : { type: 'text', text: value };
  if (typeof value === 'number') return { type: 'number', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (value instanceof Date) return { type: 'date', value };
  if (typeof value !== 'object') return { type: 'error' };
  if ('error' in value) return { type: 'error', text: String(value.error) };
  if ('richText' in value && Array.isArray(value.richText)) return { type: 'text', text: value.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in cell ? cell.result : (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { type: 'formula-without-result' };
    if (typeof result === 'number') {
      if (Number.isNaN(result)) return { type: 'error' };
      return isDateFormat(cell.numFmt) ? { type: 'date', value: excelSerialToDate(result, date1904) } : { type: 'number', value: result };
    }
    return toRawCell({ value: result as ExcelJS.CellValue, numFmt: cell.numFmt }, date1904);
  }
  if ('hyperlink' in value && 'text' in value) return toRawCell({ value: value.text as ExcelJS.CellValue, numFmt: cell.numFmt }, date1904);
  // { sharedString: n }: a shared string the reader could not resolve — a broken file.
  throw spreadsheetError('CORRUPT_FILE', { reason: 'unresolved cell value' });
}

/** exceljs's own test (utils.isDateFmt): a y/m/d/h/s/b code outside quotes and brackets. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** Excel's serial day number (days since 1899-12-30, or since 1904-01-01) as a Date in UTC fields; exceljs rounds to the millisecond the same way. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}
