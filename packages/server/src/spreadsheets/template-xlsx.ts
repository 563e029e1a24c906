/**
 * `templateXlsx`: the blank workbook users download, fill in and upload to `readSheet`.
 *
 * - Sheet 1 「数据 (Data)」: the header (required columns marked `*`, which the reader ignores),
 *   frozen; the first `preparedRows` rows pre-formatted — code and text columns as text (`@`), so
 *   an 18-digit account number typed in stays text; dates and months with their formats — and a
 *   drop-down list on each enum column. The column styles carry the same formats below that.
 * - Sheet 2 「填写说明 (Instructions)」: the instructions, then one line per column with its kind,
 *   whether it is required, its format and notes, then the example rows. Examples live here and
 *   not on the data sheet, where they would be imported if the user forgot to delete them.
 * - A hidden sheet holds an enum's choices when they do not fit an inline list (255 characters,
 *   no commas).
 *
 * Excel forbids `/` in sheet names, hence 「填写说明 (Instructions)」 rather than 「填写说明 / Instructions」.
 *
 * @example
 * const bytes = await templateXlsx({ columns, instructionsZh: ['每个企业每月一行。'], instructionsEn: ['One row per enterprise and month.'] });
 */
import { columnLetter } from './column-letter.ts';
import type ExcelJS from 'exceljs';
import { enumDisplayValue, headerLabel, type ColumnSpec } from './column-spec.ts';
import { outputCell, neutraliseFormula } from './output-cell.ts';
import type { Bilingual } from './spreadsheet-error.ts';
import { assertSheetNames, columnStyle, columnWidth, isTextColumn, streamWorkbook, TEXT_FORMAT, writeHeader } from './write-xlsx.ts';

export interface TemplateXlsxOptions {
  columns: readonly ColumnSpec[];
  /** Shown on the instructions sheet (values as the user would type them). */
  exampleRows?: readonly Readonly<Record<string, string>>[];
  instructionsZh: readonly string[];
  instructionsEn: readonly string[];
  /** Default 「数据 (Data)」. */
  sheetName?: string;
  /** Rows below the header that are pre-formatted and carry the drop-down lists. Default 1,000. */
  preparedRows?: number;
}

export const TEMPLATE_DATA_SHEET = '数据 (Data)';
export const TEMPLATE_INSTRUCTIONS_SHEET = '填写说明 (Instructions)';
/** The stream writer's worksheet has `dataValidations` (one range per rule); exceljs's types leave it out. */
interface WorksheetWithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

const LISTS_SHEET = '选项 (Lists)';
/** Excel's limit on an inline list: the quoted formula text. */
const INLINE_LIST_MAX = 255;

export async function templateXlsx(options: TemplateXlsxOptions): Promise<Uint8Array> {
  const { columns, exampleRows = [], instructionsZh, instructionsEn, sheetName = TEMPLATE_DATA_SHEET, preparedRows = 1_000 } = options;
  assertSheetNames([sheetName, TEMPLATE_INSTRUCTIONS_SHEET, LISTS_SHEET]);
  const lastRow = preparedRows + 1;

  return streamWorkbook((workbook) => {
    const data = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    data.columns = columns.map((column) => ({ key: column.key, width: columnWidth(column), style: columnStyle(column) }));
    writeHeader({ worksheet: data, columns, markRequired: true });

    // Enum choices: inline when they fit, else a range on the hidden lists sheet.
    const longLists: { column: ColumnSpec; choices: string[]; listColumn: number }[] = [];
    columns.forEach((column, index) => {
      if (column.kind !== 'enum') return;
      const choices = (column.values ?? []).map((key) => enumDisplayValue(column, key));
      const inline = `"${choices.join(',')}"`;
      const fitsInline = inline.length <= INLINE_LIST_MAX && choices.every((c) => !/[,"]/.test(c));
      let formula = inline;
      if (!fitsInline) {
        const listColumn = longLists.length + 1;
        longLists.push({ column, choices, listColumn });
        const letter = columnLetter(listColumn - 1);
        formula = `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${choices.length}`;
      }
      const letter = columnLetter(index);
      (data as unknown as WorksheetWithValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '无效的选项 Invalid choice',
        error: `请从列表中选择 Choose from the list: ${choices.join('、')}`.slice(0, 255),
      });
    });

    // The stream writer skips rows without values unless they have a height: give the prepared rows one.
    for (let r = 2; r <= lastRow; r++) {
      const row = data.getRow(r);
      row.height = 15;
      columns.forEach((column, index) => {
        const numFmt = columnStyle(column).numFmt;
        if (numFmt) row.getCell(index + 1).numFmt = numFmt;
      });
      row.commit();
    }
    data.commit();

    const instructions = workbook.addWorksheet(TEMPLATE_INSTRUCTIONS_SHEET);
    writeInstructions({ worksheet: instructions, columns, exampleRows, instructionsZh, instructionsEn });
    instructions.commit();

    if (longLists.length) {
      const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
      const height = Math.max(...longLists.map((l) => l.choices.length));
      for (let r = 0; r < height; r++) {
        const row = lists.addRow(longLists.map((l) => l.choices[r] ?? null));
        row.eachCell((cell) => (cell.numFmt = TEXT_FORMAT));
        row.commit();
      }
      lists.commit();
    }
  });
}

function writeInstructions(options: {
  worksheet: ExcelJS.Worksheet;
  columns: readonly ColumnSpec[];
  exampleRows: readonly Readonly<Record<string, string>>[];
  instructionsZh: readonly string[];
  instructionsEn: readonly string[];
}): void {
  const { worksheet, columns, exampleRows, instructionsZh, instructionsEn } = options;
  worksheet.columns = [{ width: 36 }, { width: 40 }, { width: 12 }, { width: 60 }, { width: 24 }];
  const add = (values: (string | number | Date | null)[], style?: Partial<ExcelJS.Font>) => {
    const row = worksheet.addRow(values.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
    row.eachCell((cell) => {
      if (style) cell.font = style;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    row.commit();
  };
  add(['填写说明 / Instructions'], { bold: true, size: 14 });
  for (const line of instructionsZh) add([line]);
  if (instructionsZh.length && instructionsEn.length) add([]);
  for (const line of instructionsEn) add([line]);
  add([]);
  add(['列名 (Column)', '类型与格式 (Kind and format)', '必填 (Required)', '说明 (Notes)', '示例 (Example)'], { bold: true });
  for (const column of columns) {
    const kind = describeKind(column);
    const notes = [column.noteZh, column.noteEn].filter(Boolean).join('\n');
    add([headerLabel(column), `${kind.zh}\n${kind.en}`, column.required ? '是 (Yes)' : '否 (No)', notes, column.example ?? '']);
  }
  if (exampleRows.length) {
    add([]);
    add(['示例数据（仅供参考，请在「数据」表中填写） / Example rows (for reference; fill in the Data sheet)'], { bold: true });
    add(
      columns.map((column) => headerLabel(column)),
      { bold: true },
    );
    for (const example of exampleRows) {
      const row = worksheet.addRow([]);
      columns.forEach((column, index) => {
        const out = outputCell({ column, value: example[column.key] });
        const cell = row.getCell(index + 1);
        if (out.type === 'empty') return;
        cell.value = out.type === 'text' ? out.text : out.value;
        cell.numFmt = out.type === 'text' || isTextColumn(column) ? TEXT_FORMAT : out.numFmt;
      });
      row.commit();
    }
  }
}

/** The column's kind and format rule, as the instructions sheet states it. */
export function describeKind(column: ColumnSpec): Bilingual {
  switch (column.kind) {
    case 'text':
      return { zh: '文本', en: 'Text' };
    case 'code':
      return { zh: '代码（文本格式，请勿存为数字或科学计数法）', en: 'Code, as text (never as a number or in scientific notation)' };
    case 'decimal':
      return column.maxDecimals === undefined
        ? { zh: '数字（不要带单位或千分位以外的符号）', en: 'Number (no units or symbols)' }
        : { zh: `数字，最多 ${column.maxDecimals} 位小数（不要带单位）`, en: `Number, at most ${column.maxDecimals} decimal places (no units)` };
    case 'integer':
      return { zh: '整数', en: 'Whole number' };
    case 'date':
      return { zh: '日期，如 2024-01-31', en: 'Date, e.g. 2024-01-31' };
    case 'month':
      return { zh: '月份，如 2024-01', en: 'Month, e.g. 2024-01' };
    case 'enum': {
      const choices = (column.values ?? []).map((key) => enumDisplayValue(column, key));
      return { zh: `从下拉列表选择：${choices.join('、')}`, en: `Choose from the list: ${choices.join(', ')}` };
    }
  }
}
