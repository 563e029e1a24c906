/** API tokens: the caller's and those of organisations it administers; issue (secret shown once) and revoke. */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { apiTokenSchema } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';

type ApiToken = z.infer<typeof apiTokenSchema>;

export function TokensPage() {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const tokens = useAsync(() => api.get<{ items: ApiToken[] }>('/api/v1/tokens'), []);
  const [issuing, setIssuing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; scopes: string[]; ttlDays: number }>();

  async function issue(values: { name: string; scopes: string[]; ttlDays: number }) {
    setError(null);
    try {
      const created = await api.post<{ token: string }>('/api/v1/tokens', values);
      setIssuing(false);
      form.resetFields();
      setSecret(created.token);
      tokens.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function revoke(id: string) {
    try {
      await api.post(`/api/v1/tokens/${encodeURIComponent(id)}/revoke`, {});
      tokens.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const when = (v: string | null) => formatInstant(v, language);
  return (
    <div data-testid="tokens-page">
      <PageTitle
        extra={
          <Button type="primary" data-testid="issue-token" onClick={() => setIssuing(true)}>
            {t('issueToken')}
          </Button>
        }
      >
        {t('tokens')}
      </PageTitle>
      {tokens.error && <Alert type="error" showIcon message={tokens.error.message} style={{ marginBottom: 16 }} />}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.loading}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('noData') }}
        columns={[
          { title: t('tokenName'), dataIndex: 'name' },
          { title: t('tokenPrefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
          { title: t('tokenScopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('expiresAt'), dataIndex: 'expiresAt', render: when },
          { title: t('lastUsedAt'), dataIndex: 'lastUsedAt', render: when },
          {
            title: t('status'),
            dataIndex: 'revokedAt',
            render: (v: string | null) => (v ? <Tag color="red">{t('revoked')}</Tag> : <Tag color="green">{t('active')}</Tag>),
          },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, row) =>
              row.revokedAt ? null : (
                <Popconfirm title={t('revokeConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => revoke(row.id)}>
                  <Button size="small" danger>
                    {t('revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal open={issuing} title={t('issueToken')} okText={t('issueToken')} cancelText={t('cancel')} onCancel={() => setIssuing(false)} onOk={() => form.submit()} destroyOnHidden>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={issue} initialValues={{ scopes: ['read'], ttlDays: 30 }}>
          <Form.Item name="name" label={t('tokenName')} rules={[{ required: true, message: t('required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scopes" label={t('tokenScopes')} rules={[{ required: true, message: t('required') }]}>
            <Select mode="tags" options={[{ value: 'read' }, { value: 'write' }]} />
          </Form.Item>
          <Form.Item name="ttlDays" label={t('tokenTtl')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={secret !== null} title={t('tokenSecretTitle')} onCancel={() => setSecret(null)} footer={<Button onClick={() => setSecret(null)}>{t('close')}</Button>}>
        <Typography.Paragraph copyable={{ text: secret ?? '' }} data-testid="token-secret">
          <code style={{ wordBreak: 'break-all' }}>{secret}</code>
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
