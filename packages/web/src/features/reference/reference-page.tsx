/**
 * 因子库 (`/reference`): every factor and benchmark in effect with its source status (已核实 /
 * 二手来源 / 未核实 / 设计值) and 「暂定」 for unverified values, filtered by kind, status or text; a
 * record opens its versions. Platform administrators also start a recalculation here (重新计算)
 * and see the earlier ones; city-level government bodies read.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Checkbox, Flex, Input, Select, Space, Table, Typography } from 'antd';
import type { ReferenceRecordSummary } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { dynamicKey, formatDate } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { RecalculationCard } from './recalculation-card.tsx';
import { ProvisionalTag, ReferenceStatusTag } from './reference-status-tag.tsx';

export const referenceKindList = [
  'electricity_factor',
  'fuel_factor_set',
  'heat_factor',
  'heat_conversion',
  'process_factor',
  'gwp_set',
  'standard_coal_factor',
  'energy_benchmark',
] as const satisfies readonly ReferenceRecordSummary['kind'][];

/** Platform administrators publish factor versions and recalculate (the server decides all the same). */
export const isPlatformAdmin = (me: { organisation: { type: string }; roles: readonly string[] }): boolean => me.organisation.type === 'platform' && me.roles.includes('admin');

export function ReferencePage() {
  const { t, api, language } = useApp();
  const me = useMe();
  const navigate = useNavigate();
  const admin = isPlatformAdmin(me);
  const [kind, setKind] = useState<ReferenceRecordSummary['kind'] | undefined>(undefined);
  const [q, setQ] = useState('');
  const [unconfirmed, setUnconfirmed] = useState(false);
  const list = useAsync(
    () => api.get<{ items: ReferenceRecordSummary[] }>('/api/v1/reference/records', { kind, q: q.trim() || undefined, unconfirmed: unconfirmed ? 'true' : undefined }),
    [api, kind, q, unconfirmed],
  );
  const kindName = (k: string) => t(dynamicKey('refKind', k) ?? 'refKind');
  const open = (r: ReferenceRecordSummary) => navigate(`/reference/records/${r.kind}/${r.id}`);

  return (
    <div data-testid="reference-page">
      <PageTitle>{t('reference')}</PageTitle>
      {!admin && <Alert type="info" showIcon message={t('refReadOnly')} style={{ marginBottom: 16 }} />}
      <RecalculationCard canStart={admin} />
      <Flex gap={12} wrap align="center" style={{ margin: '16px 0' }}>
        <Select
          data-testid="reference-kind-filter"
          allowClear
          placeholder={t('refAllKinds')}
          style={{ minWidth: 200 }}
          value={kind}
          onChange={(v) => setKind(v)}
          options={referenceKindList.map((k) => ({ value: k, label: kindName(k) }))}
        />
        <Input.Search data-testid="reference-search" allowClear placeholder={t('refSearch')} style={{ maxWidth: 260 }} onSearch={(v) => setQ(v)} />
        <Checkbox data-testid="reference-unconfirmed" checked={unconfirmed} onChange={(e) => setUnconfirmed(e.target.checked)}>
          {t('refOnlyUnconfirmed')}
        </Checkbox>
      </Flex>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Table<ReferenceRecordSummary>
        data-testid="reference-table"
        rowKey={(r) => `${r.kind}/${r.id}`}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        size="middle"
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': `reference-row-${r.id}`, onClick: () => open(r), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('refKind'), key: 'kind', width: 150, render: (_, r) => kindName(r.kind) },
          {
            title: t('refName'),
            key: 'name',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/reference/records/${r.kind}/${r.id}`} data-testid={`reference-open-${r.id}`} onClick={(e) => e.stopPropagation()}>
                  {(language === 'en' ? r.nameEn : r.nameZh) ?? r.nameZh ?? r.id}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.ref}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('refValues'),
            key: 'values',
            render: (_, r) =>
              r.rows ? (
                <Typography.Text type="secondary">{`${r.rows.length} ${t('refRow')}`}</Typography.Text>
              ) : (
                <Space direction="vertical" size={0}>
                  {Object.entries(r.values).map(([k, v]) => (
                    <span key={k}>
                      <Typography.Text code>{k}</Typography.Text> {v ?? '—'}
                    </span>
                  ))}
                </Space>
              ),
          },
          { title: t('refUnit'), dataIndex: 'unit', width: 120, render: (u: string | null) => u ?? '—' },
          {
            title: t('refStatus'),
            key: 'status',
            width: 150,
            render: (_, r) => (
              <Space size={4} wrap>
                <ReferenceStatusTag status={r.status} />
                {r.provisional && <ProvisionalTag />}
              </Space>
            ),
          },
          {
            title: t('refVersion'),
            key: 'version',
            width: 110,
            render: (_, r) => (r.latestVersion > r.version ? `v${r.version}（${t('refLatest')} v${r.latestVersion}）` : `v${r.version}`),
          },
          { title: t('refEffectiveFrom'), key: 'effective', width: 130, render: (_, r) => (r.effectiveFrom ? formatDate(`${r.effectiveFrom}T00:00:00+08:00`, language) : '—') },
        ]}
      />
    </div>
  );
}
