/**
 * Spreadsheet import and export for uploads of monthly data (xlsx and csv): read and check a file
 * against a list of columns, write exports and blank templates. See each file for the rules;
 * `readSheet` is the entry point for uploads.
 *
 * @example
 * import { readSheet, templateXlsx, type ColumnSpec } from '../spreadsheets/index.ts';
 */
export { defaultLimits, headerLabel, type ColumnKind, type ColumnSpec, type Limits } from './column-spec.ts';
export { readSheet, type ReadSheetOptions, type SheetReadResult, type SheetRowValues } from './read-sheet.ts';
export { writeXlsx, type WriteXlsxOptions, type XlsxSheet } from './write-xlsx.ts';
export { writeCsv } from './write-csv.ts';
export { templateXlsx, TEMPLATE_DATA_SHEET, TEMPLATE_INSTRUCTIONS_SHEET, type TemplateXlsxOptions } from './template-xlsx.ts';
export { neutraliseFormula, type OutputColumn, type OutputValue } from './output-cell.ts';
export { SpreadsheetError, type Bilingual, type FileErrorDetails, type RowError, type RowErrorCode, type RowErrorParams, type SpreadsheetErrorCode } from './spreadsheet-error.ts';
