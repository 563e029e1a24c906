/** The audit trail (`GET /api/v1/audit`) for administrators and regulators, with filters and "load more". */
import { useState } from 'react';
import { Button, DatePicker, Form, Input } from 'antd';
import type { AuditEntryView } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useKeysetList } from '../common/keyset-list.tsx';
import { KeysetTable } from '../common/keyset-table.tsx';

interface Filters {
  action?: string;
  actorUserId?: string;
  actorOrganisationId?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

interface FilterForm {
  action?: string;
  actorUserId?: string;
  actorOrganisationId?: string;
  targetId?: string;
  period?: [{ toISOString(): string } | null, { toISOString(): string } | null] | null;
}

const blankToUndefined = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

export function AuditPage() {
  const { t, language } = useApp();
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<AuditEntryView>('/api/v1/audit', { ...filters, limit: 50 });

  function apply(values: FilterForm) {
    setFilters({
      action: blankToUndefined(values.action),
      actorUserId: blankToUndefined(values.actorUserId),
      actorOrganisationId: blankToUndefined(values.actorOrganisationId),
      targetId: blankToUndefined(values.targetId),
      from: values.period?.[0]?.toISOString(),
      to: values.period?.[1]?.toISOString(),
    });
  }

  return (
    <div data-testid="audit-page">
      <PageTitle>{t('audit')}</PageTitle>
      <Form layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="action">
          <Input placeholder={t('actionFilter')} allowClear />
        </Form.Item>
        <Form.Item name="actorUserId">
          <Input placeholder={t('actor')} allowClear />
        </Form.Item>
        <Form.Item name="actorOrganisationId">
          <Input placeholder={t('actorOrganisation')} allowClear />
        </Form.Item>
        <Form.Item name="targetId">
          <Input placeholder={t('target')} allowClear />
        </Form.Item>
        <Form.Item name="period">
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('filter')}
          </Button>
        </Form.Item>
      </Form>
      <KeysetTable<AuditEntryView>
        list={list}
        rowKey="seq"
        scroll={{ x: 960 }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('at'), dataIndex: 'at', width: 180, render: (v: string) => formatInstant(v, language) },
          { title: t('action'), dataIndex: 'action' },
          { title: t('actor'), dataIndex: 'actorUserId', render: (v: string | null) => v ?? '—' },
          { title: t('actorOrganisation'), dataIndex: 'actorOrganisationId', render: (v: string | null) => v ?? '—' },
          { title: t('target'), key: 'target', render: (_: unknown, e) => (e.targetType ? `${e.targetType}:${e.targetId ?? ''}` : '—') },
          { title: t('requestId'), dataIndex: 'requestId', render: (v: string | null) => <code>{v ?? '—'}</code> },
        ]}
      />
    </div>
  );
}
