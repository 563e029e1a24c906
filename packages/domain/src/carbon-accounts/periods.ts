/**
 * Carbon-account periods. Four types, each a set of calendar months (YYYY-MM):
 * - `month` `2024-03`;
 * - `quarter` `2024-Q1` (January–March);
 * - `year` `2024` (the official label period);
 * - `rolling12` `2024-03R12`: the 12 months ending with 2024-03, i.e. 2023-04 … 2024-03 (monitoring).
 *
 * Every month of a valid period lies in 2000-01 … 2100-12, so the earliest rolling12 key is
 * `2000-12R12`. Pure string arithmetic: no clock, no time zone.
 *
 * @example parsePeriod('2024-Q1').months // ['2024-01', '2024-02', '2024-03']
 */

export type PeriodType = 'month' | 'quarter' | 'year' | 'rolling12';
export const periodTypes: readonly PeriodType[] = ['month', 'quarter', 'year', 'rolling12'];

export interface Period {
  readonly type: PeriodType;
  readonly key: string;
  /** YYYY-MM, ascending. */
  readonly months: readonly string[];
}

/** `INVALID_PERIOD`: a malformed or out-of-range key or month; `INVALID_RANGE`: `from` after `to`. */
export type PeriodErrorCode = 'INVALID_PERIOD' | 'INVALID_RANGE';

export class PeriodError extends Error {
  override readonly name = 'PeriodError';
  readonly code: PeriodErrorCode;

  constructor(options: { readonly code: PeriodErrorCode; readonly message: string }) {
    super(options.message);
    this.code = options.code;
  }
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** Months since 0000-01 (an index that makes month arithmetic plain integer arithmetic). */
function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

const FIRST = monthIndex(MIN_YEAR, 1);
const LAST = monthIndex(MAX_YEAR, 12);

function invalid(key: unknown, why: string): PeriodError {
  return new PeriodError({ code: 'INVALID_PERIOD', message: `invalid period ${JSON.stringify(key)}: ${why}` });
}

function range(first: number, last: number): string[] {
  const months: string[] = [];
  for (let i = first; i <= last; i += 1) months.push(monthKey(i));
  return months;
}

function checkYear(key: string, year: number): void {
  if (year < MIN_YEAR || year > MAX_YEAR) throw invalid(key, `year must be within ${MIN_YEAR}–${MAX_YEAR}`);
}

function checkMonth(key: string, month: number): void {
  if (month < 1 || month > 12) throw invalid(key, 'month must be 01–12');
}

/** Parses a period key; throws PeriodError `INVALID_PERIOD` for anything else (including surrounding spaces). */
export function parsePeriod(key: string): Period {
  if (typeof key !== 'string') throw invalid(key, 'must be a string');
  let match = /^(\d{4})-(\d{2})$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    checkYear(key, year);
    checkMonth(key, month);
    return { type: 'month', key, months: [key] };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    checkYear(key, year);
    const first = monthIndex(year, (Number(match[2]) - 1) * 3 + 1);
    return { type: 'quarter', key, months: range(first, first + 2) };
  }
  match = /^(\d{4})$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    checkYear(key, year);
    return { type: 'year', key, months: range(monthIndex(year, 1), monthIndex(year, 12)) };
  }
  match = /^(\d{4})-(\d{2})R12$/.exec(key);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    checkYear(key, year);
    checkMonth(key, month);
    const last = monthIndex(year, month);
    if (last - 11 < FIRST) throw invalid(key, `a rolling 12-month period must start in ${monthKey(FIRST)} or later`);
    return { type: 'rolling12', key, months: range(last - 11, last) };
  }
  throw invalid(key, 'expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MMR12');
}

/** True when `parsePeriod` accepts the key. */
export function isPeriodKey(key: string): boolean {
  try {
    parsePeriod(key);
    return true;
  } catch (error) {
    if (error instanceof PeriodError) return false;
    throw error;
  }
}

function parseMonth(month: string): number {
  const period = parsePeriod(month);
  if (period.type !== 'month') throw invalid(month, 'expected a month YYYY-MM');
  return monthIndex(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

/**
 * The periods whose figures change when `month`'s data change, to recompute: the month, its
 * quarter, its year and the 12 rolling12 periods ending with month … month + 11 (those ending
 * after 2100-12 do not exist and are left out).
 *
 * @example periodsContaining('2024-03').slice(0, 4) // ['2024-03', '2024-Q1', '2024', '2024-03R12']
 */
export function periodsContaining(month: string): string[] {
  const index = parseMonth(month);
  const year = Math.floor(index / 12);
  const quarter = Math.floor((index % 12) / 3) + 1;
  const keys = [month, `${year}-Q${quarter}`, String(year)];
  for (let end = index; end <= Math.min(index + 11, LAST); end += 1) {
    if (end - 11 >= FIRST) keys.push(`${monthKey(end)}R12`);
  }
  return keys;
}

/**
 * The same period one year earlier, for year-on-year comparison: `2024-03` → `2023-03`,
 * `2024-Q1` → `2023-Q1`, `2024` → `2023`, `2024-03R12` → `2023-03R12`. Throws `INVALID_PERIOD`
 * when that period would start before 2000-01.
 */
export function previousYearPeriod(key: string): string {
  const period = parsePeriod(key);
  const year = String(Number(key.slice(0, 4)) - 1).padStart(4, '0');
  const previous = `${year}${key.slice(4)}`;
  try {
    parsePeriod(previous);
  } catch (error) {
    if (error instanceof PeriodError) throw invalid(key, `no ${period.type} period one year earlier (${previous})`);
    throw error;
  }
  return previous;
}

/**
 * The months from `from` to `to`, both included, ascending; throws `INVALID_RANGE` when `from`
 * is after `to`. Accepts positional arguments or one options object.
 *
 * @example monthsBetween('2023-11', '2024-02') // ['2023-11', '2023-12', '2024-01', '2024-02']
 */
export function monthsBetween(from: string, to: string): string[];
export function monthsBetween(options: { readonly from: string; readonly to: string }): string[];
export function monthsBetween(fromOrOptions: string | { readonly from: string; readonly to: string }, maybeTo?: string): string[] {
  const { from, to } = typeof fromOrOptions === 'string' ? { from: fromOrOptions, to: maybeTo ?? '' } : fromOrOptions;
  const first = parseMonth(from);
  const last = parseMonth(to);
  if (first > last) throw new PeriodError({ code: 'INVALID_RANGE', message: `month range ${from} … ${to}: from is after to` });
  return range(first, last);
}
