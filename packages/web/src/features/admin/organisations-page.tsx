/** Organisations the caller may see: filter by type and name/USCC, keyset "load more", users per organisation. */
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Collapse, Flex, Input, Select, Skeleton, Table, Tag } from 'antd';
import type { Organisation } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useKeysetList } from '../common/keyset-list.tsx';

const OrganisationTypeChart = lazy(() => import('./organisation-type-chart.tsx').then((m) => ({ default: m.OrganisationTypeChart })));

const types = ['platform', 'government', 'county_government', 'regulator', 'bank', 'insurer', 'guarantor', 'enterprise', 'verifier', 'partner', 'residents'] as const;

export function OrganisationsPage() {
  const { t } = useApp();
  const [type, setType] = useState<string | undefined>(undefined);
  const [q, setQ] = useState<string | undefined>(undefined);
  const list = useKeysetList<Organisation>('/api/v1/organisations', { type, q, limit: 50 });
  const typeLabel = (v: string) => t(dynamicKey('type', v) ?? 'organisationType');

  return (
    <div data-testid="organisations-page">
      <PageTitle>{t('organisations')}</PageTitle>
      <Collapse
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'chart',
            label: t('orgsByType'),
            children: (
              <Suspense fallback={<Skeleton active />}>
                <OrganisationTypeChart />
              </Suspense>
            ),
          },
        ]}
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          data-testid="organisation-type-filter"
          placeholder={t('allTypes')}
          style={{ minWidth: 180 }}
          value={type}
          onChange={(v: string | undefined) => setType(v)}
          options={types.map((v) => ({ value: v, label: typeLabel(v) }))}
        />
        <Input.Search
          allowClear
          data-testid="organisation-search"
          placeholder={t('searchPlaceholder')}
          enterButton={t('search')}
          style={{ maxWidth: 360 }}
          onSearch={(v) => setQ(v.trim() || undefined)}
        />
      </Flex>
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<Organisation>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('noData') }}
        columns={[
          { title: t('name'), dataIndex: 'nameZh', render: (v: string, o) => <span title={o.nameEn}>{v}</span> },
          {
            title: t('organisationType'),
            dataIndex: 'type',
            width: 160,
            render: (v: string, o) => (
              <>
                <Tag>{typeLabel(v)}</Tag>
                {o.bankLevel && <Tag>{t(dynamicKey('bankLevel', o.bankLevel) ?? 'organisationType')}</Tag>}
              </>
            ),
          },
          { title: t('uscc'), dataIndex: 'uscc', width: 200, render: (v: string | null) => v ?? '—' },
          { title: t('actions'), key: 'actions', width: 120, render: (_: unknown, o) => <Link to={`/organisations/${encodeURIComponent(o.id)}/users`}>{t('viewUsers')}</Link> },
        ]}
      />
      {list.hasMore && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button data-testid="load-more" loading={list.loading} onClick={list.loadMore}>
            {t('loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
