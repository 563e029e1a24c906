/**
 * Reporting periods of action-plan supervision: calendar quarters `YYYY-Qn`. A quarter's report is
 * due once the quarter has ended; "the last quarter" on a day is the latest quarter that ended
 * before it (on 2025-04-01 it is 2025-Q1).
 *
 * @example
 * lastCompletedQuarter('2025-04-01') // '2025-Q1'
 */

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isQuarter(period: string): boolean {
  return QUARTER.test(period);
}

/** The quarter containing a business date (YYYY-MM-DD). */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

function parts(period: string): { year: number; q: number } {
  const match = QUARTER.exec(period);
  if (match === null) throw new RangeError(`not a quarter: ${period}`);
  return { year: Number(match[1]), q: Number(match[2]) };
}

export function previousQuarter(period: string): string {
  const { year, q } = parts(period);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The last day of a quarter, YYYY-MM-DD. */
export function quarterEnd(period: string): string {
  const { year, q } = parts(period);
  return ['', `${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`][q]!;
}

/** The latest quarter that ended before `today`. */
export function lastCompletedQuarter(today: string): string {
  return previousQuarter(quarterOf(today));
}

/** Quarters from `from` to `to` inclusive, in order; empty when `from` is after `to`. */
export function quartersBetween(options: { readonly from: string; readonly to: string }): string[] {
  const out: string[] = [];
  let { year, q } = parts(options.from);
  const end = parts(options.to);
  while (year < end.year || (year === end.year && q <= end.q)) {
    out.push(`${year}-Q${q}`);
    q += 1;
    if (q === 5) {
      q = 1;
      year += 1;
    }
  }
  return out;
}

export interface ReportForPeriod {
  readonly taskCode: string;
  readonly period: string;
  readonly status: 'draft' | 'submitted' | 'returned' | 'accepted';
}

/**
 * Which tasks miss the report of the last quarter on `today`: a report counts once it is submitted
 * or accepted (a draft or a returned report is still missing). Nothing is due for a quarter that
 * ended before the plan's first reporting quarter (the quarter it was issued in).
 */
export function missingReports(options: {
  readonly taskCodes: readonly string[];
  readonly reports: readonly ReportForPeriod[];
  readonly today: string;
  readonly firstPeriod: string | null;
}): { period: string; taskCodes: string[] } {
  const period = lastCompletedQuarter(options.today);
  if (options.firstPeriod !== null && quartersBetween({ from: options.firstPeriod, to: period }).length === 0) return { period, taskCodes: [] };
  const reported = new Set(options.reports.filter((r) => r.period === period && (r.status === 'submitted' || r.status === 'accepted')).map((r) => r.taskCode));
  return { period, taskCodes: options.taskCodes.filter((code) => !reported.has(code)) };
}
