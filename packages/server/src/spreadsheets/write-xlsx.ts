/**
 * `writeXlsx`: an export workbook, streamed with exceljs's `WorkbookWriter` (rows are written as
 * they are added, so a large export does not hold the whole sheet in memory twice).
 *
 * Each sheet: optional title and note rows, then a bold, frozen header with both labels
 * (`统一社会信用代码 (USCC)`), then the rows. Code and text columns are formatted as text (`@`) so
 * that Excel does not turn codes into numbers when someone edits them; values follow `outputCell`
 * (numbers when exact, dates as dates, formula-like text neutralised). `readSheet` reads the
 * result back: it finds the header below the title and notes.
 *
 * @example
 * const bytes = await writeXlsx({ title: '2024年1月能耗', sheets: [{ name: '能耗 (Energy)', columns, rows, notes: ['单位：千瓦时'] }] });
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { headerLabel } from './column-spec.ts';
import { neutraliseFormula, outputCell, type OutputColumn, type OutputValue } from './output-cell.ts';

export interface XlsxSheet {
  /** 1–31 characters, none of `: \ / ? * [ ]` (Excel's rules). */
  name: string;
  columns: readonly OutputColumn[];
  rows: readonly Readonly<Record<string, OutputValue>>[];
  /** Lines above the header (units, source, filters applied). At most 10, so `readSheet` still finds the header. */
  notes?: readonly string[];
}

export interface WriteXlsxOptions {
  sheets: readonly XlsxSheet[];
  /** Document title, and a bold first row on each sheet. */
  title?: string;
}

export const TEXT_FORMAT = '@';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };

export async function writeXlsx(options: WriteXlsxOptions): Promise<Uint8Array> {
  const { sheets, title } = options;
  if (sheets.length === 0) throw new TypeError('spreadsheets: a workbook needs at least one sheet');
  assertSheetNames(sheets.map((s) => s.name));
  return streamWorkbook((workbook) => {
    if (title) workbook.title = title;
    for (const sheet of sheets) {
      const notes = sheet.notes ?? [];
      if (notes.length > 10) throw new RangeError('spreadsheets: at most 10 note lines above the header');
      const preamble = [...(title ? [title] : []), ...notes];
      const headerRow = preamble.length + 1;
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
      worksheet.columns = sheet.columns.map((column) => ({ key: column.key, width: columnWidth(column), style: columnStyle(column) }));
      preamble.forEach((line, index) => {
        const row = worksheet.addRow([neutraliseFormula(line)]);
        row.getCell(1).numFmt = TEXT_FORMAT;
        row.getCell(1).font = index === 0 && title ? { bold: true, size: 14 } : { italic: true, color: { argb: 'FF595959' } };
        row.commit();
      });
      writeHeader({ worksheet, columns: sheet.columns, markRequired: false });
      for (const values of sheet.rows) {
        const row = worksheet.addRow([]);
        sheet.columns.forEach((column, index) => {
          const cell = row.getCell(index + 1);
          const out = outputCell({ column, value: values[column.key] });
          if (isTextColumn(column)) cell.numFmt = TEXT_FORMAT;
          if (out.type === 'empty') return;
          if (out.type === 'text') {
            cell.value = out.text;
            cell.numFmt = TEXT_FORMAT;
          } else {
            cell.value = out.value;
            cell.numFmt = out.numFmt;
          }
        });
        row.commit();
      }
      worksheet.commit();
    }
  });
}

/** A bold header row with both labels; `*` marks required columns in templates. */
export function writeHeader(options: { worksheet: ExcelJS.Worksheet; columns: readonly OutputColumn[]; markRequired: boolean }): void {
  const { worksheet, columns, markRequired } = options;
  const row = worksheet.addRow(columns.map((column) => `${markRequired && column.required ? '*' : ''}${headerLabel(column)}`));
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.numFmt = TEXT_FORMAT;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  row.commit();
}

/** Runs `build` on a streaming workbook and returns the finished file's bytes. */
export async function streamWorkbook(build: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  // A Writable (not a PassThrough): the writer resolves on its 'finish', after the last write.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  await build(workbook);
  await workbook.commit();
  return Buffer.concat(chunks);
}

export function isTextColumn(column: Pick<OutputColumn, 'kind'>): boolean {
  return column.kind === 'code' || column.kind === 'text' || column.kind === 'enum';
}

/** The column-wide style: what Excel applies to cells typed into later. */
export function columnStyle(column: OutputColumn): Partial<ExcelJS.Style> {
  if (isTextColumn(column)) return { numFmt: TEXT_FORMAT };
  if (column.kind === 'date') return { numFmt: 'yyyy-mm-dd' };
  if (column.kind === 'month') return { numFmt: 'yyyy-mm' };
  return {};
}

/** Width in Excel's units, about one Latin character; a CJK character counts two. */
export function columnWidth(column: OutputColumn): number {
  if (column.width !== undefined) return column.width;
  const displayWidth = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const minimum = column.kind === 'code' ? 22 : column.kind === 'date' ? 12 : 10;
  return Math.min(50, Math.max(minimum, displayWidth(headerLabel(column)) + 2, displayWidth(column.example ?? '') + 2));
}

/** Excel refuses other sheet names: it would not open the file. */
export function assertSheetNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name.length < 1 || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new RangeError(`spreadsheets: invalid sheet name "${name}" (1–31 characters, none of : \\ / ? * [ ], no leading or trailing ')`);
    }
    const folded = name.toLowerCase();
    if (seen.has(folded)) throw new RangeError(`spreadsheets: duplicate sheet name "${name}"`);
    seen.add(folded);
  }
}
