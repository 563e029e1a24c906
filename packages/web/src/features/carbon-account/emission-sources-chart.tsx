/**
 * Emissions by source (燃料燃烧 / 工业生产过程 / 净购入电力 / 热力 …) of one year as horizontal bars
 * (tCO2e), the factor ids in the tooltip. Lazy chunk (ECharts); numbers for drawing only.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EnterpriseReport } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { formatDecimal } from './format-decimal.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Source = EnterpriseReport['sources'][number];
const colours: Record<Source['kind'], string> = {
  fuel_combustion: '#d46b08',
  industrial_process: '#722ed1',
  purchased_electricity: '#1677ff',
  purchased_heat: '#eb2f96',
  green_electricity: '#52c41a',
  exported_electricity: '#8c8c8c',
  exported_heat: '#8c8c8c',
  other: '#bfbfbf',
};

export function EmissionSourcesChart({ sources }: { sources: readonly Source[] }) {
  const { t, language } = useApp();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const rows = [...sources].reverse();
    const chart = echarts.init(element.current);
    chart.setOption({
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const s = rows[p.dataIndex]!;
          return `${language === 'en' ? s.nameEn : s.nameZh}<br/>${formatDecimal(s.tco2e, 3)} tCO2e · ${formatDecimal(s.tce, 3)} tce<br/>${s.factorIds.join('<br/>')}`;
        },
      },
      xAxis: { type: 'value', name: 'tCO2e' },
      yAxis: { type: 'category', data: rows.map((s) => (language === 'en' ? s.nameEn : s.nameZh)) },
      series: [
        {
          type: 'bar',
          data: rows.map((s) => ({ value: Number(s.tco2e), itemStyle: { color: colours[s.kind] } })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => formatDecimal(String(Math.round(p.value))) },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [sources, language]);

  return (
    <div
      ref={element}
      data-testid="emission-sources-chart"
      role="img"
      aria-label={t('emissionSources')}
      style={{ width: '100%', height: Math.max(160, sources.length * 44 + 40) }}
    />
  );
}
