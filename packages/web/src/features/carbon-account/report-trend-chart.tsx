/**
 * The report's 24-month trend: emissions (tCO2e, bars) and energy (tce, line on its own axis),
 * provisional months marked. Lazy chunk (ECharts); numbers for drawing only.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EnterpriseReport } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function ReportTrendChart({ trend }: { trend: EnterpriseReport['trend'] }) {
  const { t } = useApp();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    const num = (v: string | null) => (v === null ? null : Number(v));
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: trend.map((p) => (p.provisional ? `${p.month}*` : p.month)) },
      yAxis: [
        { type: 'value', name: 'tCO2e', alignTicks: true },
        { type: 'value', name: 'tce', alignTicks: true },
      ],
      series: [
        {
          name: t('emissions'),
          type: 'bar',
          data: trend.map((p) => ({ value: num(p.emissionsTco2e), itemStyle: { color: p.provisional ? '#fa8c16' : '#1f7a4d' } })),
        },
        { name: t('energy'), type: 'line', yAxisIndex: 1, data: trend.map((p) => num(p.energyTce)), itemStyle: { color: '#1677ff' } },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [trend, t]);
  return <div ref={element} data-testid="report-trend-chart" role="img" aria-label={t('reportTrend')} style={{ width: '100%', height: 280 }} />;
}
