/**
 * 指标 of a task: computed indicators show their source (平台数据自动计算), the current value with
 * its basis and breakdown; manual ones the values entered by period. The owning agency enters a
 * manual value with evidence; the commission adds indicators (manual with an owner, or computed
 * from a registered metric).
 */
import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { PlanIndicatorItem, PlanTaskItem } from '@cfp/contracts';
import { FormModal } from './form-modal.tsx';
import { useSaveAction } from './use-save-action.tsx';
import { useApp, useMe } from '../../app/app-context.tsx';
import { dynamicKey, formatInstant, type MessageKey } from '../../app/i18n.ts';
import { useAsync } from '../common/use-async.tsx';
import { EvidenceLinks, EvidenceUpload, type EvidenceFile } from './evidence-files.tsx';
import { IndicatorSparkline } from './indicator-sparkline.tsx';
import { businessToday, describePeriod, reportPeriods, trimDecimal } from './supervision-format.ts';
import type { AgencyNames } from './use-agency-names.tsx';

const base = '/api/v1/supervision';
const decimal = /^-?\d+(\.\d+)?$/;

interface MetricProvider {
  metric: string;
  nameZh: string;
  nameEn: string;
  unit: string;
}
interface IndicatorForm {
  nameZh: string;
  nameEn?: string;
  unit: string;
  kind: 'manual' | 'computed';
  metric?: string;
  target?: string;
  ownerOrganisationId?: string;
}

function IndicatorBlock({ indicator, canEnter, onEnter, nameOf }: { indicator: PlanIndicatorItem; canEnter: boolean; onEnter: () => void; nameOf: (id: string) => string }) {
  const { t, language } = useApp();
  const name = language === 'en' ? indicator.nameEn || indicator.nameZh : indicator.nameZh;
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`sv-indicator-${indicator.id}`}
      data-metric={indicator.metric ?? undefined}
      title={name}
      extra={
        canEnter && (
          <Button size="small" data-testid={`sv-indicator-enter-${indicator.id}`} onClick={onEnter}>
            {t('svEnterValue')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
        <Tag color={indicator.kind === 'computed' ? 'geekblue' : 'default'}>{indicator.kind === 'computed' ? t('svComputedSource') : t('svManualSource')}</Tag>
        {indicator.target !== null && (
          <Typography.Text type="secondary">
            {t('svTarget')}
            {t('svColon')}
            {trimDecimal(indicator.target)} {indicator.unit}
          </Typography.Text>
        )}
        {indicator.ownerOrganisationId && (
          <Typography.Text type="secondary">
            {t('svOwner')}
            {t('svColon')}
            {nameOf(indicator.ownerOrganisationId)}
          </Typography.Text>
        )}
        <IndicatorSparkline values={indicator.values.map((v) => v.value)} label={`${name} ${t('svTrend')}`} width={96} height={24} />
      </Flex>
      {indicator.current && (
        <Flex vertical gap={2} style={{ marginBottom: 8 }}>
          <Space size={8} wrap>
            <Typography.Text type="secondary">{t('svCurrentValue')}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid={`sv-indicator-current-${indicator.id}`} data-value={indicator.current.value}>
              {indicator.current.value}
            </Typography.Text>
            <Typography.Text>{indicator.unit}</Typography.Text>
          </Space>
          {indicator.current.detail && (
            <Space size={8} wrap>
              {Object.entries(indicator.current.detail).map(([k, v]) => (
                <Tag key={k}>
                  {/* an unknown part shows its key as sent */}
                  {t(dynamicKey('svDetail', k) ?? dynamicKey('colour', k) ?? (k as MessageKey))}
                  {t('svColon')}
                  {v}
                </Tag>
              ))}
            </Space>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {indicator.current.basis} · {formatInstant(indicator.current.at, language)}
          </Typography.Text>
        </Flex>
      )}
      {indicator.values.length > 0 ? (
        <Table
          size="small"
          rowKey={(v) => `${v.period}-${v.at}`}
          pagination={false}
          scroll={{ x: 520 }}
          dataSource={indicator.values}
          columns={[
            { title: t('svPeriod'), dataIndex: 'period', width: 120, render: (v: string) => describePeriod(v, language) },
            { title: t('svValue'), dataIndex: 'value', width: 120, render: (v: string) => `${v} ${indicator.unit}` },
            { title: t('svSource'), dataIndex: 'source', width: 120, render: (v: string) => (v === 'computed' ? t('svSnapshot') : t('svManualSource')) },
            { title: t('svEvidence'), dataIndex: 'evidenceFileIds', render: (ids: string[]) => <EvidenceLinks ids={ids} /> },
            { title: t('at'), dataIndex: 'at', width: 150, render: (v: string) => formatInstant(v, language) },
          ]}
        />
      ) : (
        !indicator.current && <Typography.Text type="secondary">{t('svNoValues')}</Typography.Text>
      )}
    </Card>
  );
}

export function IndicatorsCard({ task, today, agencies, onChanged }: { task: PlanTaskItem; today: string; agencies: AgencyNames; onChanged: () => void }) {
  const { t, api, language } = useApp();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [entering, setEntering] = useState<PlanIndicatorItem | null>(null);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const { error, setError, saving, run: save } = useSaveAction(onChanged);
  const run = (action: () => Promise<unknown>) => save(action, t('svSaved'));
  const [form] = Form.useForm<IndicatorForm>();
  const [valueForm] = Form.useForm<{ period: string; value: string }>();
  const canManage = task.viewer.canManage;
  const metrics = useAsync(
    () =>
      canManage
        ? api.get<{ items: MetricProvider[] }>(`${base}/metrics`).then(
            (r) => r.items,
            () => [] as MetricProvider[],
          )
        : Promise.resolve([] as MetricProvider[]),
    [canManage],
  );
  const kind = Form.useWatch('kind', form);
  const ownerName = (id: string) => [...task.leads, ...task.partners].find((a) => a.organisationId === id)?.name ?? agencies.nameOf(id);
  const ownerOptions = (() => {
    const seen = new Map<string, string>();
    for (const a of [...task.leads, ...task.partners]) if (a.organisationId) seen.set(a.organisationId, a.name);
    for (const o of agencies.agencies) if (!seen.has(o.id)) seen.set(o.id, language === 'en' ? o.nameEn || o.nameZh : o.nameZh);
    return [...seen].map(([value, label]) => ({ value, label }));
  })();

  async function addIndicator() {
    const v = await form.validateFields();
    const ok = await run(() =>
      api.post(`${base}/tasks/${encodeURIComponent(task.code)}/indicators`, {
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn?.trim() || null,
        unit: v.unit.trim(),
        kind: v.kind,
        metric: v.kind === 'computed' ? v.metric : null,
        target: v.target?.trim() || null,
        ownerOrganisationId: v.kind === 'manual' ? v.ownerOrganisationId : null,
      }),
    );
    if (ok) setAdding(false);
  }

  async function enterValue() {
    if (!entering) return;
    const v = await valueForm.validateFields();
    const ok = await run(() =>
      api.post(`${base}/indicators/${encodeURIComponent(entering.id)}/values`, { period: v.period, value: v.value.trim(), evidenceFileIds: evidence.map((f) => f.id) }),
    );
    if (ok) setEntering(null);
  }

  return (
    <Card
      size="small"
      title={t('svIndicators')}
      data-testid="sv-indicators"
      extra={
        canManage && (
          <Button
            size="small"
            data-testid="sv-indicator-add"
            onClick={() => {
              setError(null);
              form.resetFields();
              form.setFieldsValue({ kind: 'manual' });
              setAdding(true);
            }}
          >
            {t('svAddIndicator')}
          </Button>
        )
      }
    >
      {task.indicators.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svNoIndicators')} />}
      <Flex vertical gap={12}>
        {task.indicators.map((i) => (
          <IndicatorBlock
            key={i.id}
            indicator={i}
            nameOf={ownerName}
            canEnter={i.kind === 'manual' && i.ownerOrganisationId === me.organisation.id}
            onEnter={() => {
              setError(null);
              setEvidence([]);
              valueForm.resetFields();
              valueForm.setFieldsValue({ period: reportPeriods(today, 1)[0] });
              setEntering(i);
            }}
          />
        ))}
      </Flex>
      <FormModal
        open={adding}
        title={t('svAddIndicator')}
        saving={saving}
        submitTestId="sv-indicator-submit"
        onCancel={() => setAdding(false)}
        onSubmit={() => void addIndicator()}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('svIndicatorKind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'manual', label: t('svManualSource') },
                { value: 'computed', label: t('svComputedSource') },
              ]}
            />
          </Form.Item>
          {kind === 'computed' && (
            <Form.Item name="metric" label={t('svMetric')} rules={[{ required: true, message: t('svRequired') }]}>
              <Select
                data-testid="sv-indicator-metric"
                options={(metrics.data ?? []).map((m) => ({ value: m.metric, label: language === 'en' ? m.nameEn : m.nameZh }))}
                onChange={(metric: string) => {
                  const m = metrics.data?.find((x) => x.metric === metric);
                  if (m) form.setFieldsValue({ nameZh: form.getFieldValue('nameZh') || m.nameZh, nameEn: form.getFieldValue('nameEn') || m.nameEn, unit: m.unit });
                }}
              />
            </Form.Item>
          )}
          <Form.Item name="nameZh" label={t('svIndicatorNameZh')} rules={[{ required: true, whitespace: true, message: t('svRequired') }]}>
            <Input data-testid="sv-indicator-name" maxLength={200} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('svIndicatorNameEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="unit" label={t('svUnit')} rules={[{ required: true, whitespace: true, message: t('svRequired') }]}>
            <Input data-testid="sv-indicator-unit" maxLength={30} />
          </Form.Item>
          <Form.Item name="target" label={t('svTarget')} rules={[{ pattern: decimal, message: t('svDecimal') }]}>
            <Input inputMode="decimal" />
          </Form.Item>
          {kind !== 'computed' && (
            <Form.Item name="ownerOrganisationId" label={t('svOwner')} rules={[{ required: true, message: t('svRequired') }]}>
              <Select showSearch optionFilterProp="label" options={ownerOptions} />
            </Form.Item>
          )}
        </Form>
        {error && <Alert type="error" showIcon message={error} />}
      </FormModal>
      <FormModal
        open={entering !== null}
        title={`${t('svEnterValue')} · ${entering?.nameZh ?? ''}`}
        saving={saving}
        submitTestId="sv-value-submit"
        onCancel={() => setEntering(null)}
        onSubmit={() => void enterValue()}
      >
        <Form form={valueForm} layout="vertical">
          <Form.Item name="period" label={t('svPeriod')} rules={[{ required: true, message: t('svRequired') }]}>
            <Select options={reportPeriods(today || businessToday()).map((p) => ({ value: p, label: describePeriod(p, language) }))} />
          </Form.Item>
          <Form.Item
            name="value"
            label={`${t('svValue')}${entering ? `${t('svParenOpen')}${entering.unit}${t('svParenClose')}` : ''}`}
            rules={[{ required: true, pattern: decimal, message: t('svDecimal') }]}
          >
            <Input data-testid="sv-value-input" inputMode="decimal" />
          </Form.Item>
          <Form.Item label={t('svEvidence')}>
            <EvidenceUpload taskCode={task.code} value={evidence} onChange={setEvidence} testId="sv-value-evidence" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon message={error} />}
      </FormModal>
    </Card>
  );
}
