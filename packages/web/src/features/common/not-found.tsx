/** The state shown for unknown pages and for records the caller may not see (the API's 404/403). */
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useApp } from '../../app/app-context.tsx';

export function NotFound({ detail }: { detail?: string }) {
  const { t } = useApp();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h2 data-testid="not-found">{t('notFoundTitle')}</h2>}
      subTitle={detail ?? t('notFoundText')}
      extra={
        <Button type="primary" onClick={() => navigate('/home')}>
          {t('backHome')}
        </Button>
      }
    />
  );
}
