/**
 * 我的碳账户 (an enterprise's own account): the monitoring label and why it has its colour, the
 * official labels with objections, the monthly trend and table, the annual accounts, and the
 * month import. Everything reloads after an import or an objection.
 */
import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Empty, Row, Skeleton } from 'antd';
import type { Objection } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { canSubmitForEnterprise } from '../../app/role-home.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { AnnualAccountsTable } from './annual-accounts-table.tsx';
import { MonitoringLabelCard } from './monitoring-label-card.tsx';
import { MonthImportCard } from './month-import-card.tsx';
import { MonthsTable } from './months-table.tsx';
import { OfficialLabelsCard } from './official-labels-card.tsx';
import { useEnterpriseAccount } from './use-enterprise-account.tsx';

// ECharts stays in its own chunk, loaded after the page's figures.
const MonthlyTrendChart = lazy(() => import('./monthly-trend-chart.tsx').then((m) => ({ default: m.MonthlyTrendChart })));

const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

export function CarbonAccountPage() {
  const { t, api } = useApp();
  const me = useMe();
  const enterpriseId = me.organisation.id;
  const account = useEnterpriseAccount({ enterpriseId });
  const objections = useAsync(() => api.get<{ items: Objection[] }>('/api/v1/objections'), [enterpriseId]);
  const data = account.data;
  const loading = account.loading && !data;
  const monitoring = data?.labels.find((l) => l.kind === 'monitoring');
  const official = (data?.labels ?? []).filter((l) => l.kind === 'official');

  const reloadAll = () => {
    account.reload();
    objections.reload();
  };

  return (
    <div data-testid="carbon-account-page">
      <PageTitle>{t('carbonAccount')}</PageTitle>
      {account.error && <Alert type="error" showIcon message={account.error.message} style={{ marginBottom: 16 }} data-testid="carbon-account-error" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <MonitoringLabelCard label={monitoring} loading={loading} />
        </Col>
        <Col xs={24} xl={14}>
          {objections.error && <Alert type="warning" showIcon message={objections.error.message} style={{ marginBottom: 8 }} />}
          <OfficialLabelsCard
            labels={official}
            loading={loading}
            objections={objections.data?.items ?? []}
            canObject={canSubmitForEnterprise(me)}
            onObjectionFiled={objections.reload}
          />
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
          <MonthImportCard enterpriseId={enterpriseId} canImport={canSubmitForEnterprise(me)} onImported={reloadAll} />
        </Col>
      </Row>
    </div>
  );
}
