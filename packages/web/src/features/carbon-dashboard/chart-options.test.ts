import { describe, expect, it } from 'vitest';
import type { DashboardOverview } from '@cfp/contracts';
import { colourChangeOption, colourStackOption, completenessOption, trendOption } from './chart-options.ts';

const counts = (green: number, red: number) => ({ green, yellow: 0, orange: 0, red, none: 1 });
const rows: DashboardOverview['colours']['byCounty'] = [
  { key: 'qufu', nameZh: '曲阜市', nameEn: 'Qufu City', counts: counts(2, 1), previous: counts(1, 2), total: 4, improved: 1, worsened: 0 },
  { key: 'zoucheng', nameZh: '邹城市', nameEn: 'Zoucheng City', counts: counts(0, 3), previous: counts(0, 3), total: 4, improved: 0, worsened: 0 },
];
const name = (k: string) => `c-${k}`;
type Series = { name: string; data: unknown[]; yAxisIndex?: number };

describe('dashboard chart options', () => {
  it('stacks one series per colour (none last) over the categories', () => {
    const option = colourStackOption({ rows, names: ['曲阜市', '邹城市'], colourName: name });
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['c-green', 'c-yellow', 'c-orange', 'c-red', 'c-none']);
    expect(series.find((s) => s.name === 'c-red')!.data).toEqual([1, 3]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['曲阜市', '邹城市']);
    expect((colourStackOption({ rows, names: [], colourName: name, horizontal: true }).yAxis as { type: string }).type).toBe('category');
  });

  it('compares the previous year with this one per colour', () => {
    const totals = { counts: counts(2, 4), previous: counts(1, 5), total: 8, improved: 1, worsened: 0 };
    const series = colourChangeOption({ totals, colourName: name, previousLabel: '2023', currentLabel: '2024' }).series as Series[];
    expect(series[0]!.data).toEqual([1, 0, 0, 5, 1]);
    expect((series[1]!.data as { value: number }[]).map((d) => d.value)).toEqual([2, 0, 0, 4, 1]);
  });

  it('draws intensity on the second axis, nulls as gaps; completeness in percent', () => {
    const points = [
      { period: '2024-01', emissionsTco2e: '10.500', valueAdded10kCny: '2.0000', intensity: '5.250000', enterprises: 2 },
      { period: '2024-02', emissionsTco2e: '0.000', valueAdded10kCny: '0.0000', intensity: null, enterprises: 0 },
    ];
    const series = trendOption({ points, emissionsLabel: 'e', intensityLabel: 'i' }).series as Series[];
    expect(series[0]!.data).toEqual([10.5, 0]);
    expect(series[1]).toMatchObject({ yAxisIndex: 1, data: [5.25, null] });
    const completeness = completenessOption({
      rows: [{ areaId: 'qufu', nameZh: '曲阜市', enterprises: 2, completeEnterprises: 1, monthsSubmitted: 17, monthsExpected: 24, share: '0.7083' }],
      names: ['曲阜市'],
      label: 'x',
    });
    expect((completeness.series as Series[])[0]!.data).toEqual([70.8]);
  });
});
