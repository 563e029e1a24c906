/**
 * One cell, as read from csv or xlsx, turned into the string its column's kind promises — or into
 * a row error code. Values are strings throughout: a decimal stays the digits the user typed
 * (`'1234.50'`), never a JS float.
 *
 * Why the rules are as they are:
 * - Excel keeps 15 significant digits and shows long numbers as `9.1370883E+17`. A code column
 *   (credit code, 户号) that arrives as a number, or as text in scientific notation, has already
 *   lost digits: it is refused, with a message that says how to fix it (format the column as Text).
 * - A numeric xlsx cell is a double. Its shortest round-trip form (`String(n)`) is what was typed;
 *   a formula result may carry float noise past 15 significant digits (`0.30000000000000004`),
 *   which Excel itself never shows, so it is rounded to 15 — unless the digits before the point
 *   already exceed 15, which is lost precision (`NUMBER_PRECISION_LOST`).
 * - Full-width characters (１２３．５, ２０２４－０１) are folded to ASCII in every kind but text:
 *   Chinese input methods produce them.
 * - A leading apostrophe before `= + - @` is the writers' formula neutralisation and is removed,
 *   so an export re-imports unchanged.
 *
 * @example
 * normaliseCell({ column: { key: 'kwh', labelZh: '用电量', labelEn: 'kWh', kind: 'decimal', maxDecimals: 2 }, cell: { type: 'text', text: '１,２３４.５' }, maxCellLength: 1000 })
 * // { ok: true, value: '1234.5' }
 */
import type { ColumnSpec } from './column-spec.ts';
import type { RowErrorCode, RowErrorParams } from './spreadsheet-error.ts';

/** A cell as the sources give it: csv cells are always text; xlsx cells carry their type. */
export type RawCell =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  /** Excel's wall-clock date and time, in the Date's UTC fields (no time zone applies). */
  | { type: 'date'; value: Date }
  | { type: 'error'; text?: string }
  | { type: 'formula-without-result' };

export type CellProblem = { [C in RowErrorCode]: { code: C; params: RowErrorParams[C] } }[RowErrorCode];

export type NormalisedCell = { ok: true; value: string | null } | ({ ok: false } & CellProblem);

const fail = <C extends RowErrorCode>(code: C, params: RowErrorParams[C]) => ({ ok: false as const, code, params }) as { ok: false } & CellProblem;
const none = {} as Record<string, never>;

export function normaliseCell(options: { column: ColumnSpec; cell: RawCell; maxCellLength: number }): NormalisedCell {
  const { column, cell, maxCellLength } = options;
  switch (cell.type) {
    case 'empty':
      return column.required ? fail('REQUIRED', none) : { ok: true, value: null };
    case 'error':
      return fail('CELL_ERROR', none);
    case 'formula-without-result':
      return fail('FORMULA_NO_RESULT', none);
    case 'text': {
      const text = unneutralise(cell.text.trim());
      if (text === '') return column.required ? fail('REQUIRED', none) : { ok: true, value: null };
      if (text.length > maxCellLength) return fail('CELL_TOO_LONG', { limit: maxCellLength });
      return fromText(column, text);
    }
    case 'number':
      return fromNumber(column, cell.value);
    case 'boolean':
      return fromBoolean(column, cell.value);
    case 'date':
      return fromDate(column, cell.value);
  }
}

function fromText(column: ColumnSpec, text: string): NormalisedCell {
  switch (column.kind) {
    case 'text':
      return { ok: true, value: text };
    case 'code': {
      const code = toHalfWidth(text);
      if (SCIENTIFIC.test(code)) return fail('CODE_IN_SCIENTIFIC_NOTATION', none);
      return { ok: true, value: code };
    }
    case 'decimal':
    case 'integer':
      return parseDecimalText(column, toHalfWidth(text));
    case 'date':
      return parseDateText(toHalfWidth(text));
    case 'month':
      return parseMonthText(toHalfWidth(text));
    case 'enum':
      return matchEnum(column, text);
  }
}

function fromNumber(column: ColumnSpec, n: number): NormalisedCell {
  if (!Number.isFinite(n)) return fail('CELL_ERROR', none);
  switch (column.kind) {
    case 'code':
      return fail('CODE_NOT_TEXT', none);
    case 'text':
      return { ok: true, value: String(n) };
    case 'enum':
      return matchEnum(column, String(n));
    case 'date':
      return fail('INVALID_DATE', none);
    case 'month':
      return fail('INVALID_MONTH', none);
    case 'decimal':
    case 'integer': {
      const plain = plainNumber(n);
      if (!plain.ok) return plain;
      return parseDecimalText(column, plain.value);
    }
  }
}

function fromBoolean(column: ColumnSpec, b: boolean): NormalisedCell {
  const text = b ? 'TRUE' : 'FALSE';
  switch (column.kind) {
    case 'text':
      return { ok: true, value: text };
    case 'enum':
      return matchEnum(column, text);
    case 'code':
      return fail('CODE_NOT_TEXT', none);
    case 'decimal':
      return fail('INVALID_DECIMAL', none);
    case 'integer':
      return fail('INVALID_INTEGER', none);
    case 'date':
      return fail('INVALID_DATE', none);
    case 'month':
      return fail('INVALID_MONTH', none);
  }
}

function fromDate(column: ColumnSpec, d: Date): NormalisedCell {
  if (Number.isNaN(d.getTime())) return fail(column.kind === 'month' ? 'INVALID_MONTH' : 'INVALID_DATE', none);
  const day = isoDate(d);
  switch (column.kind) {
    case 'date':
      return { ok: true, value: day };
    case 'month':
      // Excel stores a typed "2024-01" as the date 2024-01-01: any day of the month names the month.
      return { ok: true, value: day.slice(0, 7) };
    case 'text': {
      const time = d.toISOString().slice(11, 19);
      return { ok: true, value: time === '00:00:00' ? day : `${day} ${time}` };
    }
    case 'code':
      return fail('CODE_NOT_TEXT', none);
    case 'decimal':
      return fail('INVALID_DECIMAL', none);
    case 'integer':
      return fail('INVALID_INTEGER', none);
    case 'enum':
      return matchEnum(column, day);
  }
}

/** `1.5e3`, `9.1370883E+17`, `.5E-2`: what Excel shows for a long number. */
const SCIENTIFIC = /^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/;
/** Optional sign, digits with optional well-formed `,` grouping (1,234,567), optional fraction. */
const DECIMAL = /^([+-])?(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d+))?$/;

/** `'1,234.50'` → `'1234.50'`; refuses exponents, bad grouping and too many places. Exported for tests. */
export function parseDecimalText(column: Pick<ColumnSpec, 'kind' | 'maxDecimals'>, text: string): NormalisedCell {
  const invalid = column.kind === 'integer' ? 'INVALID_INTEGER' : 'INVALID_DECIMAL';
  if (SCIENTIFIC.test(text)) return fail('NUMBER_IN_SCIENTIFIC_NOTATION', none);
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) return fail(invalid, none);
  const negative = match[1] === '-';
  const whole = (match[2] ?? '0').replaceAll(',', '').replace(/^0+(?=\d)/, '');
  let fraction = match[3] ?? '';
  const maxDecimals = column.kind === 'integer' ? 0 : column.maxDecimals;
  if (maxDecimals !== undefined && fraction.length > maxDecimals) {
    // Zeros past the limit carry no value (Excel pads to its display format): drop them.
    if (!/^0*$/.test(fraction.slice(maxDecimals))) return column.kind === 'integer' ? fail('INVALID_INTEGER', none) : fail('TOO_MANY_DECIMALS', { maxDecimals });
    fraction = fraction.slice(0, maxDecimals);
  }
  const isZero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  const sign = negative && !isZero ? '-' : '';
  return { ok: true, value: `${sign}${whole}${fraction ? `.${fraction}` : ''}` };
}

/**
 * A double as the decimal the user meant: its shortest round-trip form, with float noise past
 * Excel's 15 significant digits rounded away. Exported for tests.
 */
export function plainNumber(n: number): { ok: true; value: string } | ({ ok: false } & CellProblem) {
  const text = String(n);
  if (/e/i.test(text)) return fail('NUMBER_IN_SCIENTIFIC_NOTATION', none);
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  const wholeDigits = whole.replace(/^0+/, '');
  // The significant digits of a whole number stop at its trailing zeros (1,230,000 has 3).
  if ((fraction === '' ? wholeDigits.replace(/0+$/, '') : wholeDigits).length > 15) return fail('NUMBER_PRECISION_LOST', none);
  if ((wholeDigits + fraction).replace(/^0+/, '').length <= 15) return { ok: true, value: text };
  const rounded = String(Number(n.toPrecision(15)));
  return /e/i.test(rounded) ? fail('NUMBER_IN_SCIENTIFIC_NOTATION', none) : { ok: true, value: rounded };
}

const DATE_TEXT = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DATE_TEXT_ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** `2024-1-5`, `2024/01/05`, `2024.1.5`, `2024年1月5日` (a midnight time is tolerated) → `2024-01-05`. */
function parseDateText(text: string): NormalisedCell {
  let y: string, m: string, d: string;
  const western = DATE_TEXT.exec(text);
  const chinese = western ? null : DATE_TEXT_ZH.exec(text);
  if (western) {
    [, y = '', , m = '', d = ''] = western;
    const [hh, mm, ss] = [western[5], western[6], western[7]];
    if ((hh !== undefined && Number(hh) !== 0) || (mm !== undefined && Number(mm) !== 0) || (ss !== undefined && Number(ss) !== 0)) return fail('INVALID_DATE', none);
  } else if (chinese) {
    [, y = '', m = '', d = ''] = chinese;
  } else {
    return fail('INVALID_DATE', none);
  }
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return fail('INVALID_DATE', none);
  return { ok: true, value: isoDate(date) };
}

const MONTH_TEXT = /^(\d{4})(?:([-/.])(\d{1,2})|年(\d{1,2})月)$/;

/** `2024-01`, `2024/1`, `2024.1`, `2024年1月` → `2024-01`. */
function parseMonthText(text: string): NormalisedCell {
  const match = MONTH_TEXT.exec(text);
  if (!match) return fail('INVALID_MONTH', none);
  const month = Number(match[3] ?? match[4]);
  if (!(month >= 1 && month <= 12)) return fail('INVALID_MONTH', none);
  return { ok: true, value: `${match[1]}-${String(month).padStart(2, '0')}` };
}

function matchEnum(column: ColumnSpec, text: string): NormalisedCell {
  const wanted = foldForMatch(text);
  for (const key of column.values ?? []) {
    const labels = column.valueLabels?.[key];
    if ([key, labels?.zh, labels?.en].some((candidate) => candidate !== undefined && foldForMatch(candidate) === wanted)) return { ok: true, value: key };
  }
  return fail('INVALID_ENUM', { allowed: (column.values ?? []).map((key) => column.valueLabels?.[key]?.zh ?? key) });
}

/** Case-, width- and space-insensitive form for matching labels. */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space to their ASCII forms; nothing else changes. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The writers prefix `'` to text starting with a formula trigger; reading removes exactly that prefix. */
function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
