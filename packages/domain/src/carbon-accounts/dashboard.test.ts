import { describe, expect, it } from 'vitest';
import {
  colourChanges,
  colourConflicts,
  colourDistribution,
  colourTotals,
  completenessByArea,
  dashboardEnterprises,
  emissionTrend,
  monthsExpectedIn,
  type DashboardEnterpriseRow,
} from './dashboard.ts';

const row = (over: Partial<DashboardEnterpriseRow> & { enterpriseId: string }): DashboardEnterpriseRow => ({
  nameZh: `示例企业${over.enterpriseId}`,
  nameEn: null,
  uscc: null,
  areaId: 'zoucheng',
  sector: 'coal_mining',
  industryClass: '0610',
  officialColour: 'green',
  officialProvisional: false,
  previousColour: 'green',
  monitoringColour: 'green',
  provincialListed: false,
  provincialColour: null,
  monthsSubmitted: 12,
  monthsWithValueAdded: 12,
  emissionsTco2e: '100',
  valueAdded10kCny: '50',
  accountProvisional: false,
  ...over,
});

const rows: DashboardEnterpriseRow[] = [
  row({ enterpriseId: 'e3', officialColour: 'red', previousColour: 'orange', provincialListed: true, provincialColour: 'orange' }),
  row({ enterpriseId: 'e1', officialColour: 'red', previousColour: 'red', monitoringColour: 'yellow', nameEn: 'Red Coal Co.' }),
  row({
    enterpriseId: 'e2',
    areaId: 'yanzhou',
    industryClass: '4411',
    sector: 'coal_power',
    officialColour: 'yellow',
    previousColour: 'red',
    monthsSubmitted: 9,
    monthsWithValueAdded: 9,
  }),
  row({
    enterpriseId: 'e4',
    areaId: 'yanzhou',
    officialColour: null,
    officialProvisional: null,
    previousColour: null,
    monitoringColour: null,
    emissionsTco2e: null,
    valueAdded10kCny: null,
    monthsSubmitted: 0,
    monthsWithValueAdded: 0,
  }),
  row({ enterpriseId: 'e5', officialColour: 'green', previousColour: null, accountProvisional: true, provincialListed: true, provincialColour: 'green', monthsWithValueAdded: 11 }),
];

describe('dashboardEnterprises', () => {
  it('filters by area and colour and orders by id', () => {
    const list = dashboardEnterprises({ rows, filters: { areaId: 'zoucheng', colour: 'red' }, monthsExpected: 12 });
    expect(list.map((e) => e.enterpriseId)).toEqual(['e1', 'e3']);
    expect(list.every((e) => e.colour === 'red' && e.areaId === 'zoucheng')).toBe(true);
  });

  it('the colour filter follows the label source; none matches unlabelled enterprises', () => {
    expect(dashboardEnterprises({ rows, filters: { colour: 'yellow', labelSource: 'monitoring' }, monthsExpected: 12 }).map((e) => e.enterpriseId)).toEqual(['e1']);
    expect(dashboardEnterprises({ rows, filters: { colour: 'none' }, monthsExpected: 12 }).map((e) => e.enterpriseId)).toEqual(['e4']);
  });

  it('division, sector, completeness, provisional, conflict and search filters', () => {
    const f = (filters: Parameters<typeof dashboardEnterprises>[0]['filters']) => dashboardEnterprises({ rows, filters, monthsExpected: 12 }).map((e) => e.enterpriseId);
    expect(f({ division: '44' })).toEqual(['e2']);
    expect(f({ sector: 'coal_power' })).toEqual(['e2']);
    expect(f({ complete: false })).toEqual(['e2', 'e4']);
    expect(f({ provisional: true })).toEqual(['e5']);
    expect(f({ conflict: true })).toEqual(['e3']);
    expect(f({ q: 'red coal' })).toEqual(['e1']);
    expect(f({ q: '示例企业e5' })).toEqual(['e5']);
  });

  it('derives change, intensity (only with value added in every month) and rounding', () => {
    const [e1, e2, e3, e4, e5] = dashboardEnterprises({ rows, filters: {}, monthsExpected: 12 });
    expect(e1).toMatchObject({ change: 'unchanged', intensity: '2.000000', emissions: '100.000', division: '06', divisionNameZh: expect.any(String) });
    expect(e2).toMatchObject({ change: 'improved', complete: false });
    expect(e3).toMatchObject({ change: 'worsened', conflict: true });
    expect(e4).toMatchObject({ change: null, intensity: null, emissions: null, colour: null });
    expect(e5).toMatchObject({ change: 'new', intensity: null, provisional: true, conflict: false });
  });
});

describe('exact rounding of the list’s figures', () => {
  it.each([
    ['2', '3', '2.000', '0.666667'],
    ['1', '3', '1.000', '0.333333'],
    ['0.0005', '1', '0.001', '0.000500'],
    ['-0.0005', '7', '-0.001', '-0.000071'],
    ['-0.0004', '7', '0.000', '-0.000057'],
    ['123456789012345678.123456789', '0.000001', '123456789012345678.123', '123456789012345678123456.789000'],
  ])('%s t on %s 万元 → %s t, %s t/万元', (emissionsTco2e, valueAdded10kCny, emissions, intensity) => {
    const [e] = dashboardEnterprises({ rows: [row({ enterpriseId: 'x', emissionsTco2e, valueAdded10kCny })], filters: {}, monthsExpected: 12 });
    expect([e!.emissions, e!.intensity]).toEqual([emissions, intensity]);
  });
});

describe('colourDistribution and colourChanges', () => {
  const all = dashboardEnterprises({ rows, filters: {}, monthsExpected: 12 });

  it('counts colours per area with the previous year and the movers', () => {
    const byArea = colourDistribution({ enterprises: all, by: 'area' });
    expect(byArea.map((r) => r.key)).toEqual(['yanzhou', 'zoucheng']);
    expect(byArea[1]).toMatchObject({ counts: { green: 1, yellow: 0, orange: 0, red: 2, none: 0 }, previous: { red: 1, orange: 1, none: 1 }, total: 3, improved: 0, worsened: 1 });
    expect(byArea[0]).toMatchObject({ counts: { yellow: 1, none: 1 }, previous: { red: 1, none: 1 }, improved: 1 });
    const totals = colourTotals(byArea);
    expect(totals.total).toBe(rows.length);
    expect(Object.values(totals.counts).reduce((a, b) => a + b, 0)).toBe(rows.length);
  });

  it('groups by GB/T 4754 division with its Chinese name', () => {
    const byDivision = colourDistribution({ enterprises: all, by: 'division' });
    expect(byDivision.map((r) => r.key)).toEqual(['06', '44']);
    expect(byDivision[1]!.nameZh).toMatch(/电力/);
  });

  it('lists movers worsened first', () => {
    expect(colourChanges(all).map((e) => [e.enterpriseId, e.change])).toEqual([
      ['e3', 'worsened'],
      ['e2', 'improved'],
      ['e5', 'new'],
    ]);
  });

  it('conflicts: provincial and city colours both present and different', () => {
    expect(colourConflicts(all).map((e) => e.enterpriseId)).toEqual(['e3']);
  });
});

describe('emissionTrend', () => {
  it('intensity is Σ emissions ÷ Σ value added, not a mean of ratios; years sum their months', () => {
    // Two enterprises in 2024-01: 100 t on 10 万元 (10) and 900 t on 90 万元 (10) → 10; and one without value added.
    const trend = emissionTrend({
      sums: [
        { month: '2024-01', emissionsTco2e: '1050', emissionsWithValueAddedTco2e: '1000', valueAdded10kCny: '100', enterprises: 3 },
        { month: '2024-02', emissionsTco2e: '10', emissionsWithValueAddedTco2e: '10', valueAdded10kCny: '3', enterprises: 1 },
        { month: '2023-12', emissionsTco2e: '0.0005', emissionsWithValueAddedTco2e: '0', valueAdded10kCny: '0', enterprises: 1 },
      ],
      endMonth: '2024-03',
    });
    expect(trend.units).toEqual({ emissions: 'tCO2e', intensity: 'tCO2e/万元', valueAdded: '万元' });
    expect(trend.monthly).toHaveLength(24);
    expect(trend.monthly[0]!.period).toBe('2022-04');
    expect(trend.monthly.at(-1)).toEqual({ period: '2024-03', emissionsTco2e: '0.000', valueAdded10kCny: '0.0000', intensity: null, enterprises: 0 });
    expect(trend.monthly.find((p) => p.period === '2024-01')).toEqual({
      period: '2024-01',
      emissionsTco2e: '1050.000',
      valueAdded10kCny: '100.0000',
      intensity: '10.000000',
      enterprises: 3,
    });
    expect(trend.monthly.find((p) => p.period === '2024-02')!.intensity).toBe('3.333333');
    expect(trend.monthly.find((p) => p.period === '2023-12')!.emissionsTco2e).toBe('0.001');
    // 2024: 1010 / 103 = 9.805825…; a mean of the monthly ratios would be 6.67.
    expect(trend.yearly).toEqual([
      { period: '2023', emissionsTco2e: '0.001', valueAdded10kCny: '0.0000', intensity: null, enterprises: 1 },
      { period: '2024', emissionsTco2e: '1060.000', valueAdded10kCny: '103.0000', intensity: '9.805825', enterprises: 3 },
    ]);
  });

  it('refuses malformed sums', () => {
    expect(() =>
      emissionTrend({ sums: [{ month: '2024-13', emissionsTco2e: '1', emissionsWithValueAddedTco2e: '1', valueAdded10kCny: '1', enterprises: 1 }], endMonth: '2024-12' }),
    ).toThrow(/YYYY-MM/);
    expect(() =>
      emissionTrend({ sums: [{ month: '2024-01', emissionsTco2e: '1e3', emissionsWithValueAddedTco2e: '1', valueAdded10kCny: '1', enterprises: 1 }], endMonth: '2024-12' }),
    ).toThrow(/plain decimal/);
  });
});

describe('completeness', () => {
  it('months expected follow the latest complete month', () => {
    expect(monthsExpectedIn({ year: 2023, asOfMonth: '2024-05' })).toBe(12);
    expect(monthsExpectedIn({ year: 2024, asOfMonth: '2024-05' })).toBe(5);
    expect(monthsExpectedIn({ year: 2025, asOfMonth: '2024-05' })).toBe(0);
  });

  it('shares by area cap each enterprise at the months expected; incomplete fewest months first', () => {
    const all = dashboardEnterprises({ rows, filters: {}, monthsExpected: 12 });
    const c = completenessByArea(all);
    expect(c.byArea).toEqual([
      { areaId: 'yanzhou', enterprises: 2, completeEnterprises: 0, monthsSubmitted: 9, monthsExpected: 24, share: '0.3750' },
      { areaId: 'zoucheng', enterprises: 3, completeEnterprises: 3, monthsSubmitted: 36, monthsExpected: 36, share: '1.0000' },
    ]);
    expect(c.total).toMatchObject({ enterprises: 5, monthsSubmitted: 45, monthsExpected: 60, share: '0.7500' });
    expect(c.incomplete.map((e) => e.enterpriseId)).toEqual(['e4', 'e2']);
    expect(completenessByArea(dashboardEnterprises({ rows, filters: {}, monthsExpected: 0 })).total.share).toBeNull();
  });
});
