/**
 * One enterprise (`/enterprises/:id`): its registry profile and the carbon-account blocks it
 * shares with 我的碳账户 (labels, intensity against 标杆/基准, trend, emissions by source, accounts,
 * months, data versions, verification), a link to its 碳账户报告 — for whoever the server lets read them. Banks, insurers and guarantors state
 * a purpose and need the enterprise's consent in force for it: without one they get the
 * consent-required state (the API's 403 message), never data.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Card, Col, Descriptions, Flex, Result, Row, Select, Skeleton, Tag, Typography } from 'antd';
import type { Enterprise } from '@cfp/contracts';
import { ApiError } from '../../app/api-client.ts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { dynamicKey, type MessageKey } from '../../app/i18n.ts';
import { isFinancialInstitution } from '../../app/role-home.ts';
import { cardTitle, EnterpriseAccountBlocks } from '../carbon-account/enterprise-account-blocks.tsx';
import { ReportLink } from '../carbon-account/report-link.tsx';
import type { ConsentPurpose } from '../carbon-account/use-enterprise-account.tsx';
import { NotFound } from '../common/not-found.tsx';
import { PageTitle } from '../common/page-title.tsx';
import { WhatIfLink } from '../carbon-account/what-if-link.tsx';
import { useAsync } from '../common/use-async.tsx';
import { EnterpriseFlags } from './enterprise-flags.tsx';
import { useAreas } from './use-area-names.tsx';

const purposes: readonly ConsentPurpose[] = ['pre_loan', 'post_loan', 'guarantee'];

/** The API's refusal as a state (also the report page's): consent required (financial institutions), not entitled, or not found. */
export function Refusal({ error, financial }: { error: Error; financial: boolean }) {
  const { t } = useApp();
  if (error instanceof ApiError && error.status === 404) return <NotFound detail={error.message} />;
  if (error instanceof ApiError && error.status === 403) {
    return error.code === 'CONSENT_REQUIRED' || financial ? (
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
  const enterprise = profile.error ? undefined : profile.data;

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
      <PageTitle
        extra={
          <Flex gap={8} wrap align="center">
            {purposeSelect}
            {enterprise && <ReportLink enterpriseId={id} purpose={financial ? purpose : undefined} />}
            <WhatIfLink enterpriseId={id} />
          </Flex>
        }
      >
        {enterprise ? (language === 'en' ? enterprise.nameEn || enterprise.nameZh : enterprise.nameZh) : t('enterpriseDetail')}
      </PageTitle>
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
          <Col xs={24}>
            <EnterpriseAccountBlocks
              enterpriseId={id}
              purpose={financial ? purpose : undefined}
              enabled={profile.data !== undefined && !profile.error}
              renderError={(error) => <Refusal error={error} financial={financial} />}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
