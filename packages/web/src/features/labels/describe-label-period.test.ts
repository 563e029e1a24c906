import { describe, expect, it } from 'vitest';
import { describeLabelPeriod, monthsBefore } from './describe-label-period.ts';

describe('describeLabelPeriod', () => {
  it('names an official label’s year', () => {
    expect(describeLabelPeriod('2024', 'zh-CN')).toBe('2024 年度');
    expect(describeLabelPeriod('2024', 'en')).toBe('Year 2024');
  });

  it('spells out the rolling 12 months of a monitoring label, across a year end', () => {
    expect(describeLabelPeriod('2024-12R12', 'zh-CN')).toBe('2024-01 至 2024-12（滚动 12 个月）');
    expect(describeLabelPeriod('2025-01R12', 'en')).toBe('2024-02 to 2025-01 (rolling 12 months)');
  });

  it('leaves other periods as they are', () => {
    expect(describeLabelPeriod('2024-Q2', 'zh-CN')).toBe('2024-Q2');
    expect(monthsBefore('2024-03', 3)).toBe('2023-12');
  });
});
