/** An indicator's small trend: an inline SVG line of its values by period (no chart library). */
import { sparklinePoints } from './supervision-format.ts';

export function IndicatorSparkline({ values, label, width = 64, height = 20 }: { values: readonly string[]; label: string; width?: number; height?: number }) {
  const points = sparklinePoints(values, width, height);
  if (!points) return null;
  return (
    <svg width={width} height={height} role="img" aria-label={label} data-testid="sv-sparkline" style={{ verticalAlign: 'middle' }}>
      <polyline points={points} fill="none" stroke="#1f7a4d" strokeWidth={1.5} />
    </svg>
  );
}
