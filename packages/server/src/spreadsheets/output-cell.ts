/**
 * How one value of an export is written, shared by the xlsx and csv writers.
 *
 * - Formula injection: text that starts with `=`, `+`, `-`, `@`, a tab or a CR could run as a
 *   formula when the file is opened (or re-saved and opened as csv), so it gets a leading `'`
 *   (OWASP "CSV injection"). A plain number in a decimal or integer column is not text and keeps
 *   its minus sign. The reader removes exactly this prefix again.
 * - Decimals are written as numbers only when a double holds them exactly and Excel can show all
 *   their digits (≤ 15 significant); otherwise as text, so no digit is lost. The number format
 *   shows every decimal the value has, padded to `maxDecimals`.
 * - Dates and months are written as real Excel dates (UTC midnight, so no time zone shifts them).
 * - Enum keys are written as their Chinese label, which the reader maps back to the key.
 *
 * @example
 * outputCell({ column: { key: 'kwh', labelZh: '用电量', labelEn: 'kWh', kind: 'decimal', maxDecimals: 2 }, value: '1234.5' })
 * // { type: 'number', value: 1234.5, numFmt: '0.00', text: '1234.5' }
 */
import { enumDisplayValue, type ColumnSpec } from './column-spec.ts';

/** A column of an export: the `ColumnSpec` fields a writer uses. */
export type OutputColumn = Pick<ColumnSpec, 'key' | 'labelZh' | 'labelEn' | 'kind'> & Partial<Omit<ColumnSpec, 'key' | 'labelZh' | 'labelEn' | 'kind'>>;

export type OutputValue = string | number | null | undefined;

/** `text` is the cell as csv writes it. */
export type OutputCell =
  | { type: 'empty'; text: '' }
  | { type: 'number'; value: number; numFmt: string; text: string }
  | { type: 'date'; value: Date; numFmt: string; text: string }
  | { type: 'text'; text: string };

/** Text that a spreadsheet program may evaluate as a formula, with a `'` in front. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export function outputCell(options: { column: OutputColumn; value: OutputValue }): OutputCell {
  const { column, value } = options;
  if (value === null || value === undefined || value === '') return { type: 'empty', text: '' };
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`spreadsheets: column "${column.key}" has a non-finite number`);
  switch (column.kind) {
    case 'decimal':
    case 'integer': {
      const text = typeof value === 'number' ? plainDecimal(value) : value.trim();
      if (!PLAIN_DECIMAL.test(text)) return { type: 'text', text: neutraliseFormula(text) };
      const n = Number(text);
      const decimals = text.split('.')[1]?.length ?? 0;
      const exact = sameDecimal(String(n), text) && significantDigits(text) <= 15 && (column.kind === 'decimal' || Number.isSafeInteger(n));
      if (!exact) return { type: 'text', text };
      const places = column.kind === 'integer' ? 0 : Math.max(decimals, column.maxDecimals ?? 0);
      return { type: 'number', value: n, numFmt: places === 0 ? '0' : `0.${'0'.repeat(places)}`, text };
    }
    case 'date':
    case 'month': {
      const text = String(value).trim();
      const match = column.kind === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : /^(\d{4})-(\d{2})$/.exec(text);
      if (match) {
        const [y, m, d = '01'] = [Number(match[1]), Number(match[2]), match[3]];
        const date = new Date(Date.UTC(y, m - 1, Number(d)));
        if (date.getUTCMonth() === m - 1 && date.getUTCDate() === Number(d)) return { type: 'date', value: date, numFmt: column.kind === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm', text };
      }
      return { type: 'text', text: neutraliseFormula(text) };
    }
    case 'enum':
      return { type: 'text', text: neutraliseFormula(enumDisplayValue(column, String(value))) };
    case 'code':
    case 'text':
      return { type: 'text', text: neutraliseFormula(typeof value === 'number' ? plainDecimal(value) : value) };
  }
}

/** A finite double in positional notation, exactly as its shortest round-trip form says (1e21 → '1000000000000000000000'). */
export function plainDecimal(n: number): string {
  const text = String(n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', lead = '', rest = '', exp = '0'] = match;
  const digits = lead + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Whether two plain decimal strings name the same number (leading/trailing zeros aside). */
function sameDecimal(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

function canonical(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${w}${f ? `.${f}` : ''}`;
}

function significantDigits(text: string): number {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  // Trailing zeros of a whole number are not significant (1,230,000 has 3): Excel shows them anyway.
  return (text.includes('.') ? digits : digits.replace(/0+$/, '')).length;
}
