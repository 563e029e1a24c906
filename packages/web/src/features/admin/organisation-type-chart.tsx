/**
 * A small bar chart of the organisations the caller can see, by type. ECharts is imported from
 * `echarts/core` with only the bar chart and canvas renderer, and only this lazy chunk loads it.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Organisation } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { useAsync } from '../common/use-async.tsx';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const chartTypes = ['government', 'county_government', 'regulator', 'bank', 'insurer', 'guarantor', 'enterprise', 'verifier', 'partner'] as const;

export function OrganisationTypeChart() {
  const { api, t } = useApp();
  const element = useRef<HTMLDivElement>(null);
  const counts = useAsync(
    () =>
      Promise.all(
        chartTypes.map(async (type) => {
          const page = await api.get<{ items: Organisation[]; nextCursor: string | null }>('/api/v1/organisations', { type, limit: 200 });
          return { type, count: page.items.length };
        }),
      ),
    [],
  );

  useEffect(() => {
    if (!element.current || !counts.data) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: counts.data.map((c) => t(dynamicKey('type', c.type) ?? 'organisationType')), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: counts.data.map((c) => c.count), itemStyle: { color: '#1f7a4d' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [counts.data, t]);

  return <div ref={element} data-testid="organisation-type-chart" style={{ width: '100%', height: 260 }} />;
}
