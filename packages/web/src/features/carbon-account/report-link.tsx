/** The 「碳账户报告」 button on 我的碳账户 and on an enterprise's detail page: opens the report page (banks with the purpose they chose). */
import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { useApp } from '../../app/app-context.tsx';
import type { ConsentPurpose } from './use-enterprise-account.tsx';

export function ReportLink({ enterpriseId, purpose }: { enterpriseId: string; purpose?: ConsentPurpose | undefined }) {
  const { t } = useApp();
  const navigate = useNavigate();
  const to = `/enterprises/${encodeURIComponent(enterpriseId)}/report${purpose ? `?purpose=${purpose}` : ''}`;
  return (
    <Button onClick={() => void navigate(to)} data-testid="report-open">
      {t('carbonAccountReport')}
    </Button>
  );
}
