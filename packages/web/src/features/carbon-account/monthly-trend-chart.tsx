/**
 * Emissions by month as stacked bars (direct, scope 1; purchased energy, scope 2; tCO2e) and
 * energy as a line on its own axis (tce). ECharts is imported piecemeal from `echarts/core`; only
 * this lazy chunk loads it. Figures are converted to numbers for drawing only.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { AccountMonth } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function MonthlyTrendChart({ months }: { months: AccountMonth[] }) {
  const { t } = useApp();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const ascending = [...months].sort((a, b) => a.month.localeCompare(b.month));
    const chart = echarts.init(element.current);
    chart.setOption({
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: ascending.map((m) => m.month) },
      yAxis: [
        { type: 'value', name: 'tCO2e', alignTicks: true },
        { type: 'value', name: 'tce', alignTicks: true },
      ],
      series: [
        { name: t('scope1'), type: 'bar', stack: 'emissions', data: ascending.map((m) => Number(m.scope1Tco2e)), itemStyle: { color: '#1f7a4d' } },
        { name: t('scope2'), type: 'bar', stack: 'emissions', data: ascending.map((m) => Number(m.scope2Tco2e)), itemStyle: { color: '#95de64' } },
        { name: t('energy'), type: 'line', yAxisIndex: 1, smooth: true, data: ascending.map((m) => Number(m.energyTce)), itemStyle: { color: '#d46b08' } },
      ],
    });
    // The card's width settles after layout (scroll bars, lazy siblings): follow the element, not the window.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [months, t]);

  return <div ref={element} data-testid="monthly-trend-chart" role="img" aria-label={t('monthlyTrend')} style={{ width: '100%', height: 300 }} />;
}
