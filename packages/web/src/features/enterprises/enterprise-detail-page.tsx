/**
 * One enterprise (`/enterprises/:id`): its registry profile, latest labels, monthly trend and table,
 * and annual accounts — for whoever the server lets read them. Banks, insurers and guarantors state
 * a purpose and need the enterprise's consent in force for it: without one they get the
 * consent-required state (the API's 403 message), never data.
 */
import { lazy, Suspense, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Card, Col, Descriptions, Empty, Flex, Result, Row, Select, Skeleton, Tag, Typography } from 'antd';
import type { Enterprise } from '@cfp/contracts';
import { ApiError } from '../../app/api-client.ts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { dynamicKey, type MessageKey } from '../../app/i18n.ts';
import { isFinancialInstitution } from '../../app/role-home.ts';
import { AnnualAccountsTable } from '../carbon-account/annual-accounts-table.tsx';
import { MonitoringLabelCard } from '../carbon-account/monitoring-label-card.tsx';
import { MonthsTable } from '../carbon-account/months-table.tsx';
import { OfficialLabelsCard } from '../carbon-account/official-labels-card.tsx';
import { useEnterpriseAccount, type ConsentPurpose } from '../carbon-account/use-enterprise-account.tsx';
import { NotFound } from '../common/not-found.tsx';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { EnterpriseFlags } from './enterprise-flags.tsx';
import { useAreas } from './use-area-names.tsx';

const MonthlyTrendChart = lazy(() => import('../carbon-account/monthly-trend-chart.tsx').then((m) => ({ default: m.MonthlyTrendChart })));

const purposes: readonly ConsentPurpose[] = ['pre_loan', 'post_loan', 'guarantee'];
const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/** The API's refusal as a state: consent required (financial institutions), not entitled, or not found. */
function Refusal({ error, financial }: { error: Error; financial: boolean }) {
  const { t } = useApp();
  if (error instanceof ApiError && error.status === 404) return <NotFound detail={error.message} />;
  if (error instanceof ApiError && error.status === 403) {
    return financial ? (
      <div data-testid="consent-required">
        <Result
          status="403"
          title={<h2 style={{ margin: 0 }}>{t('consentRequired')}</h2>}
          subTitle={
            <>
              <div data-testid="consent-required-message">{error.message}</div>
              <div>{t('consentRequiredHint')}</div>
            </>
          }
        />
      </div>
    ) : (
      <div data-testid="not-entitled">
        <Result status="403" title={<h2 style={{ margin: 0 }}>{t('notEntitled')}</h2>} subTitle={error.message} />
      </div>
    );
  }
  return <Alert type="error" showIcon message={error.message} />;
}

export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t, api, language } = useApp();
  const me = useMe();
  const financial = isFinancialInstitution(me);
  const { nameOf } = useAreas();
  const [purpose, setPurpose] = useState<ConsentPurpose>('pre_loan');
  const query = financial ? { purpose } : {};
  const profile = useAsync(() => api.get<Enterprise>(`/api/v1/enterprises/${encodeURIComponent(id)}`, query), [id, financial, purpose]);
  const account = useEnterpriseAccount({ enterpriseId: id, purpose: financial ? purpose : undefined, enabled: profile.data !== undefined && !profile.error });
  const enterprise = profile.error ? undefined : profile.data;
  const data = account.data;
  // The first answer (before the profile is in) is empty: show loading until the real one.
  const loading = account.loading;
  const monitoring = data?.labels.find((l) => l.kind === 'monitoring');
  const official = (data?.labels ?? []).filter((l) => l.kind === 'official');

  const purposeSelect = financial && (
    <Flex gap={8} align="center">
      <Typography.Text>{t('purpose')}</Typography.Text>
      <Select
        data-testid="purpose-select"
        value={purpose}
        style={{ minWidth: 140 }}
        onChange={(v: ConsentPurpose) => setPurpose(v)}
        options={purposes.map((p) => ({ value: p, label: t(`purpose_${p}` as MessageKey) }))}
      />
    </Flex>
  );

  return (
    <div data-testid="enterprise-detail-page">
      <PageTitle extra={purposeSelect}>{enterprise ? (language === 'en' ? enterprise.nameEn || enterprise.nameZh : enterprise.nameZh) : t('enterpriseDetail')}</PageTitle>
      {profile.loading && !profile.data && !profile.error && <Skeleton active />}
      {profile.error && <Refusal error={profile.error} financial={financial} />}
      {enterprise && (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card title={cardTitle(t('enterpriseProfile'))} data-testid="enterprise-profile">
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('name')}>{enterprise.nameZh}</Descriptions.Item>
                <Descriptions.Item label={t('uscc')}>{enterprise.uscc ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('area')}>{nameOf(enterprise.areaId)}</Descriptions.Item>
                <Descriptions.Item label={t('sector')}>{enterprise.sector ? t(dynamicKey('sector', enterprise.sector) ?? 'sector') : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('industryClass')}>{`${enterprise.industryClass} ${enterprise.industryClassNameZh ?? ''}`}</Descriptions.Item>
                <Descriptions.Item label={t('flags')}>
                  <EnterpriseFlags enterprise={enterprise} />
                </Descriptions.Item>
                <Descriptions.Item label={t('products')}>
                  {enterprise.products.length
                    ? enterprise.products.map((p) => (
                        <Tag key={p.productId}>
                          {p.nameZh} ({p.unit})
                        </Tag>
                      ))
                    : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('meterAccounts')}>{enterprise.meterAccounts.join('、') || '—'}</Descriptions.Item>
              </Descriptions>
              {enterprise.isDemo && (
                <Tag color="default" style={{ marginTop: 8 }}>
                  {t('demoData')}
                </Tag>
              )}
            </Card>
          </Col>
          {account.error ? (
            <Col xs={24}>
              <Refusal error={account.error} financial={financial} />
            </Col>
          ) : (
            <>
              <Col xs={24} xl={10}>
                <MonitoringLabelCard label={monitoring} loading={loading} />
              </Col>
              <Col xs={24} xl={14}>
                <OfficialLabelsCard labels={official} loading={loading} />
              </Col>
              <Col xs={24}>
                <Card title={cardTitle(t('monthlyTrend'))}>
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
            </>
          )}
        </Row>
      )}
    </div>
  );
}
