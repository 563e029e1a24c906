/**
 * Enterprise consents: grant a bank, insurer or guarantor office named data for a purpose and a
 * term, revoke it, and see the read log (who read what, when, why).
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import type { Consent, Organisation } from '@cfp/contracts';
import type { z } from 'zod';
import type { consentReadSchema } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, type MessageKey, formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useKeysetList } from '../common/keyset-list.tsx';
import { useAsync } from '../common/use-async.tsx';

type ConsentRead = z.infer<typeof consentReadSchema>;
const dataScopes = ['carbon_account', 'account_report', 'profile'] as const;
const purposes = ['pre_loan', 'post_loan', 'guarantee'] as const;
const granteeTypes = ['bank', 'insurer', 'guarantor'] as const;

interface BusinessDay {
  format(pattern: string): string;
}
interface GrantForm {
  granteeId: string;
  dataScopes: string[];
  purpose: string;
  term: [BusinessDay, BusinessDay];
}

const statusColour: Record<Consent['status'], string> = { active: 'green', scheduled: 'blue', expired: 'default', revoked: 'red' };

export function ConsentsPage() {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const label = (prefix: string, v: string) => t(dynamicKey(prefix, v) ?? (v as MessageKey));
  const consents = useAsync(() => api.get<{ items: Consent[] }>('/api/v1/consents'), []);
  const reads = useKeysetList<ConsentRead>('/api/v1/consents/reads', { limit: 50 });
  const grantees = useAsync(
    async () => (await Promise.all(granteeTypes.map((type) => api.get<{ items: Organisation[] }>('/api/v1/organisations', { type, limit: 200 })))).flatMap((p) => p.items),
    [],
  );
  const granteeName = useMemo(() => new Map((grantees.data ?? []).map((o) => [o.id, o.nameZh])), [grantees.data]);
  const [granting, setGranting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<GrantForm>();

  async function grant(values: GrantForm) {
    setError(null);
    try {
      await api.post('/api/v1/consents', {
        granteeId: values.granteeId,
        dataScopes: values.dataScopes,
        purpose: values.purpose,
        validFrom: values.term[0].format('YYYY-MM-DD'),
        validTo: values.term[1].format('YYYY-MM-DD'),
      });
      setGranting(false);
      form.resetFields();
      consents.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function revoke(id: string) {
    try {
      await api.post(`/api/v1/consents/${encodeURIComponent(id)}/revoke`, {});
      consents.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div data-testid="consents-page">
      <PageTitle
        extra={
          <Button type="primary" data-testid="grant-consent" onClick={() => setGranting(true)}>
            {t('grantConsent')}
          </Button>
        }
      >
        {t('consents')}
      </PageTitle>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('consentList')}</h2>} style={{ marginBottom: 16 }}>
        {consents.error && <Alert type="error" showIcon message={consents.error.message} style={{ marginBottom: 16 }} />}
        <Table<Consent>
          data-testid="consent-table"
          rowKey="id"
          size="small"
          loading={consents.loading}
          dataSource={consents.data?.items ?? []}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('noData') }}
          columns={[
            { title: t('grantee'), dataIndex: 'granteeId', render: (v: string) => granteeName.get(v) ?? v },
            { title: t('dataScopes'), dataIndex: 'dataScopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{label('scope', x)}</Tag>) },
            { title: t('purpose'), dataIndex: 'purpose', render: (v: string) => label('purpose', v) },
            { title: t('term'), key: 'term', render: (_: unknown, c) => `${c.validFrom} ~ ${c.validTo}` },
            { title: t('status'), dataIndex: 'status', render: (v: Consent['status']) => <Tag color={statusColour[v]}>{label('consentStatus', v)}</Tag> },
            {
              title: t('actions'),
              key: 'actions',
              render: (_: unknown, c) =>
                c.status === 'revoked' || c.status === 'expired' ? null : (
                  <Popconfirm title={t('revokeConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => revoke(c.id)}>
                    <Button size="small" danger data-testid={`revoke-${c.id}`}>
                      {t('revokeConsent')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('readLog')}</h2>}
        extra={
          <Button size="small" data-testid="reload-reads" onClick={reads.reload}>
            {t('refresh')}
          </Button>
        }
      >
        {reads.error && <Alert type="error" showIcon message={reads.error.message} style={{ marginBottom: 16 }} />}
        <Table<ConsentRead>
          data-testid="read-log"
          rowKey="id"
          size="small"
          loading={reads.loading}
          dataSource={reads.items}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('noData') }}
          columns={[
            { title: t('readAt'), dataIndex: 'readAt', render: (v: string) => formatInstant(v, language) },
            { title: t('reader'), dataIndex: 'readerOrganisationName' },
            { title: t('dataScopes'), dataIndex: 'dataScope', render: (v: string) => label('scope', v) },
            { title: t('purpose'), dataIndex: 'purpose', render: (v: string) => label('purpose', v) },
            {
              title: t('readResource'),
              dataIndex: 'resource',
              render: (v: string | null) =>
                v ? (
                  <Tag color="blue" data-testid="read-resource" data-resource={v}>
                    {t(`resource_${v}` as MessageKey)}
                  </Tag>
                ) : (
                  t('resource_api')
                ),
            },
          ]}
        />
        {reads.hasMore && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button loading={reads.loading} onClick={reads.loadMore}>
              {t('loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
      <Modal
        open={granting}
        title={t('grantConsent')}
        okText={t('grant')}
        cancelText={t('cancel')}
        onCancel={() => setGranting(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'grant-submit' } as Record<string, string>}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="grant-error" />}
        <Form form={form} layout="vertical" onFinish={grant} initialValues={{ dataScopes: ['profile'], purpose: 'pre_loan' }}>
          <Form.Item name="granteeId" label={t('grantee')} rules={[{ required: true, message: t('required') }]}>
            <Select
              data-testid="grantee-select"
              showSearch
              optionFilterProp="label"
              placeholder={t('granteePlaceholder')}
              loading={grantees.loading}
              options={granteeTypes.map((type) => ({
                label: label('type', type),
                options: (grantees.data ?? []).filter((o) => o.type === type).map((o) => ({ value: o.id, label: o.nameZh })),
              }))}
            />
          </Form.Item>
          <Form.Item name="dataScopes" label={t('dataScopes')} rules={[{ required: true, message: t('required') }]}>
            <Checkbox.Group options={dataScopes.map((s) => ({ value: s, label: label('scope', s) }))} />
          </Form.Item>
          <Form.Item name="purpose" label={t('purpose')} rules={[{ required: true, message: t('required') }]}>
            <Select options={purposes.map((p) => ({ value: p, label: label('purpose', p) }))} />
          </Form.Item>
          <Form.Item name="term" label={t('term')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker.RangePicker data-testid="term-picker" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
