/**
 * An enterprise's official (annual) labels: year, colour with 「暂定」, status and publication date,
 * the reason and methods on expanding a row; for the enterprise itself, 「提出异议」 on a published
 * label (a reason of at least 5 characters) and each objection's status and the commission's
 * resolution.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import type { EnterpriseLabel, Objection } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, formatDate } from '../../app/i18n.ts';
import { describeLabelPeriod } from '../labels/describe-label-period.ts';
import { LabelColourTag } from '../labels/label-colour-tag.tsx';
import { LabelExplanation } from '../labels/label-explanation.tsx';

const objectionColour: Record<Objection['status'], string> = { open: 'processing', upheld: 'success', rejected: 'default' };
const statusColour: Record<EnterpriseLabel['status'], string> = { published: 'green', superseded: 'default', draft: 'blue', current: 'green' };

export function OfficialLabelsCard({
  labels,
  objections = [],
  canObject = false,
  onObjectionFiled,
  loading,
}: {
  labels: EnterpriseLabel[];
  objections?: Objection[];
  canObject?: boolean;
  onObjectionFiled?: () => void;
  loading?: boolean;
}) {
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const [objecting, setObjecting] = useState<EnterpriseLabel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  // The newest objection per label (the list comes newest first).
  const objectionOf = new Map<string, Objection>();
  for (const o of objections) if (!objectionOf.has(o.labelId)) objectionOf.set(o.labelId, o);

  async function file(values: { reason: string }) {
    if (!objecting) return;
    setError(null);
    setSaving(true);
    try {
      await api.post(`/api/v1/labels/${encodeURIComponent(objecting.id)}/objections`, { reason: values.reason.trim() });
      void message.success(t('objectionFiled'));
      setObjecting(null);
      form.resetFields();
      onObjectionFiled?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card data-testid="official-labels-card" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('officialLabels')}</h2>} style={{ height: '100%' }}>
      <Table<EnterpriseLabel>
        data-testid="official-labels"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={labels}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('noOfficialLabels') }}
        expandable={{
          expandedRowRender: (l) => (
            <>
              <Typography.Paragraph style={{ wordBreak: 'break-word' }}>{language === 'en' ? l.reason.en : l.reason.zh}</Typography.Paragraph>
              <LabelExplanation label={l} />
            </>
          ),
        }}
        columns={[
          { title: t('labelYear'), dataIndex: 'period', width: 90, render: (v: string) => describeLabelPeriod(v, language) },
          {
            title: t('label'),
            key: 'colour',
            width: 100,
            render: (_: unknown, l) => <LabelColourTag colour={l.colour} provisional={l.provisional} testId={`official-colour-${l.period}`} />,
          },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 80,
            render: (v: EnterpriseLabel['status']) => <Tag color={statusColour[v]}>{t(dynamicKey('labelStatus', v) ?? 'status')}</Tag>,
          },
          { title: t('publishedAt'), dataIndex: 'publishedAt', width: 120, render: (v: string | null) => formatDate(v, language) },
          {
            title: t('objection'),
            key: 'objection',
            render: (_: unknown, l) => {
              const o = objectionOf.get(l.id);
              const canFile = canObject && l.status === 'published' && o?.status !== 'open';
              return (
                <Flex vertical gap={4} align="start" data-testid={`objection-${l.period}`}>
                  {o && (
                    <>
                      <Tag color={objectionColour[o.status]} data-testid={`objection-status-${l.period}`} data-status={o.status}>
                        {t(dynamicKey('objectionStatus', o.status) ?? 'status')}
                      </Tag>
                      {o.resolution && (
                        <Typography.Text data-testid={`objection-resolution-${l.period}`}>
                          {t('resolution')}：{o.resolution}
                        </Typography.Text>
                      )}
                    </>
                  )}
                  {canFile && (
                    <Button size="small" data-testid={`file-objection-${l.period}`} onClick={() => setObjecting(l)}>
                      {t('fileObjection')}
                    </Button>
                  )}
                  {!o && !canFile && '—'}
                </Flex>
              );
            },
          },
        ]}
      />
      <Modal
        open={objecting !== null}
        title={objecting ? `${t('fileObjection')} · ${describeLabelPeriod(objecting.period, language)}` : t('fileObjection')}
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={saving}
        onCancel={() => {
          setObjecting(null);
          setError(null);
        }}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'objection-submit' } as Record<string, string>}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="objection-error" />}
        <Typography.Paragraph type="secondary">{t('objectionHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={file}>
          <Form.Item
            name="reason"
            label={t('objectionReason')}
            rules={[
              { required: true, message: t('required') },
              { min: 5, message: t('objectionReasonTooShort') },
            ]}
          >
            <Input.TextArea data-testid="objection-reason" rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
