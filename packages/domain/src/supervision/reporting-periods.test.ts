import { describe, expect, it } from 'vitest';
import { lastCompletedQuarter, missingReports, previousQuarter, quarterEnd, quarterOf, quartersBetween } from './reporting-periods.ts';

describe('quarters', () => {
  it.each([
    ['2025-01-01', '2025-Q1', '2024-Q4'],
    ['2025-03-31', '2025-Q1', '2024-Q4'],
    ['2025-04-01', '2025-Q2', '2025-Q1'],
    ['2025-12-31', '2025-Q4', '2025-Q3'],
  ])('%s is in %s; the last completed is %s', (day, quarter, last) => {
    expect(quarterOf(day)).toBe(quarter);
    expect(lastCompletedQuarter(day)).toBe(last);
  });
  it('steps and bounds', () => {
    expect(previousQuarter('2025-Q1')).toBe('2024-Q4');
    expect(quarterEnd('2024-Q1')).toBe('2024-03-31');
    expect(quarterEnd('2024-Q4')).toBe('2024-12-31');
    expect(quartersBetween({ from: '2024-Q3', to: '2025-Q2' })).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
    expect(quartersBetween({ from: '2025-Q3', to: '2025-Q2' })).toEqual([]);
    expect(() => previousQuarter('2025-Q5')).toThrow(RangeError);
  });
});

describe('missingReports', () => {
  const reports = [
    { taskCode: '1', period: '2025-Q1', status: 'submitted' as const },
    { taskCode: '2', period: '2025-Q1', status: 'accepted' as const },
    { taskCode: '3', period: '2025-Q1', status: 'returned' as const },
    { taskCode: '4', period: '2024-Q4', status: 'accepted' as const },
    { taskCode: '5', period: '2025-Q1', status: 'draft' as const },
  ];
  it('lists tasks without a submitted or accepted report of the last quarter', () => {
    expect(missingReports({ taskCodes: ['1', '2', '3', '4', '5'], reports, today: '2025-04-15', firstPeriod: '2024-Q2' })).toEqual({
      period: '2025-Q1',
      taskCodes: ['3', '4', '5'],
    });
  });
  it('asks for nothing before the plan’s first quarter', () => {
    expect(missingReports({ taskCodes: ['1'], reports: [], today: '2024-05-01', firstPeriod: '2024-Q2' })).toEqual({ period: '2024-Q1', taskCodes: [] });
  });
});
