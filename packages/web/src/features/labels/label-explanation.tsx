/**
 * Why a label has its colour: each method as evaluated (product benchmark against 标杆/基准, or
 * the industry intensity ratio K against its bands) with its thresholds, reason and benchmark
 * reference, and the industry average it was compared with (peer level, code, count).
 */
import { Descriptions, Flex, List, Tag, Typography } from 'antd';
import type { EnterpriseLabel } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, type MessageKey } from '../../app/i18n.ts';
import { formatDecimal } from '../carbon-account/format-decimal.ts';
import { colourStyle, LabelColourTag, type LabelColour } from './label-colour-tag.tsx';

/** A method as the domain records it (domain/labels/decide-label.ts LabelMethodResult). */
interface LabelMethodView {
  method: 'product_benchmark' | 'industry_intensity_ratio' | string;
  applicable: boolean;
  colour?: LabelColour;
  reason?: { zh: string; en: string };
  thresholds?: { benchmark?: string | null; midpoint?: string | null; base?: string | null; green?: string; yellow?: string; orange?: string };
  benchmarkRef?: string;
  ratio?: string;
}

/** The values a label was decided on (label-service.ts `inputs`). */
interface LabelInputsView {
  productBenchmark?: { benchmarkId: string; value: string; estimated: boolean; productId: string } | null;
  industryAverage?: { level: 'class' | 'group' | 'division' | null; code: string | null; peerCount: number; averageIntensity: string | null };
  emissionsTco2e?: string;
  etsVerified?: boolean;
}

function Band({ colour, text }: { colour: LabelColour; text: string }) {
  return (
    <Tag bordered={false} style={{ ...colourStyle[colour], margin: 0 }}>
      {text}
    </Tag>
  );
}

function Thresholds({ method }: { method: LabelMethodView }) {
  const { t } = useApp();
  const th = method.thresholds ?? {};
  if (method.method === 'industry_intensity_ratio' && th.green && th.yellow && th.orange) {
    return (
      <Flex gap={4} wrap>
        <Band colour="green" text={`K ≤ ${th.green}`} />
        <Band colour="yellow" text={`${th.green} < K ≤ ${th.yellow}`} />
        <Band colour="orange" text={`${th.yellow} < K ≤ ${th.orange}`} />
        <Band colour="red" text={`K > ${th.orange}`} />
      </Flex>
    );
  }
  if (method.method === 'product_benchmark' && th.benchmark && th.base) {
    return (
      <Flex gap={4} wrap>
        <Band colour="green" text={`≤ ${t('benchmarkLevel')} ${th.benchmark}`} />
        <Band colour="yellow" text={`≤ ${t('midpoint')} ${th.midpoint ?? '—'}`} />
        <Band colour="orange" text={`≤ ${t('baseLevel')} ${th.base}`} />
        <Band colour="red" text={`> ${t('baseLevel')} ${th.base}`} />
      </Flex>
    );
  }
  return <span>—</span>;
}

export function LabelExplanation({ label, testId }: { label: Pick<EnterpriseLabel, 'methods' | 'inputs'>; testId?: string }) {
  const { t, language } = useApp();
  const methods = label.methods as unknown as LabelMethodView[];
  const inputs = label.inputs as unknown as LabelInputsView;
  const industry = inputs.industryAverage;
  const levelKey = industry?.level ? (`industryLevel_${industry.level}` as MessageKey) : undefined;

  return (
    <div data-testid={testId}>
      {methods.length > 0 && (
        <List
          size="small"
          dataSource={methods}
          renderItem={(m) => (
            <List.Item style={{ display: 'block' }} data-testid={`label-method-${m.method}`}>
              <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t(dynamicKey('method', m.method) ?? 'labelMethod')}</Typography.Text>
                {m.applicable ? <LabelColourTag colour={m.colour} /> : <Tag>{t('notApplicable')}</Tag>}
                {m.ratio && <Typography.Text type="secondary">K = {formatDecimal(m.ratio, 4)}</Typography.Text>}
                {m.method === 'product_benchmark' && inputs.productBenchmark && (
                  <Typography.Text type="secondary">
                    {t('productValue')} {inputs.productBenchmark.value}
                    {inputs.productBenchmark.estimated ? ` (${t('estimated')})` : ''}
                  </Typography.Text>
                )}
              </Flex>
              <Descriptions size="small" column={1} colon={false} labelStyle={{ width: 96 }}>
                <Descriptions.Item label={t('thresholds')}>
                  <Thresholds method={m} />
                </Descriptions.Item>
                {m.benchmarkRef && (
                  <Descriptions.Item label={t('benchmarkRef')}>
                    <Typography.Text code>{m.benchmarkRef}</Typography.Text>
                  </Descriptions.Item>
                )}
                {/* With one method the label's reason is that method's: shown above the explanation already. */}
                {m.reason && methods.length > 1 && (
                  <Descriptions.Item label={t('reason')}>
                    <span style={{ wordBreak: 'break-word' }}>{language === 'en' ? m.reason.en : m.reason.zh}</span>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </List.Item>
          )}
        />
      )}
      {industry && (
        <Descriptions size="small" column={1} bordered style={{ marginTop: 8 }} data-testid="industry-average">
          <Descriptions.Item label={t('industryAverageLevel')}>{levelKey ? `${t(levelKey)} ${industry.code ?? ''}` : t('notApplicable')}</Descriptions.Item>
          <Descriptions.Item label={t('peerCount')}>
            <span data-testid="peer-count">{industry.peerCount}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('industryAverageIntensity')}>{industry.averageIntensity ? formatDecimal(industry.averageIntensity, 4) : '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </div>
  );
}
