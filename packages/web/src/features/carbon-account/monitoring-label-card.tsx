/**
 * The monitoring label (the latest rolling 12 months) as a big colour tag, with 「暂定」, the period,
 * the reason in the toggle's language, each method's thresholds and benchmark reference, the
 * industry average it was compared with, and the factor versions used.
 */
import { Card, Collapse, Empty, Flex, Tag, Typography } from 'antd';
import type { EnterpriseLabel } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { describeLabelPeriod } from '../labels/describe-label-period.ts';
import { LabelColourTag } from '../labels/label-colour-tag.tsx';
import { LabelExplanation } from '../labels/label-explanation.tsx';

export function MonitoringLabelCard({ label, loading }: { label: EnterpriseLabel | undefined; loading?: boolean }) {
  const { t, language } = useApp();
  return (
    <Card data-testid="monitoring-label-card" loading={loading} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('monitoringLabel')}</h2>} style={{ height: '100%' }}>
      {!label ? (
        <Empty description={t('noMonitoringLabel')} />
      ) : (
        <>
          <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
            <LabelColourTag colour={label.colour} provisional={label.provisional} large testId="monitoring-label" />
            <div>
              <Typography.Text type="secondary">{t('labelPeriod')}</Typography.Text>
              <div data-testid="monitoring-period" data-period={label.period}>
                {describeLabelPeriod(label.period, language)}
              </div>
            </div>
          </Flex>
          <Typography.Paragraph data-testid="monitoring-reason" style={{ background: '#fafafa', padding: 12, borderRadius: 6, wordBreak: 'break-word' }}>
            {language === 'en' ? label.reason.en : label.reason.zh}
          </Typography.Paragraph>
          <LabelExplanation label={label} testId="monitoring-explanation" />
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'refs',
                label: `${t('factorRefs')} (${label.factorRefs.length}) · ${label.schemeRef}`,
                children: (
                  <Flex gap={4} wrap>
                    {label.factorRefs.map((r) => (
                      <Tag key={r}>{r}</Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
