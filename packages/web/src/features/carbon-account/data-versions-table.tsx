/** 数据版本: every revision of the enterprise's months — who submitted it, when, through which channel, and whether it is current. */
import { Table, Tag } from 'antd';
import type { DataVersion } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { formatInstant, type MessageKey } from '../../app/i18n.ts';

export function DataVersionsTable({ versions, loading }: { versions: DataVersion[]; loading?: boolean }) {
  const { t, language } = useApp();
  return (
    <Table<DataVersion>
      data-testid="data-versions"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={versions}
      pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 760 }}
      locale={{ emptyText: t('noData') }}
      columns={[
        { title: t('month'), dataIndex: 'month' },
        {
          title: t('revision'),
          dataIndex: 'revision',
          render: (revision: number, v) => (
            <>
              {`v${revision} `}
              {v.isCurrent ? <Tag color="green">{t('currentVersion')}</Tag> : <Tag>{t('supersededVersion')}</Tag>}
            </>
          ),
        },
        { title: t('channel'), dataIndex: 'channel', render: (c: string) => t(`channel_${c}` as MessageKey) },
        { title: t('dataQuality'), dataIndex: 'quality', render: (q: string) => t(`quality_${q}` as MessageKey) },
        { title: t('submittedBy'), dataIndex: 'submittedByName', render: (name: string | null) => name ?? '—' },
        { title: t('submittedAt'), dataIndex: 'submittedAt', render: (at: string) => formatInstant(at, language) },
        { title: t('note'), dataIndex: 'note', render: (note: string | null) => note ?? '' },
      ]}
    />
  );
}
