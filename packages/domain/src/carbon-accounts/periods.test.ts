import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPeriodKey, monthsBetween, parsePeriod, PeriodError, periodsContaining, previousYearPeriod } from './periods.ts';

function periodError(run: () => unknown): PeriodError {
  try {
    run();
  } catch (error) {
    if (error instanceof PeriodError) return error;
    throw error;
  }
  throw new Error('expected a PeriodError');
}

/** A month within 2000-01 … 2100-12. */
const anyMonth = fc
  .record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

describe('parsePeriod', () => {
  it.each([
    { key: '2024-03', type: 'month', first: '2024-03', last: '2024-03', count: 1 },
    { key: '2024-Q1', type: 'quarter', first: '2024-01', last: '2024-03', count: 3 },
    { key: '2024-Q4', type: 'quarter', first: '2024-10', last: '2024-12', count: 3 },
    { key: '2024', type: 'year', first: '2024-01', last: '2024-12', count: 12 },
    { key: '2024-03R12', type: 'rolling12', first: '2023-04', last: '2024-03', count: 12 },
    { key: '2024-12R12', type: 'rolling12', first: '2024-01', last: '2024-12', count: 12 },
    { key: '2000-12R12', type: 'rolling12', first: '2000-01', last: '2000-12', count: 12 },
    { key: '2100-12', type: 'month', first: '2100-12', last: '2100-12', count: 1 },
  ])('$key is a $type of $count months $first … $last', ({ key, type, first, last, count }) => {
    const period = parsePeriod(key);
    expect(period.type).toBe(type);
    expect(period.key).toBe(key);
    expect(period.months.length).toBe(count);
    expect(period.months[0]).toBe(first);
    expect(period.months.at(-1)).toBe(last);
    expect([...period.months].sort()).toEqual(period.months);
  });

  it.each([
    '2024-13',
    '2024-00',
    '1999',
    '2101',
    '1999-12',
    '2101-01',
    '2024-Q5',
    '2024-Q0',
    '2024-3',
    ' 2024',
    '2024 ',
    '2024-03r12',
    '2024-03R11',
    '2000-11R12',
    '',
    '2024-02-01',
    '24-03',
    '２０２４',
  ])('refuses %j with INVALID_PERIOD', (key) => {
    expect(periodError(() => parsePeriod(key)).code).toBe('INVALID_PERIOD');
    expect(isPeriodKey(key)).toBe(false);
  });

  it('refuses a non-string key', () => {
    expect(periodError(() => parsePeriod(2024 as unknown as string)).code).toBe('INVALID_PERIOD');
  });
});

describe('periodsContaining', () => {
  it('lists the month, its quarter, its year and the 12 rolling periods that end with it … 11 months later', () => {
    expect(periodsContaining('2024-03')).toEqual([
      '2024-03',
      '2024-Q1',
      '2024',
      '2024-03R12',
      '2024-04R12',
      '2024-05R12',
      '2024-06R12',
      '2024-07R12',
      '2024-08R12',
      '2024-09R12',
      '2024-10R12',
      '2024-11R12',
      '2024-12R12',
      '2025-01R12',
      '2025-02R12',
    ]);
  });

  it('leaves out rolling periods that would start before 2000-01 or end after 2100-12', () => {
    expect(periodsContaining('2000-01').filter((k) => k.endsWith('R12'))).toEqual(['2000-12R12']);
    expect(periodsContaining('2100-10').filter((k) => k.endsWith('R12'))).toEqual(['2100-10R12', '2100-11R12', '2100-12R12']);
    expect(periodsContaining('2100-12').slice(0, 3)).toEqual(['2100-12', '2100-Q4', '2100']);
  });

  it('refuses what is not a month', () => {
    expect(periodError(() => periodsContaining('2024')).code).toBe('INVALID_PERIOD');
    expect(periodError(() => periodsContaining('2024-Q1')).code).toBe('INVALID_PERIOD');
  });

  it('property: every listed period contains the month, and a rolling period is listed exactly when it contains the month', () => {
    fc.assert(
      fc.property(anyMonth, anyMonth, (month, end) => {
        const listed = periodsContaining(month);
        for (const key of listed) expect(parsePeriod(key).months).toContain(month);
        expect(new Set(listed).size).toBe(listed.length);
        const rolling = `${end}R12`;
        if (isPeriodKey(rolling)) expect(listed.includes(rolling)).toBe(parsePeriod(rolling).months.includes(month));
      }),
    );
  });
});

describe('previousYearPeriod', () => {
  it.each([
    ['2024-03', '2023-03'],
    ['2024-Q1', '2023-Q1'],
    ['2024', '2023'],
    ['2024-03R12', '2023-03R12'],
    ['2001-12R12', '2000-12R12'],
    ['2000-05', null],
    ['2000', null],
    ['2001-11R12', null],
  ])('%s → %s', (key, expected) => {
    if (expected === null) expect(periodError(() => previousYearPeriod(key)).code).toBe('INVALID_PERIOD');
    else expect(previousYearPeriod(key)).toBe(expected);
  });
});

describe('monthsBetween', () => {
  it('lists the months from … to, both included, positionally or with an options object', () => {
    expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsBetween({ from: '2024-05', to: '2024-05' })).toEqual(['2024-05']);
    expect(monthsBetween('2023-01', '2024-12')).toHaveLength(24);
  });

  it('refuses a reversed range and bad months', () => {
    expect(periodError(() => monthsBetween('2024-02', '2024-01')).code).toBe('INVALID_RANGE');
    expect(periodError(() => monthsBetween('2024-13', '2025-01')).code).toBe('INVALID_PERIOD');
    expect(periodError(() => monthsBetween('2024', '2025-01')).code).toBe('INVALID_PERIOD');
  });

  it('property: a year is the months from January to December, and counts add up', () => {
    fc.assert(
      fc.property(anyMonth, anyMonth, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const months = monthsBetween(from, to);
        const span = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;
        expect(months.length).toBe(span);
        expect(months[0]).toBe(from);
        expect(months.at(-1)).toBe(to);
        expect(monthsBetween(`${from.slice(0, 4)}-01`, `${from.slice(0, 4)}-12`)).toEqual(parsePeriod(from.slice(0, 4)).months);
      }),
    );
  });
});
