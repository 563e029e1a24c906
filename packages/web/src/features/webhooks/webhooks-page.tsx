/**
 * Webhooks of the caller's organisation (its admins; platform admins see every organisation's):
 * the endpoints — register one (the signing secret is shown once, with how to verify signatures),
 * disable one — and the dead letters, each with its last error and a retry.
 */
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Tabs, Tag, Typography } from 'antd';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useKeysetList } from '../common/keyset-list.tsx';
import { KeysetTable } from '../common/keyset-table.tsx';

/**
 * The contracts' event types (`webhookEventTypes`): the record's type makes a missing or unknown
 * one a compile error, without pulling the contracts' runtime (zod) into this chunk.
 */
const eventTypeSet: Record<WebhookEventType, true> = { 'consent.granted': true, 'consent.revoked': true };
export const webhookEventTypeList = Object.keys(eventTypeSet) as WebhookEventType[];

interface RegisterValues {
  url: string;
  events: WebhookEventType[];
  description?: string;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function EndpointsTab() {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const list = useKeysetList<WebhookEndpoint>('/api/v1/webhooks', { limit: 50 });
  const [registering, setRegistering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<RegisterValues>();
  const eventLabel = (e: string) => {
    const key = dynamicKey('event', e);
    return key ? t(key) : e;
  };

  async function register(values: RegisterValues) {
    setError(null);
    setSaving(true);
    try {
      const created = await api.post<WebhookEndpoint & { secret: string | null }>('/api/v1/webhooks', {
        url: values.url,
        events: values.events,
        ...(values.description ? { description: values.description } : {}),
      });
      setRegistering(false);
      form.resetFields();
      setSecret(created.secret ?? '');
      list.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  async function disable(id: string) {
    try {
      await api.post(`/api/v1/webhooks/${encodeURIComponent(id)}/disable`, {});
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  }

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          data-testid="register-webhook"
          onClick={() => {
            setError(null);
            setRegistering(true);
          }}
        >
          {t('registerWebhook')}
        </Button>
      </Flex>
      <KeysetTable<WebhookEndpoint>
        list={list}
        data-testid="webhook-table"
        rowKey="id"
        scroll={{ x: 820 }}
        columns={[
          { title: t('webhookUrl'), dataIndex: 'url', render: (v: string) => <code style={{ wordBreak: 'break-all' }}>{v}</code> },
          { title: t('webhookEvents'), dataIndex: 'events', render: (events: string[]) => events.map((e) => <Tag key={e}>{eventLabel(e)}</Tag>) },
          { title: t('webhookDescription'), dataIndex: 'description', render: (v: string | null) => v ?? '—' },
          { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, language) },
          { title: t('status'), dataIndex: 'enabled', render: (v: boolean) => (v ? <Tag color="green">{t('enabled')}</Tag> : <Tag color="red">{t('disabled')}</Tag>) },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, row) =>
              row.enabled ? (
                <Popconfirm title={t('disableWebhookConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => disable(row.id)}>
                  <Button size="small" danger data-testid={`disable-${row.id}`}>
                    {t('disable')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={registering}
        title={t('registerWebhook')}
        okText={t('registerWebhook')}
        cancelText={t('cancel')}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'webhook-submit' } as Record<string, string>) }}
        onCancel={() => setRegistering(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="webhook-error" />}
        <Form form={form} layout="vertical" onFinish={register} initialValues={{ events: webhookEventTypeList }}>
          <Form.Item name="url" label={t('webhookUrl')} extra={t('webhookUrlHint')} rules={[{ required: true, message: t('required') }]}>
            <Input data-testid="webhook-url" maxLength={2048} inputMode="url" placeholder="https://" />
          </Form.Item>
          <Form.Item name="events" label={t('webhookEvents')} rules={[{ required: true, message: t('required') }]}>
            <Select data-testid="webhook-events" mode="multiple" options={webhookEventTypeList.map((e) => ({ value: e, label: eventLabel(e) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('webhookDescription')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={secret !== null}
        title={t('webhookSecretTitle')}
        onCancel={() => setSecret(null)}
        maskClosable={false}
        destroyOnHidden
        footer={
          <Button data-testid="webhook-secret-close" onClick={() => setSecret(null)}>
            {t('close')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('webhookSecretLabel')}</Typography.Text>
        <Typography.Paragraph copyable={{ text: secret ?? '' }} data-testid="webhook-secret">
          <code style={{ wordBreak: 'break-all' }}>{secret}</code>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="webhook-verify-help">
          {t('webhookVerifyHelp')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

function DeadLettersTab() {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const list = useKeysetList<WebhookDelivery>('/api/v1/webhooks/deliveries', { status: 'dead', limit: 50 });

  async function retry(id: string) {
    try {
      await api.post(`/api/v1/webhooks/deliveries/${encodeURIComponent(id)}/retry`, {});
      void message.success(t('retried'));
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  }

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button onClick={list.reload}>{t('refresh')}</Button>
      </Flex>
      <KeysetTable<WebhookDelivery>
        list={list}
        data-testid="dead-letter-table"
        rowKey="id"
        scroll={{ x: 900 }}
        locale={{ emptyText: t('noDeadLetters') }}
        columns={[
          { title: t('eventType'), dataIndex: 'eventType', render: (e: string) => t(dynamicKey('event', e) ?? 'eventType') },
          { title: t('webhookUrl'), dataIndex: 'url', render: (v: string) => <code style={{ wordBreak: 'break-all' }}>{v}</code> },
          { title: t('attempts'), dataIndex: 'attempts' },
          { title: t('lastStatusCode'), dataIndex: 'lastStatusCode', render: (v: number | null) => v ?? '—' },
          { title: t('lastError'), dataIndex: 'lastError', render: (v: string | null) => <Typography.Text type="danger">{v ?? '—'}</Typography.Text> },
          { title: t('deadAt'), dataIndex: 'deadAt', render: (v: string | null) => formatInstant(v, language) },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Button size="small" data-testid={`retry-${row.id}`} onClick={() => void retry(row.id)}>
                {t('retry')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

export function WebhooksPage() {
  const { t } = useApp();
  return (
    <div data-testid="webhooks-page">
      <PageTitle>{t('webhooks')}</PageTitle>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'endpoints', label: t('webhookEndpoints'), children: <EndpointsTab /> },
          { key: 'dead', label: <span data-testid="dead-letters-tab">{t('deadLetters')}</span>, children: <DeadLettersTab /> },
        ]}
      />
    </div>
  );
}
