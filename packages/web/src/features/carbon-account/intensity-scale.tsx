/**
 * 强度与标杆、基准: where the enterprise's value sits on a label method's bands — the product method
 * (单位产品能耗 against 标杆 / 中值 / 基准) or the industry intensity ratio K (against the green,
 * yellow and orange bounds, with the enterprise's and the industry average's intensity). Drawn
 * with plain boxes: a coloured scale and a marker at the value.
 */
import { Flex, Typography } from 'antd';
import type { EnterpriseLabel } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { formatDecimal } from './format-decimal.ts';

interface MethodView {
  method?: string;
  applicable?: boolean;
  thresholds?: Record<string, string | null | undefined>;
  ratio?: string;
  benchmarkRef?: string;
}
interface InputsView {
  productBenchmark?: { value?: string; estimated?: boolean } | null;
  intensityRatio?: { enterpriseIntensity?: string; industryAverageIntensity?: string; peerCount?: number; code?: string } | null;
}

const bandColours = ['#52c41a', '#fadb14', '#fa8c16', '#f5222d'];

function Scale({ value, bounds, labels, testId }: { value: number; bounds: [number, number, number]; labels: [string, string, string]; testId: string }) {
  const { t } = useApp();
  const max = Math.max(bounds[2] * 1.25, value * 1.1, 1e-9);
  const at = (v: number) => `${Math.min(100, (v / max) * 100)}%`;
  const edges = [0, ...bounds, max];
  return (
    <div data-testid={testId} style={{ position: 'relative', height: 54, margin: '4px 0 8px' }}>
      <div style={{ position: 'absolute', top: 20, left: 0, right: 0, height: 10, display: 'flex', borderRadius: 5, overflow: 'hidden' }}>
        {bandColours.map((colour, i) => (
          <div key={colour} style={{ width: `${((edges[i + 1]! - edges[i]!) / max) * 100}%`, background: colour, opacity: 0.55 }} />
        ))}
      </div>
      {bounds.map((b, i) => (
        <div key={labels[i]} style={{ position: 'absolute', left: at(b), top: 32, transform: 'translateX(-50%)', fontSize: 11, whiteSpace: 'nowrap', color: '#595959' }}>
          {labels[i]} {formatDecimal(String(b), 4)}
        </div>
      ))}
      <div style={{ position: 'absolute', left: at(value), top: 0, transform: 'translateX(-50%)', fontSize: 11, fontWeight: 600, whiteSpace: 'nowrap' }}>
        {t('enterpriseValue')} {formatDecimal(String(value), 4)} ▼
      </div>
    </div>
  );
}

export function IntensityScale({ label }: { label: EnterpriseLabel }) {
  const { t } = useApp();
  const inputs = label.inputs as InputsView;
  const rows = (label.methods as MethodView[]).flatMap((m) => {
    const th = m.thresholds ?? {};
    if (m.method === 'product_benchmark' && inputs.productBenchmark?.value && th['benchmark'] && th['base']) {
      const mid = th['midpoint'] ?? String((Number(th['benchmark']) + Number(th['base'])) / 2);
      return [
        <div key="product">
          <Typography.Text strong>{t('productMethod')}</Typography.Text> <Typography.Text type="secondary">{m.benchmarkRef}</Typography.Text>
          <Scale
            testId="scale-product"
            value={Number(inputs.productBenchmark.value)}
            bounds={[Number(th['benchmark']), Number(mid), Number(th['base'])]}
            labels={[t('benchmarkLevel'), t('midpoint'), t('baseLevel')]}
          />
        </div>,
      ];
    }
    if (m.method === 'industry_intensity_ratio' && m.ratio && th['green'] && th['yellow'] && th['orange']) {
      const ratio = inputs.intensityRatio;
      return [
        <div key="ratio">
          <Flex gap={12} wrap>
            <Typography.Text strong>{t('intensityMethod')}</Typography.Text>
            {ratio && (
              <Typography.Text type="secondary">
                {t('enterpriseValue')} {formatDecimal(ratio.enterpriseIntensity, 4)} / {t('industryAverageIntensity')} {formatDecimal(ratio.industryAverageIntensity, 4)}
              </Typography.Text>
            )}
          </Flex>
          <Scale testId="scale-ratio" value={Number(m.ratio)} bounds={[Number(th['green']), Number(th['yellow']), Number(th['orange'])]} labels={['K', 'K', 'K']} />
        </div>,
      ];
    }
    return [];
  });
  if (!rows.length) return <Typography.Text type="secondary">{t('noData')}</Typography.Text>;
  return <div data-testid="intensity-scale">{rows}</div>;
}
