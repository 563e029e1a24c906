/**
 * The carbon-account blocks that 我的碳账户 and the enterprise detail both show, loaded once here:
 * the monitoring label and the official labels (every year, with objections where the page allows
 * them), the label movement, intensity against 标杆/基准, the monthly trend, emissions by source,
 * the annual accounts, the monthly table, the data versions and the verifications. Banks,
 * insurers and guarantors pass their purpose; a refusal is the page's to render.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import type { DataVersion, EnterpriseLabel, EnterpriseReport, Objection } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { useAsync } from '../common/use-async.tsx';
import { LabelColourTag } from '../labels/label-colour-tag.tsx';
import { AnnualAccountsTable } from './annual-accounts-table.tsx';
import { DataVersionsTable } from './data-versions-table.tsx';
import { IntensityScale } from './intensity-scale.tsx';
import { MonitoringLabelCard } from './monitoring-label-card.tsx';
import { MonthsTable } from './months-table.tsx';
import { OfficialLabelsCard } from './official-labels-card.tsx';
import { useEnterpriseAccount, type ConsentPurpose } from './use-enterprise-account.tsx';
import { VerificationsTable, type VerificationView } from './verifications-table.tsx';

// ECharts stays in its own chunks, loaded after the page's figures.
const MonthlyTrendChart = lazy(() => import('./monthly-trend-chart.tsx').then((m) => ({ default: m.MonthlyTrendChart })));
const EmissionSourcesChart = lazy(() => import('./emission-sources-chart.tsx').then((m) => ({ default: m.EmissionSourcesChart })));

export const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

const rank: Record<string, number> = { green: 0, yellow: 1, orange: 2, red: 3 };

/** The latest published official label → the monitoring label: better, worse, the same, or not comparable. */
export function labelMovement(labels: readonly EnterpriseLabel[]): { from?: EnterpriseLabel; to?: EnterpriseLabel; direction: 'better' | 'worse' | 'same' | 'unknown' } {
  const from = labels.filter((l) => l.kind === 'official' && l.status === 'published').sort((a, b) => b.period.localeCompare(a.period))[0];
  const to = labels.find((l) => l.kind === 'monitoring');
  if (!from?.colour || !to?.colour) return { from, to, direction: 'unknown' };
  const d = rank[to.colour]! - rank[from.colour]!;
  return { from, to, direction: d < 0 ? 'better' : d > 0 ? 'worse' : 'same' };
}

export function LabelMovementLine({ labels }: { labels: readonly EnterpriseLabel[] }) {
  const { t } = useApp();
  const m = labelMovement(labels);
  return (
    <Flex gap={8} align="center" wrap data-testid="label-movement" data-direction={m.direction}>
      <Typography.Text type="secondary">{t('labelMovement')}</Typography.Text>
      {m.from ? <LabelColourTag colour={m.from.colour} provisional={m.from.provisional} /> : '—'}
      <Typography.Text type="secondary">{m.from?.period}</Typography.Text>
      <span aria-hidden>→</span>
      {m.to ? <LabelColourTag colour={m.to.colour} provisional={m.to.provisional} /> : '—'}
      <Typography.Text type="secondary">{t('monitoringLabel')}</Typography.Text>
      <Typography.Text strong>{t(`movement_${m.direction}` as MessageKey)}</Typography.Text>
    </Flex>
  );
}

export function EnterpriseAccountBlocks(props: {
  enterpriseId: string;
  purpose?: ConsentPurpose | undefined;
  enabled?: boolean;
  objections?: Objection[];
  canObject?: boolean;
  onObjectionFiled?: () => void;
  /** Bump to reload everything (after an import). */
  reloadKey?: number;
  /** How the page shows a refusal (consent required, not entitled). */
  renderError: (error: Error) => ReactNode;
}) {
  const { t, api } = useApp();
  const { enterpriseId, purpose, enabled = true } = props;
  const account = useEnterpriseAccount({ enterpriseId, purpose, enabled });
  const details = useAsync(async () => {
    if (!enabled) return undefined;
    const base = `/api/v1/enterprises/${encodeURIComponent(enterpriseId)}`;
    const query = purpose ? { purpose } : {};
    const [sources, versions, verifications] = await Promise.all([
      api.get<{ year: number | null; items: EnterpriseReport['sources'] }>(`${base}/emission-sources`, query),
      api.get<{ items: DataVersion[]; corrections: number }>(`${base}/data-versions`, query),
      api.get<{ items: VerificationView[] }>(`${base}/verifications`, query),
    ]);
    return { sources, versions, verifications: verifications.items };
  }, [enterpriseId, purpose, enabled]);
  // Only a new key reloads here; the loaders' own dependencies reload them otherwise.
  useEffect(() => {
    if (props.reloadKey) {
      account.reload();
      details.reload();
    }
  }, [props.reloadKey]);

  if (account.error) return <>{props.renderError(account.error)}</>;
  const data = account.data;
  const loading = account.loading && !data;
  const monitoring = data?.labels.find((l) => l.kind === 'monitoring');
  const official = (data?.labels ?? []).filter((l) => l.kind === 'official');
  const scaleLabel = monitoring ?? official.find((l) => l.status === 'published');
  const d = details.data;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <MonitoringLabelCard label={monitoring} loading={loading} />
      </Col>
      <Col xs={24} xl={14}>
        <OfficialLabelsCard
          labels={official}
          loading={loading}
          objections={props.objections ?? []}
          canObject={props.canObject ?? false}
          onObjectionFiled={props.onObjectionFiled}
        />
      </Col>
      <Col xs={24}>
        <Card title={cardTitle(t('intensityVsBenchmark'))} data-testid="benchmark-card" loading={loading}>
          {data && <LabelMovementLine labels={data.labels} />}
          <div style={{ marginTop: 12 }}>{scaleLabel ? <IntensityScale label={scaleLabel} /> : <Empty description={t('noMonitoringLabel')} />}</div>
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={cardTitle(t('monthlyTrend'))} data-testid="trend-card">
          {loading ? (
            <Skeleton active />
          ) : data && data.months.length > 0 ? (
            <Suspense fallback={<Skeleton active />}>
              <MonthlyTrendChart months={data.months} />
            </Suspense>
          ) : (
            <Empty description={t('noMonths')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={cardTitle(`${t('emissionSources')}${d?.sources.year ? ` · ${d.sources.year}` : ''}`)} data-testid="sources-card" loading={details.loading && !d}>
          {details.error ? (
            <Typography.Text type="danger">{details.error.message}</Typography.Text>
          ) : d && d.sources.items.length > 0 ? (
            <Suspense fallback={<Skeleton active />}>
              <EmissionSourcesChart sources={d.sources.items} />
            </Suspense>
          ) : (
            <Empty description={t('noData')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={cardTitle(t('verification'))} data-testid="verification-card" loading={details.loading && !d}>
          <VerificationsTable verifications={d?.verifications ?? []} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={cardTitle(t('annualAccounts'))}>
          <AnnualAccountsTable accounts={data?.years ?? []} loading={loading} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={cardTitle(t('monthlyData'))}>
          <MonthsTable months={data?.months ?? []} loading={loading} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={cardTitle(`${t('dataVersions')}${d ? ` · ${t('corrections')} ${d.versions.corrections}` : ''}`)} data-testid="data-versions-card">
          <DataVersionsTable versions={d?.versions.items ?? []} loading={details.loading && !d} />
        </Card>
      </Col>
    </Row>
  );
}
