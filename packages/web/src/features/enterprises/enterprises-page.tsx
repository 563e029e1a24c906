/**
 * 企业名录 (the enterprise registry): government bodies see the city (a county its own area),
 * regulators and platform admins all. Filters: area, industry class (GB/T 4754-2017), key energy
 * user, name or USCC; each name opens the enterprise's account.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Flex, Input, Select, Table, Typography } from 'antd';
import type { Enterprise } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { EnterpriseFlags } from './enterprise-flags.tsx';
import { useAreas } from './use-area-names.tsx';

export function EnterprisesPage() {
  const { t, api, language } = useApp();
  const { areas, nameOf } = useAreas();
  const [areaId, setAreaId] = useState<string | undefined>(undefined);
  const [industryClass, setIndustryClass] = useState<string | undefined>(undefined);
  const [keyEmitter, setKeyEmitter] = useState<'true' | 'false' | undefined>(undefined);
  const [q, setQ] = useState<string | undefined>(undefined);
  const list = useAsync(() => api.get<{ items: Enterprise[] }>('/api/v1/enterprises', { areaId, industryClass, keyEmitter, q }), [areaId, industryClass, keyEmitter, q]);
  // The class choices come from the unfiltered registry (the first answer), kept while filtering.
  const all = useAsync(() => api.get<{ items: Enterprise[] }>('/api/v1/enterprises').catch(() => ({ items: [] as Enterprise[] })), []);
  const classes = useMemo(() => {
    const seen = new Map<string, string>();
    for (const e of all.data?.items ?? []) seen.set(e.industryClass, e.industryClassNameZh ?? '');
    return [...seen].sort(([a], [b]) => a.localeCompare(b));
  }, [all.data]);
  const sectorName = (v: string | null) => (v ? t(dynamicKey('sector', v) ?? 'sector') : '—');
  const items = list.data?.items ?? [];

  return (
    <div data-testid="enterprises-page">
      <PageTitle>{t('enterprises')}</PageTitle>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          data-testid="enterprise-area-filter"
          placeholder={t('allAreas')}
          style={{ minWidth: 200 }}
          value={areaId}
          onChange={(v: string | undefined) => setAreaId(v)}
          options={areas.filter((a) => a.type !== 'city').map((a) => ({ value: a.id, label: nameOf(a.id) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          data-testid="enterprise-class-filter"
          placeholder={t('allIndustryClasses')}
          style={{ minWidth: 240 }}
          value={industryClass}
          onChange={(v: string | undefined) => setIndustryClass(v)}
          options={classes.map(([code, name]) => ({ value: code, label: `${code} ${name}` }))}
        />
        <Select
          allowClear
          data-testid="enterprise-key-filter"
          placeholder={t('keyEmitterFilter')}
          style={{ minWidth: 160 }}
          value={keyEmitter}
          onChange={(v: 'true' | 'false' | undefined) => setKeyEmitter(v)}
          options={[
            { value: 'true', label: t('keyEmitterYes') },
            { value: 'false', label: t('keyEmitterNo') },
          ]}
        />
        <Input.Search
          allowClear
          data-testid="enterprise-search"
          placeholder={t('searchPlaceholder')}
          enterButton={t('search')}
          style={{ maxWidth: 360 }}
          onSearch={(v) => setQ(v.trim() || undefined)}
        />
      </Flex>
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 16 }} />}
      {list.data && (
        <Typography.Paragraph type="secondary" data-testid="enterprise-count">
          {t('enterpriseCount').replace('{n}', String(items.length))}
        </Typography.Paragraph>
      )}
      <Table<Enterprise>
        data-testid="enterprise-table"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 980 }}
        locale={{ emptyText: t('noData') }}
        columns={[
          {
            title: t('name'),
            dataIndex: 'nameZh',
            render: (v: string, e) => (
              <Link to={`/enterprises/${encodeURIComponent(e.id)}`} title={e.nameEn}>
                {language === 'en' ? e.nameEn || v : v}
              </Link>
            ),
          },
          { title: t('uscc'), dataIndex: 'uscc', width: 200, render: (v: string | null) => v ?? '—' },
          { title: t('area'), dataIndex: 'areaId', width: 150, render: (v: string) => nameOf(v) },
          { title: t('sector'), dataIndex: 'sector', width: 120, render: sectorName },
          { title: t('industryClass'), key: 'class', render: (_: unknown, e) => `${e.industryClass} ${e.industryClassNameZh ?? ''}` },
          { title: t('flags'), key: 'flags', width: 260, render: (_: unknown, e) => <EnterpriseFlags enterprise={e} /> },
        ]}
      />
    </div>
  );
}
