/**
 * 我的碳账户 (an enterprise's own account): the blocks it shares with the enterprise detail
 * (labels with objections, intensity against 标杆/基准, trend, emissions by source, accounts,
 * months, data versions, verification), the month import, and links to the 碳账户报告 and the
 * what-if. Everything reloads after an import or an objection.
 */
import { useState } from 'react';
import { Alert, Flex } from 'antd';
import type { Objection } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { canSubmitForEnterprise } from '../../app/role-home.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { EnterpriseAccountBlocks } from './enterprise-account-blocks.tsx';
import { MonthImportCard } from './month-import-card.tsx';
import { ReportLink } from './report-link.tsx';
import { WhatIfLink } from './what-if-link.tsx';

export function CarbonAccountPage() {
  const { t, api } = useApp();
  const me = useMe();
  const enterpriseId = me.organisation.id;
  const objections = useAsync(() => api.get<{ items: Objection[] }>('/api/v1/objections'), [enterpriseId]);
  const [reloadKey, setReloadKey] = useState(0);

  const reloadAll = () => {
    setReloadKey((n) => n + 1);
    objections.reload();
  };

  return (
    <div data-testid="carbon-account-page">
      <PageTitle
        extra={
          <Flex gap={8} wrap>
            <ReportLink enterpriseId={enterpriseId} />
            <WhatIfLink />
          </Flex>
        }
      >
        {t('carbonAccount')}
      </PageTitle>
      <EnterpriseAccountBlocks
        enterpriseId={enterpriseId}
        objections={objections.data?.items ?? []}
        canObject={canSubmitForEnterprise(me)}
        onObjectionFiled={objections.reload}
        reloadKey={reloadKey}
        renderError={(error) => <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} data-testid="carbon-account-error" />}
      />
      {objections.error && <Alert type="warning" showIcon message={objections.error.message} style={{ marginTop: 16 }} />}
      <div style={{ marginTop: 16 }}>
        <MonthImportCard enterpriseId={enterpriseId} canImport={canSubmitForEnterprise(me)} onImported={reloadAll} />
      </div>
    </div>
  );
}
