/**
 * A label's period as people read it: an official label's year, or the rolling 12 months of a
 * monitoring label (`2024-12R12` = January to December 2024).
 *
 * @example
 * describeLabelPeriod('2025-01R12', 'zh-CN') // '2024-02 至 2025-01（滚动 12 个月）'
 */
import type { WebLanguage } from '../../app/i18n.ts';

/** The month `count` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function describeLabelPeriod(period: string, language: WebLanguage): string {
  if (/^\d{4}$/.test(period)) return language === 'en' ? `Year ${period}` : `${period} 年度`;
  const rolling = /^(\d{4}-\d{2})R12$/.exec(period);
  if (rolling) {
    const to = rolling[1]!;
    const from = monthsBefore(to, 11);
    return language === 'en' ? `${from} to ${to} (rolling 12 months)` : `${from} 至 ${to}（滚动 12 个月）`;
  }
  return period;
}
