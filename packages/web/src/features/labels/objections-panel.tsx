/**
 * 异议处理 (the commission): objections enterprises filed against published official labels, open
 * ones first. 「支持」 (upheld: the label is to be decided again) or 「驳回」 (rejected), each with a
 * resolution the enterprise sees; the objection's version guards against two people resolving it.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Segmented, Table, Tag, Typography, type ButtonProps } from 'antd';
import type { Enterprise, EnterpriseLabel, Objection } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, formatInstant } from '../../app/i18n.ts';
import { useAsync } from '../common/use-async.tsx';
import { describeLabelPeriod } from './describe-label-period.ts';
import { LabelColourTag } from './label-colour-tag.tsx';

type Filter = 'open' | 'upheld' | 'rejected' | 'all';
type Decision = 'upheld' | 'rejected';
const statusColour: Record<Objection['status'], string> = { open: 'processing', upheld: 'success', rejected: 'default' };

export function ObjectionsPanel() {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('open');
  const [deciding, setDeciding] = useState<{ objection: Objection; decision: Decision } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ resolution: string }>();

  const objections = useAsync(async () => {
    const list = await api.get<{ items: Objection[] }>('/api/v1/objections', filter === 'all' ? {} : { status: filter });
    // The label each objection is about (period, colour): from its enterprise's labels.
    const enterpriseIds = [...new Set(list.items.map((o) => o.enterpriseId))];
    const labels = await Promise.all(
      enterpriseIds.map((id) => api.get<{ items: EnterpriseLabel[] }>(`/api/v1/enterprises/${encodeURIComponent(id)}/labels`).catch(() => ({ items: [] as EnterpriseLabel[] }))),
    );
    return { items: list.items, labels: new Map(labels.flatMap((l) => l.items).map((l) => [l.id, l])) };
  }, [filter]);
  const registry = useAsync(() => api.get<{ items: Enterprise[] }>('/api/v1/enterprises').catch(() => ({ items: [] as Enterprise[] })), []);
  const names = useMemo(() => new Map((registry.data?.items ?? []).map((e) => [e.id, language === 'en' ? e.nameEn || e.nameZh : e.nameZh])), [registry.data, language]);

  async function resolve(values: { resolution: string }) {
    if (!deciding) return;
    setError(null);
    setSaving(true);
    try {
      await api.post(`/api/v1/objections/${encodeURIComponent(deciding.objection.id)}/resolution`, {
        status: deciding.decision,
        resolution: values.resolution.trim(),
        version: deciding.objection.version,
      });
      void message.success(t('objectionResolved'));
      setDeciding(null);
      form.resetFields();
      objections.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div data-testid="objections-panel">
      <Segmented<Filter>
        data-testid="objection-filter"
        style={{ marginBottom: 16 }}
        value={filter}
        onChange={setFilter}
        options={(['open', 'upheld', 'rejected', 'all'] as const).map((v) => ({ value: v, label: v === 'all' ? t('all') : t(`objectionStatus_${v}`) }))}
      />
      {objections.error && <Alert type="error" showIcon message={objections.error.message} style={{ marginBottom: 16 }} />}
      <Table<Objection>
        data-testid="objection-table"
        rowKey="id"
        size="small"
        loading={objections.loading}
        dataSource={objections.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: filter === 'open' ? t('noOpenObjections') : t('noData') }}
        columns={[
          { title: t('enterprise'), dataIndex: 'enterpriseId', width: 220, render: (v: string) => names.get(v) ?? v },
          {
            title: t('label'),
            dataIndex: 'labelId',
            width: 190,
            render: (v: string) => {
              const label = objections.data?.labels.get(v);
              return label ? (
                <Flex gap={4} align="center" wrap>
                  {describeLabelPeriod(label.period, language)}
                  <LabelColourTag colour={label.colour} provisional={label.provisional} />
                </Flex>
              ) : (
                '—'
              );
            },
          },
          { title: t('objectionReason'), dataIndex: 'reason', render: (v: string) => <Typography.Paragraph style={{ margin: 0 }}>{v}</Typography.Paragraph> },
          { title: t('filedAt'), dataIndex: 'filedAt', width: 150, render: (v: string) => formatInstant(v, language) },
          {
            title: t('status'),
            key: 'status',
            width: 200,
            render: (_: unknown, o) => (
              <Flex vertical gap={4} align="start">
                <Tag color={statusColour[o.status]}>{t(dynamicKey('objectionStatus', o.status) ?? 'status')}</Tag>
                {o.resolution && <Typography.Text type="secondary">{o.resolution}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: t('actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, o) =>
              o.status === 'open' ? (
                <Flex gap={4}>
                  <Button size="small" type="primary" data-testid={`uphold-${o.id}`} onClick={() => setDeciding({ objection: o, decision: 'upheld' })}>
                    {t('uphold')}
                  </Button>
                  <Button size="small" danger data-testid={`reject-${o.id}`} onClick={() => setDeciding({ objection: o, decision: 'rejected' })}>
                    {t('reject')}
                  </Button>
                </Flex>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? `${deciding.decision === 'upheld' ? t('uphold') : t('reject')} · ${names.get(deciding.objection.enterpriseId) ?? deciding.objection.enterpriseId}` : ''}
        okText={t('ok')}
        cancelText={t('cancel')}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'resolution-submit', danger: deciding?.decision === 'rejected' } as ButtonProps}
        onCancel={() => {
          setDeciding(null);
          setError(null);
        }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="resolution-error" />}
        {deciding && (
          <Typography.Paragraph type="secondary">
            {t('objectionReason')}：{deciding.objection.reason}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph>{deciding?.decision === 'upheld' ? t('upholdHint') : t('rejectHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={resolve}>
          <Form.Item
            name="resolution"
            label={t('resolution')}
            rules={[
              { required: true, message: t('required') },
              { min: 2, message: t('resolutionTooShort') },
            ]}
          >
            <Input.TextArea data-testid="resolution-text" rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
