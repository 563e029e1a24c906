/**
 * One ECharts chart of the carbon-account dashboards (bars and lines on a grid). ECharts is
 * imported piecemeal from `echarts/core`; only this lazy chunk loads it. The option is built by
 * the caller from the overview's figures; a click on a category reports its index.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function DashboardChart({
  option,
  testId,
  label,
  height = 300,
  onCategoryClick,
}: {
  option: Record<string, unknown>;
  testId: string;
  label: string;
  height?: number;
  onCategoryClick?: (index: number) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const onClickRef = useRef(onCategoryClick);
  onClickRef.current = onCategoryClick;

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption(option);
    chart.on('click', (p) => onClickRef.current?.(p.dataIndex));
    // The card's width settles after layout (scroll bars, lazy siblings): follow the element, not the window.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);

  return <div ref={element} data-testid={testId} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
