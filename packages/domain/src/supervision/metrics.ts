/**
 * Arithmetic of the computed indicators of action-plan supervision; the counts come from the
 * database (the supervision repository), the figures are made here. Exact decimals throughout.
 *
 * @example
 * labelledSharePercent({ labelled: 1, total: 3 }) // '33.33'
 */
import { Decimal } from 'decimal.js';

const Exact = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });

/** labelled ÷ total × 100, rounded half up to `places` decimals (2 by default); null when total is 0. */
export function labelledSharePercent(options: { readonly labelled: number; readonly total: number; readonly places?: number }): string | null {
  if (!Number.isInteger(options.labelled) || !Number.isInteger(options.total) || options.labelled < 0 || options.total < 0) {
    throw new RangeError('counts must be non-negative integers');
  }
  if (options.labelled > options.total) throw new RangeError('labelled cannot exceed total');
  if (options.total === 0) return null;
  return new Exact(options.labelled)
    .times(100)
    .dividedBy(options.total)
    .toFixed(options.places ?? 2, Decimal.ROUND_HALF_UP);
}

export const labelColours = ['green', 'yellow', 'orange', 'red'] as const;
export type LabelColourKey = (typeof labelColours)[number];

/** Counts of labels per colour (every colour present, zero when none) and their total. */
export function countByColour(colours: readonly string[]): { counts: Record<LabelColourKey, number>; total: number } {
  const counts: Record<LabelColourKey, number> = { green: 0, yellow: 0, orange: 0, red: 0 };
  for (const colour of colours) {
    if (!(labelColours as readonly string[]).includes(colour)) throw new RangeError(`unknown label colour ${colour}`);
    counts[colour as LabelColourKey] += 1;
  }
  return { counts, total: colours.length };
}

/** Whether a computed or entered value is ahead of its target; null without a target or value. */
export function meetsTarget(options: { readonly value: string | null; readonly target: string | null }): boolean | null {
  if (options.value === null || options.target === null) return null;
  return new Exact(options.value).greaterThanOrEqualTo(options.target);
}
