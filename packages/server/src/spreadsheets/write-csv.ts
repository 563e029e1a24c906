/**
 * `writeCsv`: rows as CSV that Excel on Chinese Windows opens correctly — UTF-8 with a BOM (without
 * it Excel assumes GBK and garbles the Chinese), CRLF line ends, RFC 4180 quoting, and the same
 * formula neutralisation and header labels as the xlsx writer, so the file re-imports with
 * `readSheet`. Codes are written as plain text: prefer xlsx for files with long numeric codes,
 * which Excel turns into numbers when it opens a CSV.
 *
 * @example
 * const bytes = writeCsv({ columns, rows: [{ uscc: '91370883MA3CXXXX1X', month: '2024-01', electricityKwh: '1234.5' }] });
 */
import { headerLabel } from './column-spec.ts';
import { outputCell, type OutputColumn, type OutputValue } from './output-cell.ts';

export function writeCsv(options: { columns: readonly OutputColumn[]; rows: readonly Readonly<Record<string, OutputValue>>[] }): Uint8Array {
  const { columns, rows } = options;
  const lines = [columns.map((column) => quote(headerLabel(column)))];
  for (const row of rows) lines.push(columns.map((column) => quote(outputCell({ column, value: row[column.key] }).text)));
  return new TextEncoder().encode(`\ufeff${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`);
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
