/**
 * Finding the header row and mapping its cells to columns.
 *
 * A header cell names a column by its Chinese label, English label, key, or the writers' combined
 * `中文 (English)` form (also with a line break instead of the parentheses). Matching ignores case,
 * whitespace and full-/half-width differences (`用电量（千瓦时）` = `用电量(千瓦时)`), and a `*`
 * marking a required column in the template.
 *
 * The header is the first row, among the first `HEADER_SEARCH_ROWS` non-empty ones, in which any
 * cell names a column: exports and government templates often carry a title and notes above it.
 *
 * @example
 * matchHeader({ headers: ['统一社会信用代码（USCC）', '月份'], columns, allowExtraColumns: false, headerRow: 1 })
 * // { indexByKey: Map { 'uscc' => 0, 'month' => 1 }, extraIndexes: [] }
 */
import type { ColumnSpec } from './column-spec.ts';
import { foldForMatch } from './normalise-cell.ts';
import { spreadsheetError } from './spreadsheet-error.ts';

/** How many non-empty rows may precede the header (title, notes). */
export const HEADER_SEARCH_ROWS = 20;

export interface HeaderMatch {
  /** Column key → 0-based position in the row. Optional columns absent from the file are absent here. */
  indexByKey: Map<string, number>;
  /** Positions of non-empty headers that name no column (only when extra columns are allowed). */
  extraIndexes: number[];
}

/** The folded names a header cell may use for `column`. */
function namesOf(column: ColumnSpec): Set<string> {
  const { key, labelZh, labelEn } = column;
  return new Set([key, labelZh, labelEn, `${labelZh}(${labelEn})`, `${labelZh}${labelEn}`].filter((s) => s !== '').map(foldHeader));
}

function foldHeader(text: string): string {
  return foldForMatch(text).replace(/^\*+|\*+$/g, '');
}

/** A lookup from folded header text to the column it names. */
export function headerLookup(columns: readonly ColumnSpec[]): (header: string) => ColumnSpec | undefined {
  const byName = new Map<string, ColumnSpec>();
  for (const column of columns) for (const name of namesOf(column)) if (!byName.has(name)) byName.set(name, column);
  return (header) => byName.get(foldHeader(header));
}

/** Maps a header row; throws DUPLICATE_COLUMNS, MISSING_COLUMNS or UNKNOWN_COLUMNS. */
export function matchHeader(options: { headers: readonly (string | null)[]; columns: readonly ColumnSpec[]; allowExtraColumns: boolean; headerRow: number }): HeaderMatch {
  const { headers, columns, allowExtraColumns, headerRow } = options;
  const lookup = headerLookup(columns);
  const indexByKey = new Map<string, number>();
  const headersByKey = new Map<string, string[]>();
  const unknown: string[] = [];
  const extraIndexes: number[] = [];
  headers.forEach((raw, index) => {
    const header = raw?.trim() ?? '';
    if (header === '') return;
    const column = lookup(header);
    if (!column) {
      unknown.push(header);
      extraIndexes.push(index);
      return;
    }
    headersByKey.set(column.key, [...(headersByKey.get(column.key) ?? []), header]);
    if (!indexByKey.has(column.key)) indexByKey.set(column.key, index);
  });
  for (const column of columns) {
    const named = headersByKey.get(column.key) ?? [];
    if (named.length > 1) throw spreadsheetError('DUPLICATE_COLUMNS', { column: nameOf(column), headers: named, headerRow });
  }
  const missing = columns.filter((c) => c.required && !indexByKey.has(c.key));
  if (missing.length) throw spreadsheetError('MISSING_COLUMNS', { missing: missing.map(nameOf), unknown, headerRow });
  if (unknown.length && !allowExtraColumns) throw spreadsheetError('UNKNOWN_COLUMNS', { unknown, headerRow });
  return { indexByKey, extraIndexes };
}

function nameOf(column: ColumnSpec) {
  return { key: column.key, labelZh: column.labelZh, labelEn: column.labelEn };
}
