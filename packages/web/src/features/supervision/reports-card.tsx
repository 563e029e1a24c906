/**
 * 进展报告 of a task, newest period first, with their status (草稿 / 已提交 / 已退回 / 已通过). A lead
 * agency creates a report for a quarter (claimed status, narrative, values of the task's manual
 * indicators, evidence) and saves it as a draft or submits it, and edits and resubmits it when
 * returned; partner agencies (and counties the commission assigned) add a contribution; the
 * commission accepts a submitted report or returns it with a comment. Each write carries the
 * report's version; the server's refusal is shown as it says.
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Modal, Radio, Select, Table, Typography, type ButtonProps } from 'antd';
import type { ClaimedStatus, PlanTaskItem, ProgressReportItem } from '@cfp/contracts';
import { FormModal } from './form-modal.tsx';
import { useSaveAction } from './use-save-action.tsx';
import { useApp, useMe } from '../../app/app-context.tsx';
import { formatInstant, type MessageKey } from '../../app/i18n.ts';
import { useAsync } from '../common/use-async.tsx';
import { EvidenceLinks, EvidenceUpload, type EvidenceFile } from './evidence-files.tsx';
import { ReportStatusTag, TaskStatusTag } from './status-tag.tsx';
import { describePeriod, previousQuarter, quarterOf, reportPeriods } from './supervision-format.ts';
import type { AgencyNames } from './use-agency-names.tsx';

const base = '/api/v1/supervision';
const decimal = /^-?\d+(\.\d+)?$/;
const claimedStatuses: readonly ClaimedStatus[] = ['not_started', 'on_track', 'at_risk', 'done'];

interface ReportForm {
  period: string;
  claimedStatus: ClaimedStatus;
  narrative: string;
  values: Record<string, string | undefined>;
}
type Editing = { mode: 'create' } | { mode: 'edit'; report: ProgressReportItem };
type Reviewing = { report: ProgressReportItem; decision: 'returned' | 'accepted' };

export function ReportsCard({ task, today, agencies, onChanged }: { task: PlanTaskItem; today: string; agencies: AgencyNames; onChanged: () => void }) {
  const { t, api, language } = useApp();
  const me = useMe();
  const reports = useAsync(
    () =>
      api.get<{ items: ProgressReportItem[] }>(`${base}/tasks/${encodeURIComponent(task.code)}/reports`).then(
        (r) => r.items,
        // Without the list, the latest report still shows.
        () => (task.latestReport ? [task.latestReport] : []),
      ),
    [task.code, task.latestReport?.id, task.latestReport?.version],
  );
  const saved = useSaveAction(() => {
    reports.reload();
    onChanged();
  });
  const { error, setError, saving } = saved;
  const run = (action: () => Promise<unknown>, done: MessageKey) => saved.run(action, t(done));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [reviewing, setReviewing] = useState<Reviewing | null>(null);
  const [contributing, setContributing] = useState<ProgressReportItem | null>(null);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [form] = Form.useForm<ReportForm>();
  const [reviewForm] = Form.useForm<{ comment?: string }>();
  const [contributionForm] = Form.useForm<{ text: string }>();
  const manualIndicators = task.indicators.filter((i) => i.kind === 'manual');
  const { canManage, canReport, canContribute } = task.viewer;
  const agencyName = (id: string) => [...task.leads, ...task.partners].find((a) => a.organisationId === id)?.name ?? agencies.nameOf(id);
  const items = [...(reports.data ?? [])].sort((a, b) => b.period.localeCompare(a.period) || b.updatedAt.localeCompare(a.updatedAt));

  function openEditor(next: Editing) {
    setError(null);
    form.resetFields();
    if (next.mode === 'edit') {
      const r = next.report;
      setEvidence(r.evidenceFileIds.map((id, i) => ({ id, name: `${t('svEvidence')} ${i + 1}` })));
      form.setFieldsValue({
        period: r.period,
        claimedStatus: r.claimedStatus,
        narrative: r.narrative,
        values: Object.fromEntries(r.indicatorValues.map((v) => [v.indicatorId, v.value])),
      });
    } else {
      setEvidence([]);
      // The quarter just ended is the one reminders ask for.
      form.setFieldsValue({ period: previousQuarter(quarterOf(today)), claimedStatus: 'on_track', narrative: '', values: {} });
    }
    setEditing(next);
  }

  async function saveReport(submit: boolean) {
    if (!editing) return;
    const v = await form.validateFields();
    const indicatorValues = Object.entries(v.values ?? {})
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
      .map(([indicatorId, value]) => ({ indicatorId, value: value.trim() }));
    const body = { claimedStatus: v.claimedStatus, narrative: v.narrative ?? '', indicatorValues, evidenceFileIds: evidence.map((f) => f.id), submit };
    const ok = await run(
      () =>
        editing.mode === 'create'
          ? api.post(`${base}/tasks/${encodeURIComponent(task.code)}/reports`, { ...body, period: v.period })
          : api.patch(`${base}/reports/${encodeURIComponent(editing.report.id)}`, { ...body, version: editing.report.version }),
      submit ? 'svReportSubmitted' : 'svSaved',
    );
    if (ok) setEditing(null);
  }

  async function review() {
    if (!reviewing) return;
    const v = await reviewForm.validateFields();
    const ok = await run(
      () =>
        api.post(`${base}/reports/${encodeURIComponent(reviewing.report.id)}/review`, {
          version: reviewing.report.version,
          decision: reviewing.decision,
          comment: v.comment?.trim() || null,
        }),
      reviewing.decision === 'accepted' ? 'svReportAccepted' : 'svReportReturned',
    );
    if (ok) setReviewing(null);
  }

  async function contribute() {
    if (!contributing) return;
    const v = await contributionForm.validateFields();
    const ok = await run(() => api.post(`${base}/reports/${encodeURIComponent(contributing.id)}/contributions`, { text: v.text.trim() }), 'svContributionAdded');
    if (ok) setContributing(null);
  }

  const modalError = error && <Alert type="error" showIcon message={error} data-testid="sv-report-form-error" />;

  return (
    <Card
      size="small"
      title={t('svReports')}
      data-testid="sv-reports"
      extra={
        canReport && (
          <Button size="small" type="primary" data-testid="sv-report-new" onClick={() => openEditor({ mode: 'create' })}>
            {t('svNewReport')}
          </Button>
        )
      }
    >
      {error && !editing && !reviewing && !contributing && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Table<ProgressReportItem>
        size="small"
        rowKey="id"
        pagination={false}
        loading={reports.loading}
        scroll={{ x: 1210 }}
        dataSource={items}
        locale={{ emptyText: t('svNoReports') }}
        onRow={(r) => ({ 'data-testid': `sv-report-${r.id}`, 'data-status': r.status, 'data-period': r.period }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('svPeriod'), dataIndex: 'period', width: 120, render: (v: string) => describePeriod(v, language) },
          { title: t('svReportingAgency'), dataIndex: 'organisationId', width: 160, render: (v: string) => agencyName(v) },
          {
            title: t('status'),
            key: 'status',
            width: 210,
            render: (_: unknown, r) => (
              <Flex vertical gap={4} align="start">
                <ReportStatusTag status={r.status} testId="sv-report-status" />
                {r.review && (
                  <Typography.Text type={r.review.decision === 'returned' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="sv-report-review">
                    {t(r.review.decision === 'returned' ? 'svReturnedBy' : 'svAcceptedBy')} {formatInstant(r.review.at, language)}
                    {r.review.comment ? `${t('svColon')}${r.review.comment}` : ''}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          { title: t('svClaimedStatus'), dataIndex: 'claimedStatus', width: 110, render: (v: ClaimedStatus) => <TaskStatusTag status={v} /> },
          {
            title: t('svNarrative'),
            key: 'narrative',
            width: 300,
            render: (_: unknown, r) => (
              <Flex vertical gap={4}>
                <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true, symbol: t('svMore') }}>
                  {r.narrative || '—'}
                </Typography.Paragraph>
                {r.indicatorValues.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.indicatorValues
                      .map((v) => {
                        const i = task.indicators.find((x) => x.id === v.indicatorId);
                        return `${i?.nameZh ?? v.indicatorId}${t('svColon')}${v.value}${i ? ` ${i.unit}` : ''}`;
                      })
                      .join(t('svSemicolon'))}
                  </Typography.Text>
                )}
                {r.evidenceFileIds.length > 0 && <EvidenceLinks ids={r.evidenceFileIds} />}
                {r.contributions.map((c) => (
                  <Typography.Text key={`${c.organisationId}-${c.at}`} style={{ fontSize: 12 }} data-testid="sv-report-contribution">
                    <Typography.Text type="secondary">
                      {agencyName(c.organisationId)}
                      {t('svColon')}
                    </Typography.Text>
                    {c.text}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
          { title: t('svSubmittedAt'), dataIndex: 'submittedAt', width: 140, render: (v: string | null) => formatInstant(v, language) },
          {
            title: t('actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, r) => (
              <Flex gap={4} wrap>
                {canReport && r.organisationId === me.organisation.id && (r.status === 'draft' || r.status === 'returned') && (
                  <Button size="small" data-testid={`sv-report-edit-${r.id}`} onClick={() => openEditor({ mode: 'edit', report: r })}>
                    {t('svEditReport')}
                  </Button>
                )}
                {canManage && r.status === 'submitted' && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`sv-report-accept-${r.id}`}
                      onClick={() => {
                        setError(null);
                        reviewForm.resetFields();
                        setReviewing({ report: r, decision: 'accepted' });
                      }}
                    >
                      {t('svAccept')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      data-testid={`sv-report-return-${r.id}`}
                      onClick={() => {
                        setError(null);
                        reviewForm.resetFields();
                        setReviewing({ report: r, decision: 'returned' });
                      }}
                    >
                      {t('svReturn')}
                    </Button>
                  </>
                )}
                {canContribute && r.status !== 'accepted' && (
                  <Button
                    size="small"
                    type="link"
                    data-testid={`sv-report-contribute-${r.id}`}
                    onClick={() => {
                      setError(null);
                      contributionForm.resetFields();
                      setContributing(r);
                    }}
                  >
                    {t('svContribute')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />

      <Modal
        open={editing !== null}
        title={editing?.mode === 'edit' ? `${t('svEditReport')} · ${describePeriod(editing.report.period, language)}` : t('svNewReport')}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        footer={
          <Flex gap={8} justify="end" wrap>
            <Button onClick={() => setEditing(null)}>{t('cancel')}</Button>
            <Button data-testid="sv-report-save" loading={saving} onClick={() => void saveReport(false)}>
              {t('svSaveDraft')}
            </Button>
            <Button type="primary" data-testid="sv-report-submit" loading={saving} onClick={() => void saveReport(true)}>
              {t('svSubmitReport')}
            </Button>
          </Flex>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="period" label={t('svPeriod')} rules={[{ required: true, message: t('svRequired') }]}>
            <Select
              data-testid="sv-report-period"
              disabled={editing?.mode === 'edit'}
              options={reportPeriods(today).map((p) => ({ value: p, label: describePeriod(p, language) }))}
            />
          </Form.Item>
          <Form.Item name="claimedStatus" label={t('svClaimedStatus')} rules={[{ required: true, message: t('svRequired') }]}>
            <Radio.Group data-testid="sv-report-claimed" optionType="button" options={claimedStatuses.map((s) => ({ value: s, label: t(`svStatus_${s}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="narrative" label={t('svNarrative')} rules={[{ required: true, whitespace: true, message: t('svRequired') }]}>
            <Input.TextArea data-testid="sv-report-narrative" rows={5} maxLength={20_000} />
          </Form.Item>
          {manualIndicators.map((i) => (
            <Form.Item
              key={i.id}
              name={['values', i.id]}
              label={`${i.nameZh}${t('svParenOpen')}${i.unit}${t('svParenClose')}`}
              rules={[{ pattern: decimal, message: t('svDecimal') }]}
            >
              <Input inputMode="decimal" data-testid={`sv-report-value-${i.id}`} />
            </Form.Item>
          ))}
          <Form.Item label={t('svEvidence')}>
            <EvidenceUpload taskCode={task.code} value={evidence} onChange={setEvidence} testId="sv-report-evidence" />
          </Form.Item>
        </Form>
        {modalError}
      </Modal>

      <Modal
        open={reviewing !== null}
        title={
          reviewing
            ? `${t(reviewing.decision === 'accepted' ? 'svAccept' : 'svReturn')} · ${describePeriod(reviewing.report.period, language)} · ${agencyName(reviewing.report.organisationId)}`
            : ''
        }
        okText={t('ok')}
        cancelText={t('cancel')}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'sv-review-submit', danger: reviewing?.decision === 'returned' } as ButtonProps}
        onCancel={() => setReviewing(null)}
        onOk={() => void review()}
        destroyOnHidden
      >
        <Form form={reviewForm} layout="vertical">
          <Form.Item
            name="comment"
            label={t('svReviewComment')}
            rules={reviewing?.decision === 'returned' ? [{ required: true, whitespace: true, message: t('svReturnNeedsComment') }] : []}
          >
            <Input.TextArea data-testid="sv-review-comment" rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
        {modalError}
      </Modal>

      <FormModal
        open={contributing !== null}
        title={t('svContribute')}
        saving={saving}
        submitTestId="sv-contribution-submit"
        onCancel={() => setContributing(null)}
        onSubmit={() => void contribute()}
      >
        <Form form={contributionForm} layout="vertical">
          <Form.Item name="text" label={t('svContributionText')} rules={[{ required: true, whitespace: true, message: t('svRequired') }]}>
            <Input.TextArea data-testid="sv-contribution-text" rows={4} maxLength={10_000} />
          </Form.Item>
        </Form>
        {modalError}
      </FormModal>
    </Card>
  );
}
