/**
 * Emissions by source before and after a what-if, as grouped bars (tCO2e; exports drawn apart,
 * they are not in the gross). ECharts is imported piecemeal and only this lazy chunk loads it;
 * figures become numbers for drawing only.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { WhatIfResultBody } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function WhatIfSourceChart({ sources }: { sources: WhatIfResultBody['sources'] }) {
  const { t, language } = useApp();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const shown = sources.filter((s) => Number(s.baselineTco2e) !== 0 || Number(s.scenarioTco2e) !== 0);
    const chart = echarts.init(element.current);
    chart.setOption({
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'value', name: 'tCO2e' },
      yAxis: { type: 'category', inverse: true, data: shown.map((s) => (language === 'en' ? s.nameEn : s.nameZh)) },
      series: [
        { name: t('whatIfBaseline'), type: 'bar', data: shown.map((s) => Number(s.baselineTco2e)), itemStyle: { color: '#8c8c8c' } },
        { name: t('whatIfScenario'), type: 'bar', data: shown.map((s) => Number(s.scenarioTco2e)), itemStyle: { color: '#1f7a4d' } },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [sources, t, language]);

  const height = Math.max(200, 60 + sources.length * 44);
  return <div ref={element} data-testid="what-if-source-chart" role="img" aria-label={t('whatIfBySource')} style={{ width: '100%', height }} />;
}
