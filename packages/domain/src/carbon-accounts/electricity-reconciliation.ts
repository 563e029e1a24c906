/**
 * Reported against utility-metered electricity for one enterprise-month (issue: "when metered and
 * reported electricity differ by more than 2 %, both are kept, the metered value is used and the
 * gap is flagged"). The metered value wins whenever it is present; the gap is
 * (reported − metered) ÷ metered × 100, rounded to 2 decimals at output, and flagged when its exact
 * absolute value exceeds 2 (so a gap of exactly 2 % is not flagged).
 *
 * @example reconcileElectricity({ reportedKwh: '1030', meteredKwh: '1000' }) // { usedKwh: '1000', source: 'utility_metered', gapPercent: '3.00', flagged: true }
 */
import { parseDecimal, roundOut } from './exact-decimal.ts';

export interface ElectricityReconciliation {
  /** The kWh the account uses, as given; null when neither value exists. */
  readonly usedKwh: string | null;
  readonly source: 'utility_metered' | 'reported' | null;
  /** (reported − metered) ÷ metered × 100, 2 decimals; null unless both exist and metered > 0. */
  readonly gapPercent: string | null;
  /** |gap| > 2 %; also true when the meter reads 0 but a positive amount was reported. */
  readonly flagged: boolean;
}

/** Gaps above this many percent are flagged. */
export const electricityGapThresholdPercent = '2';

export function reconcileElectricity(options: { readonly reportedKwh: string | null; readonly meteredKwh: string | null }): ElectricityReconciliation {
  const reported = options.reportedKwh === null || options.reportedKwh === undefined ? null : parseDecimal(options.reportedKwh, 'reportedKwh', { nonNegative: true });
  const metered = options.meteredKwh === null || options.meteredKwh === undefined ? null : parseDecimal(options.meteredKwh, 'meteredKwh', { nonNegative: true });
  if (metered === null) {
    return { usedKwh: reported === null ? null : options.reportedKwh, source: reported === null ? null : 'reported', gapPercent: null, flagged: false };
  }
  if (reported === null) return { usedKwh: options.meteredKwh, source: 'utility_metered', gapPercent: null, flagged: false };
  if (metered.isZero()) {
    // No percentage against a zero reading; any reported consumption is a gap worth a look.
    return { usedKwh: options.meteredKwh, source: 'utility_metered', gapPercent: reported.isZero() ? '0.00' : null, flagged: !reported.isZero() };
  }
  const gap = reported.minus(metered).times(100).dividedBy(metered);
  return { usedKwh: options.meteredKwh, source: 'utility_metered', gapPercent: roundOut(gap, 2), flagged: gap.abs().greaterThan(electricityGapThresholdPercent) };
}
