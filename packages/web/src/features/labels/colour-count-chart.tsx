/**
 * A year's labels by colour as a doughnut chart in the labels' own colours; a click on a slice
 * filters the list to that colour. ECharts from `echarts/core`, only in this lazy chunk.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useApp } from '../../app/app-context.tsx';
import { colourKey, colourStyle, labelColours, type LabelColour } from './label-colour-tag.tsx';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

export function ColourCountChart({ counts, onSelect }: { counts: Record<string, number>; onSelect?: (colour: LabelColour | undefined) => void }) {
  const { t } = useApp();
  const element = useRef<HTMLDivElement>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    const slices = [
      ...labelColours.map((c) => ({ name: t(colourKey(c)), value: counts[c] ?? 0, colour: c as LabelColour | undefined, itemStyle: { color: colourStyle[c].background } })),
      ...(counts.none ? [{ name: t('colour_none'), value: counts.none, colour: undefined, itemStyle: { color: '#bfbfbf' } }] : []),
    ];
    chart.setOption({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          top: 0,
          bottom: 32,
          label: { formatter: '{b}\n{c}' },
          data: slices.map(({ name, value, itemStyle }) => ({ name, value, itemStyle })),
        },
      ],
    });
    chart.on('click', (p) => onSelectRef.current?.(slices[p.dataIndex]?.colour));
    // The card's width settles after layout (scroll bars, lazy siblings): follow the element, not the window.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [counts, t]);

  return <div ref={element} data-testid="colour-count-chart" role="img" aria-label={t('colourCounts')} style={{ width: '100%', height: 260 }} />;
}
