/**
 * ECharts options of the carbon-account dashboards, built from the overview's figures (pure, no
 * ECharts import, so the page stays light). Figures are converted to numbers for drawing only;
 * tables and exports keep the exact decimal strings.
 */
import type { DashboardOverview } from '@cfp/contracts';

export type ColourKey = 'green' | 'yellow' | 'orange' | 'red' | 'none';
export const colourKeys: readonly ColourKey[] = ['green', 'yellow', 'orange', 'red', 'none'];
/** Bar colours: the labels' own (label-colour-tag.tsx), grey for no label. */
export const barColours: Record<ColourKey, string> = { green: '#237804', yellow: '#fadb14', orange: '#d46b08', red: '#cf1322', none: '#bfbfbf' };

type Row = DashboardOverview['colours']['byCounty'][number];
type Translate = (key: ColourKey) => string;

const legend = { top: 0, type: 'scroll' as const };

/** Stacked bars of the colours per category (county or division); horizontal for long division names. */
export function colourStackOption(options: {
  rows: readonly Row[];
  names: readonly string[];
  colourName: Translate;
  horizontal?: boolean;
  narrow?: boolean;
}): Record<string, unknown> {
  const category = {
    type: 'category',
    data: options.names,
    axisLabel: { interval: 0, rotate: options.horizontal ? 0 : options.narrow ? 60 : 30, width: options.horizontal ? 110 : 80, overflow: 'truncate' },
  };
  const value = { type: 'value', minInterval: 1 };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: options.horizontal ? value : category,
    yAxis: options.horizontal ? { ...category, inverse: true } : value,
    series: colourKeys.map((k) => ({
      name: options.colourName(k),
      type: 'bar',
      stack: 'colours',
      barMaxWidth: 28,
      itemStyle: { color: barColours[k] },
      data: options.rows.map((r) => r.counts[k]),
    })),
  };
}

/** The year's colours against the previous year's, grouped bars per colour. */
export function colourChangeOption(options: {
  totals: DashboardOverview['colours']['totals'];
  colourName: Translate;
  previousLabel: string;
  currentLabel: string;
}): Record<string, unknown> {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: colourKeys.map((k) => options.colourName(k)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: options.previousLabel,
        type: 'bar',
        barMaxWidth: 24,
        itemStyle: { color: '#8c8c8c' },
        data: colourKeys.map((k) => options.totals.previous[k]),
      },
      {
        name: options.currentLabel,
        type: 'bar',
        barMaxWidth: 24,
        // The legend's swatch; each bar carries its label colour.
        itemStyle: { color: '#1f7a4d' },
        data: colourKeys.map((k) => ({ value: options.totals.counts[k], itemStyle: { color: barColours[k] } })),
      },
    ],
  };
}

/** Emissions as bars (tCO2e) and intensity as a line on its own axis (tCO2e/万元). */
export function trendOption(options: { points: DashboardOverview['trend']['monthly']; emissionsLabel: string; intensityLabel: string }): Record<string, unknown> {
  return {
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: options.points.map((p) => p.period) },
    yAxis: [
      { type: 'value', name: 'tCO2e', alignTicks: true },
      { type: 'value', name: 'tCO2e/万元', alignTicks: true },
    ],
    series: [
      { name: options.emissionsLabel, type: 'bar', itemStyle: { color: '#1f7a4d' }, data: options.points.map((p) => Number(p.emissionsTco2e)) },
      {
        name: options.intensityLabel,
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        itemStyle: { color: '#d46b08' },
        data: options.points.map((p) => (p.intensity === null ? null : Number(p.intensity))),
      },
    ],
  };
}

/** Share of expected months submitted per county, in percent. */
export function completenessOption(options: {
  rows: DashboardOverview['completeness']['byCounty'];
  names: readonly string[];
  label: string;
  narrow?: boolean;
}): Record<string, unknown> {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: options.names, axisLabel: { interval: 0, rotate: options.narrow ? 60 : 30, width: 80, overflow: 'truncate' } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: options.label,
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#1f7a4d' },
        data: options.rows.map((r) => (r.share === null ? null : Math.round(Number(r.share) * 1000) / 10)),
      },
    ],
  };
}
