/**
 * One reference record (`/reference/records/:kind/:id`): every version, oldest first, with its
 * status, values, source, effective date and what its publication changed (new values, or a
 * confirmation against a document) and why. Platform administrators publish a new version here
 * (发布新版本: new values for the record's publishable fields, source, URL, note, effective date,
 * an optional evidence file) or confirm an unverified value as it is (依据文件确认).
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Select, Skeleton, Space, Table, Tag, Typography, Upload } from 'antd';
import type { FileMetadata, ReferenceRecordSummary, ReferenceRecordVersion } from '@cfp/contracts';
import { ApiError } from '../../app/api-client.ts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { dynamicKey, formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { isPlatformAdmin } from './reference-page.tsx';
import { ProvisionalTag, ReferenceStatusTag, referenceStatusList, type ReferenceStatus } from './reference-status-tag.tsx';

interface Versions {
  kind: ReferenceRecordSummary['kind'];
  id: string;
  inEffect: number;
  items: ReferenceRecordVersion[];
}
type Mode = 'publish' | 'confirm';

/** Today in Asia/Shanghai, YYYY-MM-DD (the default effective date). */
const businessToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The values a version's body holds for the publishable fields (or a row's). */
function fieldsOf(summary: ReferenceRecordSummary, row: string | undefined): Record<string, string | null> {
  if (summary.kind === 'fuel_factor_set') {
    const found = summary.rows?.find((r) => r.id === row);
    if (!found) return {};
    const { unit: _unit, ...values } = found.values;
    return values;
  }
  if (summary.kind === 'gwp_set') return row ? { value: summary.values[row] ?? null } : {};
  return summary.values;
}

export function ReferenceRecordPage() {
  const { kind = '', id = '' } = useParams();
  const { t, api, language } = useApp();
  const { message } = App.useApp();
  const me = useMe();
  const admin = isPlatformAdmin(me);
  const versions = useAsync(() => api.get<Versions>(`/api/v1/reference/records/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`), [api, kind, id]);
  const summary = useAsync(
    () => api.get<{ items: ReferenceRecordSummary[] }>('/api/v1/reference/records', { kind, q: id }).then((r) => r.items.find((s) => s.id === id)),
    [api, kind, id],
  );
  const [mode, setMode] = useState<Mode | null>(null);
  const [row, setRow] = useState<string | undefined>(undefined);
  const [evidence, setEvidence] = useState<FileMetadata | null>(null);
  const [uploading, setUploading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ values: Record<string, string>; status: ReferenceStatus; source: string; sourceUrl?: string; note?: string; effectiveFrom?: string }>();

  const rowKind = kind === 'fuel_factor_set' || kind === 'gwp_set';
  const rowOptions = useMemo(() => {
    const s = summary.data;
    if (!s) return [];
    if (s.kind === 'fuel_factor_set') return (s.rows ?? []).map((r) => ({ value: r.id, label: `${r.nameZh ?? r.id}（${r.id}）` }));
    if (s.kind === 'gwp_set') return Object.keys(s.values).map((g) => ({ value: g, label: g }));
    return [];
  }, [summary.data]);
  const current = summary.data ? fieldsOf(summary.data, row) : {};
  const latest = versions.data?.items.at(-1);

  function openForm(next: Mode) {
    setMode(next);
    setError(null);
    setEvidence(null);
    form.resetFields();
    form.setFieldsValue({ status: 'verified', effectiveFrom: businessToday(), values: {} });
  }

  async function upload(file: File) {
    setUploading(true);
    setError(null);
    try {
      const data = new FormData();
      data.set('attachedToType', 'organisation');
      data.set('attachedToId', me.organisation.id);
      data.set('file', file, file.name);
      setEvidence(await api.upload<FileMetadata>('/api/v1/files', data));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  }

  async function submit() {
    if (!latest || !mode) return;
    const input = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const values = mode === 'publish' ? Object.fromEntries(Object.entries(input.values ?? {}).filter(([, v]) => v !== undefined && v.trim() !== '').map(([k, v]) => [k, v.trim()])) : undefined;
      await api.post(`/api/v1/reference/records/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/versions`, {
        ...(rowKind && row ? { row } : {}),
        ...(values && Object.keys(values).length ? { values } : {}),
        status: mode === 'confirm' ? 'verified' : input.status,
        source: input.source.trim(),
        ...(input.sourceUrl?.trim() ? { sourceUrl: input.sourceUrl.trim() } : {}),
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        ...(input.effectiveFrom ? { effectiveFrom: input.effectiveFrom } : {}),
        ...(evidence ? { evidenceFileId: evidence.id } : {}),
        expectedVersion: latest.version,
      });
      void message.success(t('refPublished'));
      setMode(null);
      versions.reload();
      summary.reload();
    } catch (e) {
      const fields = e instanceof ApiError ? ((e.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? []) : [];
      setError([e instanceof Error ? e.message : String(e), ...fields.map((f) => `${f.path}: ${f.message}`)].join(' · '));
    } finally {
      setSaving(false);
    }
  }

  const s = summary.data;
  const kindName = t(dynamicKey('refKind', kind) ?? 'refKind');
  return (
    <div data-testid="reference-record-page">
      <PageTitle
        extra={
          admin &&
          s && (
            <Space wrap>
              <Button type="primary" data-testid="publish-new-version" onClick={() => openForm('publish')}>
                {t('refPublishNew')}
              </Button>
              {s.unconfirmed && (
                <Button data-testid="confirm-by-document" onClick={() => openForm('confirm')}>
                  {t('refConfirm')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {s ? `${(language === 'en' ? s.nameEn : s.nameZh) ?? s.nameZh ?? id}` : id}
      </PageTitle>
      <Link to="/reference">{t('refBack')}</Link>
      {(versions.error ?? summary.error) && <Alert type="error" showIcon message={(versions.error ?? summary.error)?.message} style={{ marginTop: 12 }} />}
      {!s && summary.loading && <Skeleton active />}
      {s && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }} data-testid="reference-summary">
          <Descriptions.Item label={t('refKind')}>{kindName}</Descriptions.Item>
          <Descriptions.Item label={t('refId')}>
            <Typography.Text code>{s.ref}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('refStatus')}>
            <Space size={4}>
              <ReferenceStatusTag status={s.status} />
              {s.provisional && <ProvisionalTag />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('refValues')}>
            <span data-testid="reference-current-values">
              {s.rows ? `${s.rows.length} ${t('refRow')}` : Object.entries(s.values).map(([k, v]) => `${k} = ${v ?? '—'}`).join('；')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('refUnit')}>{s.unit ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('refSource')}>{s.sourceUrl ? <a href={s.sourceUrl}>{s.source ?? s.sourceUrl}</a> : (s.source ?? '—')}</Descriptions.Item>
        </Descriptions>
      )}

      {mode && s && (
        <Card
          data-testid="publish-form"
          data-mode={mode}
          style={{ margin: '16px 0' }}
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{mode === 'publish' ? t('refPublishNew') : t('refConfirm')}</h2>}
        >
          {mode === 'confirm' && <Typography.Paragraph type="secondary">{t('refConfirmHint')}</Typography.Paragraph>}
          <Form form={form} layout="vertical" style={{ maxWidth: 640 }} requiredMark>
            {rowKind && (
              <Form.Item label={t('refRow')} required>
                <Select data-testid="publish-row" value={row} onChange={(v) => setRow(v)} options={rowOptions} showSearch optionFilterProp="label" />
              </Form.Item>
            )}
            {mode === 'publish' &&
              Object.entries(current).map(([field, value]) => (
                <Form.Item
                  key={field}
                  name={['values', field]}
                  label={`${field}（${t('refCurrentValue')} ${value ?? '—'}${s.unit && !rowKind ? ` ${s.unit}` : ''}）`}
                  rules={[{ pattern: /^-?\d{1,12}(\.\d{1,12})?$/, message: t('refValueRequired') }]}
                >
                  <Input data-testid={`publish-value-${field}`} inputMode="decimal" placeholder={t('refNewValue')} />
                </Form.Item>
              ))}
            {mode === 'publish' && (
              <Form.Item name="status" label={t('refStatus')} rules={[{ required: true }]}>
                <Select data-testid="publish-status" options={referenceStatusList.map((st) => ({ value: st, label: t(dynamicKey('refStatus', st) ?? 'refStatus') }))} />
              </Form.Item>
            )}
            <Form.Item name="source" label={t('refSource')} rules={[{ required: true, min: 4, max: 500, whitespace: true, message: t('refSourceRequired') }]}>
              <Input.TextArea data-testid="publish-source" autoSize={{ minRows: 2 }} maxLength={500} />
            </Form.Item>
            <Form.Item name="sourceUrl" label={t('refSourceUrl')} rules={[{ type: 'url' }]}>
              <Input data-testid="publish-url" placeholder="https://" maxLength={500} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label={t('refEffectiveFrom')}>
              <Input data-testid="publish-effective" type="date" />
            </Form.Item>
            <Form.Item name="note" label={t('refNote')}>
              <Input.TextArea data-testid="publish-note" autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
            <Form.Item label={t('refEvidence')} required={mode === 'confirm'}>
              <Flex gap={8} align="center" wrap>
                <Upload
                  accept=".pdf,.png,.jpg,.jpeg,.xlsx,.csv"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(file);
                    return false;
                  }}
                >
                  <Button data-testid="publish-evidence" loading={uploading}>
                    {t('refUpload')}
                  </Button>
                </Upload>
                {evidence && <Typography.Text data-testid="publish-evidence-name">{`${t('refUploaded')}：${evidence.originalName}`}</Typography.Text>}
              </Flex>
            </Form.Item>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="publish-error" />}
            <Space>
              <Button type="primary" data-testid="publish-submit" loading={saving} disabled={(rowKind && !row) || (mode === 'confirm' && !evidence)} onClick={() => void submit()}>
                {mode === 'publish' ? t('refSubmit') : t('refConfirm')}
              </Button>
              <Button onClick={() => setMode(null)}>{t('cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('refVersions')}
      </Typography.Title>
      <Table<ReferenceRecordVersion>
        data-testid="reference-versions"
        rowKey="version"
        size="small"
        loading={versions.loading}
        dataSource={[...(versions.data?.items ?? [])].reverse()}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(v) => ({ 'data-testid': `reference-version-${v.version}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('refVersionCol'),
            key: 'version',
            width: 110,
            render: (_, v) => (
              <Space size={4}>
                <Typography.Text strong>v{v.version}</Typography.Text>
                {versions.data?.inEffect === v.version && <Tag color="green">{t('refInEffect')}</Tag>}
              </Space>
            ),
          },
          { title: t('refStatus'), key: 'status', width: 110, render: (_, v) => <ReferenceStatusTag status={v.status} /> },
          { title: t('refValues'), key: 'values', render: (_, v) => <VersionValues version={v} kind={kind} /> },
          { title: t('refChange'), key: 'change', width: 220, render: (_, v) => <VersionChange version={v} /> },
          { title: t('refSource'), key: 'source', render: (_, v) => String(v.body['source'] ?? '—') },
          { title: t('refEffectiveFrom'), dataIndex: 'effectiveFrom', width: 110, render: (d: string | null) => d ?? '—' },
          { title: t('refPublishedAt'), key: 'at', width: 160, render: (_, v) => formatInstant(v.publishedAt, language) },
        ]}
      />
    </div>
  );
}

function VersionValues({ version, kind }: { version: ReferenceRecordVersion; kind: string }) {
  const body = version.body;
  const publication = body['publication'] as { row?: string } | undefined;
  if (kind === 'fuel_factor_set') {
    const fuels = (body['fuels'] as Record<string, unknown>[] | undefined) ?? [];
    const row = publication?.row ? fuels.find((f) => f['id'] === publication.row) : undefined;
    return row ? <span>{`${String(row['id'])}: ${['ncvGjPerUnit', 'carbonContentTcPerGj', 'oxidationRate'].map((k) => `${k} ${String(row[k] ?? '—')}`).join('，')}`}</span> : <span>{fuels.length}</span>;
  }
  if (kind === 'gwp_set') return <span>{Object.entries((body['values'] as Record<string, string> | undefined) ?? {}).map(([g, v]) => `${g} ${v}`).join('，')}</span>;
  const fields = ['valueTco2PerMwh', 'valueTco2PerGj', 'valueTco2PerT', 'kgcePerUnit', 'gjPerTce', 'benchmark', 'base'].filter((k) => Object.hasOwn(body, k));
  return <span data-testid="version-values">{fields.map((k) => `${k} = ${String(body[k] ?? '—')}`).join('；') || '—'}</span>;
}

function VersionChange({ version }: { version: ReferenceRecordVersion }) {
  const { t } = useApp();
  const publication = version.body['publication'] as { change?: string; previousVersion?: number; note?: string; row?: string; evidenceFileId?: string } | undefined;
  if (!publication) return <Typography.Text type="secondary">{t(version.origin === 'shipped' ? 'refOrigin_shipped' : 'refOrigin_published')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <span>
        {t(dynamicKey('refChange', publication.change) ?? 'refChange')}
        {publication.row ? `（${publication.row}）` : ''} · {t('refPrevious')} v{publication.previousVersion}
      </span>
      {publication.note && <Typography.Text type="secondary">{publication.note}</Typography.Text>}
      {publication.evidenceFileId && (
        <a href={`/api/v1/files/${encodeURIComponent(publication.evidenceFileId)}/content`} target="_blank" rel="noreferrer">
          {t('refEvidence')}
        </a>
      )}
    </Space>
  );
}
