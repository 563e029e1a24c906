/** Job progress (`GET /api/v1/jobs`): a progress bar per job, polled every 2 s while any job runs. */
import { useEffect } from 'react';
import { Alert, Progress, Table, Tag } from 'antd';
import type { Job } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';

const statusColour: Record<string, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };
const pollMs = 2000;

export function JobsPage() {
  const { t, api, language } = useApp();
  const jobs = useAsync(() => api.get<{ items: Job[] }>('/api/v1/jobs', { limit: 50 }), []);
  const active = (jobs.data?.items ?? []).some((j) => j.status === 'queued' || j.status === 'running');
  const { reload } = jobs;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [active, reload]);

  return (
    <div data-testid="jobs-page">
      <PageTitle>{t('jobs')}</PageTitle>
      {jobs.error && <Alert type="error" showIcon message={jobs.error.message} style={{ marginBottom: 16 }} />}
      <Table<Job>
        rowKey="id"
        size="small"
        loading={jobs.loading && !jobs.data}
        dataSource={jobs.data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('noData') }}
        columns={[
          { title: t('jobKind'), dataIndex: 'kind' },
          { title: t('status'), dataIndex: 'status', width: 110, render: (v: string) => <Tag color={statusColour[v]}>{t(dynamicKey('jobStatus', v) ?? 'status')}</Tag> },
          {
            title: t('progress'),
            dataIndex: 'progress',
            width: 220,
            render: (v: number, j) => <Progress percent={v} size="small" status={j.status === 'failed' ? 'exception' : j.status === 'succeeded' ? 'success' : 'active'} />,
          },
          { title: t('message'), key: 'message', render: (_: unknown, j) => j.error?.message ?? j.message ?? '—' },
          { title: t('createdAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatInstant(v, language) },
        ]}
      />
    </div>
  );
}
