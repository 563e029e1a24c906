import { describe, expect, it } from 'vitest';
import {
  businessToday,
  trimDecimal,
  locateExcerpt,
  describePeriod,
  previousQuarter,
  quarterOf,
  reportPeriods,
  sparklinePoints,
  statusByGroupOption,
  statusColours,
  taskStatusOrder,
} from './supervision-format.ts';

describe('supervision formatting', () => {
  it.each([
    ['2025-01-01', '2025-Q1'],
    ['2025-03-31', '2025-Q1'],
    ['2025-04-01', '2025-Q2'],
    ['2025-09-30', '2025-Q3'],
    ['2026-12-31', '2026-Q4'],
  ])('%s is in %s', (date, quarter) => expect(quarterOf(date)).toBe(quarter));

  it('refuses what is not a date or a quarter', () => {
    expect(() => quarterOf('2025-13-01')).toThrow();
    expect(() => previousQuarter('2025-Q5')).toThrow();
  });

  it('steps back over the year end', () => {
    expect(previousQuarter('2025-Q1')).toBe('2024-Q4');
    expect(previousQuarter('2025-Q3')).toBe('2025-Q2');
    expect(reportPeriods('2025-02-10', 3)).toEqual(['2025-Q1', '2024-Q4', '2024-Q3']);
  });

  it('business today is the date in Asia/Shanghai', () => {
    expect(businessToday(new Date('2025-03-31T16:30:00Z'))).toBe('2025-04-01');
    expect(businessToday(new Date('2025-03-31T15:59:00Z'))).toBe('2025-03-31');
  });

  it('targets lose trailing zeros only after a point', () => {
    expect(['60.000000', '12.50', '100', '0.000000', '-1.250'].map(trimDecimal)).toEqual(['60', '12.5', '100', '0', '-1.25']);
  });

  it('finds a paragraph in the full text whatever its line breaks', () => {
    const text = '一、总体要求\n\n7. 积极参与碳交易市场。按照省部署要求，指导相关行业重\n\n点排放单位编制碳排放报告。\n8. 下一项';
    const excerpt = '7. 积极参与碳交易市场。按照省部署要求，指导相关行业重点排放单位编制碳排放报告。';
    const found = locateExcerpt({ text, excerpt })!;
    expect(text.slice(found.start, found.end).replace(/\s+/g, '')).toBe(excerpt.replace(/\s+/g, ''));
    expect(text.slice(found.end)).toBe('\n8. 下一项');
    expect(locateExcerpt({ text, excerpt: '不在全文中' })).toBeNull();
    expect(locateExcerpt({ text, excerpt: '  ' })).toBeNull();
  });

  it('periods read in both languages', () => {
    expect(describePeriod('2025-Q1', 'zh-CN')).toBe('2025年第1季度');
    expect(describePeriod('2025-Q1', 'en')).toBe('Q1 2025');
    expect(describePeriod('odd', 'en')).toBe('odd');
  });

  it('every status has its own colour; overdue is red', () => {
    expect(new Set(taskStatusOrder.map((s) => statusColours[s].hex)).size).toBe(5);
    expect(statusColours.overdue.tag).toBe('red');
    expect(statusColours.not_started.tag).toBe('default');
  });

  it('the status chart stacks one series per status over the groups', () => {
    const counts = (n: number) => ({ not_started: n, on_track: 1, at_risk: 0, overdue: 2, done: 0 });
    const option = statusByGroupOption({
      groups: [
        { name: 'A', order: 1, counts: counts(3), tasks: [] },
        { name: 'B', order: 2, counts: counts(1), tasks: [] },
      ],
      statusName: (s) => s,
    }) as { series: { name: string; data: number[]; itemStyle: { color: string } }[]; yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['A', 'B']);
    expect(option.series.map((s) => s.name)).toEqual([...taskStatusOrder]);
    expect(option.series[0]!.data).toEqual([3, 1]);
    expect(option.series.find((s) => s.name === 'overdue')!.itemStyle.color).toBe('#cf1322');
  });

  it('a trend needs two numbers; the highest value is at the top', () => {
    expect(sparklinePoints(['5'], 60, 20)).toBeNull();
    expect(sparklinePoints(['x', '3'], 60, 20)).toBeNull();
    expect(sparklinePoints(['1', '3'], 60, 20)).toBe('2.0,18.0 58.0,2.0');
    expect(sparklinePoints(['2', '2', '2'], 60, 20)).toBe('2.0,18.0 30.0,18.0 58.0,18.0');
  });
});
