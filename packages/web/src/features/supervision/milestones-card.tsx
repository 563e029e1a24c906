/**
 * 里程碑 of a task: title, owner, due date and state (overdue in red). The commission adds and
 * edits milestones (title, owner, due date) and may reopen one; the owner (or the commission) marks
 * one done with a note and evidence files. The milestone's version guards concurrent edits; the
 * server decides who may do what and its refusal is shown as it says.
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Select, Table, Typography } from 'antd';
import type { PlanMilestoneItem, PlanTaskItem } from '@cfp/contracts';
import { FormModal } from './form-modal.tsx';
import { useSaveAction } from './use-save-action.tsx';
import { useApp, useMe } from '../../app/app-context.tsx';
import { formatInstant } from '../../app/i18n.ts';
import { EvidenceLinks, EvidenceUpload, type EvidenceFile } from './evidence-files.tsx';
import { MilestoneStateTag } from './status-tag.tsx';
import { overdueRed } from './supervision-format.ts';
import type { AgencyNames } from './use-agency-names.tsx';

const base = '/api/v1/supervision';

type Editing = { mode: 'create' } | { mode: 'edit'; milestone: PlanMilestoneItem };
interface MilestoneForm {
  title: string;
  ownerOrganisationId: string;
  /** YYYY-MM-DD from the native date input (the phone's own picker). */
  dueDate: string;
}

export function MilestonesCard({ task, agencies, onChanged }: { task: PlanTaskItem; agencies: AgencyNames; onChanged: () => void }) {
  const { t, api, language } = useApp();
  const me = useMe();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [completing, setCompleting] = useState<PlanMilestoneItem | null>(null);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const { error, setError, saving, run } = useSaveAction(onChanged);
  const [form] = Form.useForm<MilestoneForm>();
  const [doneForm] = Form.useForm<{ doneNote: string }>();
  const canManage = task.viewer.canManage;

  // The task's own agencies first, then every other government body, regulator and county.
  const ownerOptions = (() => {
    const seen = new Map<string, string>();
    for (const a of [...task.leads, ...task.partners]) if (a.organisationId) seen.set(a.organisationId, a.name);
    for (const o of agencies.agencies) if (!seen.has(o.id)) seen.set(o.id, language === 'en' ? o.nameEn || o.nameZh : o.nameZh);
    return [...seen].map(([value, label]) => ({ value, label }));
  })();
  const ownerName = (id: string) => [...task.leads, ...task.partners].find((a) => a.organisationId === id)?.name ?? agencies.nameOf(id);

  function openEditor(next: Editing) {
    setError(null);
    setEditing(next);
    form.resetFields();
    if (next.mode === 'edit') form.setFieldsValue({ title: next.milestone.title, ownerOrganisationId: next.milestone.ownerOrganisationId, dueDate: next.milestone.dueDate });
    else form.setFieldsValue({ ownerOrganisationId: task.leads.find((l) => l.organisationId)?.organisationId ?? undefined });
  }

  async function saveMilestone() {
    if (!editing) return;
    const v = await form.validateFields();
    const body = { title: v.title.trim(), ownerOrganisationId: v.ownerOrganisationId, dueDate: v.dueDate };
    const ok = await run(
      () =>
        editing.mode === 'create'
          ? api.post(`${base}/tasks/${encodeURIComponent(task.code)}/milestones`, body)
          : api.patch(`${base}/milestones/${encodeURIComponent(editing.milestone.id)}`, { ...body, version: editing.milestone.version }),
      t('svSaved'),
    );
    if (ok) setEditing(null);
  }

  async function markDone() {
    if (!completing) return;
    const v = await doneForm.validateFields();
    const ok = await run(
      () =>
        api.patch(`${base}/milestones/${encodeURIComponent(completing.id)}`, {
          version: completing.version,
          done: true,
          doneNote: v.doneNote.trim(),
          evidenceFileIds: [...completing.evidenceFileIds, ...evidence.map((f) => f.id)],
        }),
      t('svMilestoneMarkedDone'),
    );
    if (ok) setCompleting(null);
  }

  async function reopen(m: PlanMilestoneItem) {
    await run(() => api.patch(`${base}/milestones/${encodeURIComponent(m.id)}`, { version: m.version, done: false }), t('svMilestoneReopened'));
  }

  return (
    <Card
      size="small"
      title={t('svMilestones')}
      data-testid="sv-milestones"
      extra={
        canManage && (
          <Button size="small" type="primary" data-testid="sv-milestone-add" onClick={() => openEditor({ mode: 'create' })}>
            {t('svAddMilestone')}
          </Button>
        )
      }
    >
      {error && !editing && !completing && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} data-testid="sv-milestone-error" />}
      <Table<PlanMilestoneItem>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 1060 }}
        dataSource={task.milestones}
        locale={{ emptyText: t('svNoMilestones') }}
        onRow={(m) => ({ 'data-testid': 'sv-milestone-row', 'data-state': m.state }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('svMilestoneTitle'),
            dataIndex: 'title',
            width: 240,
            render: (v: string, m) => <span style={m.state === 'overdue' ? { color: overdueRed } : undefined}>{v}</span>,
          },
          { title: t('svOwner'), dataIndex: 'ownerOrganisationId', width: 190, render: (v: string) => ownerName(v) },
          {
            title: t('svDueDate'),
            dataIndex: 'dueDate',
            width: 110,
            render: (v: string, m) => <span style={m.state === 'overdue' ? { color: overdueRed, fontWeight: 600 } : undefined}>{v}</span>,
          },
          {
            title: t('svState'),
            dataIndex: 'state',
            width: 150,
            render: (_: unknown, m) => (
              <Flex vertical gap={2} align="start">
                <MilestoneStateTag state={m.state} />
                {m.doneAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatInstant(m.doneAt, language)}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('svDoneNote'),
            key: 'note',
            width: 200,
            render: (_: unknown, m) => (
              <Flex vertical gap={2}>
                {m.doneNote && <Typography.Text>{m.doneNote}</Typography.Text>}
                {m.evidenceFileIds.length > 0 && <EvidenceLinks ids={m.evidenceFileIds} />}
                {!m.doneNote && m.evidenceFileIds.length === 0 && '—'}
              </Flex>
            ),
          },
          {
            title: t('actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, m) => {
              const isOwner = m.ownerOrganisationId === me.organisation.id;
              return (
                <Flex gap={4} wrap>
                  {m.state !== 'done' && (isOwner || canManage) && (
                    <Button
                      size="small"
                      data-testid={`sv-milestone-done-${m.id}`}
                      onClick={() => {
                        setError(null);
                        setEvidence([]);
                        doneForm.resetFields();
                        setCompleting(m);
                      }}
                    >
                      {t('svMarkDone')}
                    </Button>
                  )}
                  {canManage && (
                    <Button size="small" type="link" data-testid={`sv-milestone-edit-${m.id}`} onClick={() => openEditor({ mode: 'edit', milestone: m })}>
                      {t('svEdit')}
                    </Button>
                  )}
                  {canManage && m.state === 'done' && (
                    <Button size="small" type="link" onClick={() => void reopen(m)}>
                      {t('svReopen')}
                    </Button>
                  )}
                </Flex>
              );
            },
          },
        ]}
      />
      <FormModal
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('svEditMilestone') : t('svAddMilestone')}
        saving={saving}
        submitTestId="sv-milestone-submit"
        onCancel={() => setEditing(null)}
        onSubmit={() => void saveMilestone()}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('svMilestoneTitle')} rules={[{ required: true, whitespace: true, message: t('svRequired') }]}>
            <Input data-testid="sv-milestone-title" maxLength={300} />
          </Form.Item>
          <Form.Item name="ownerOrganisationId" label={t('svOwner')} rules={[{ required: true, message: t('svRequired') }]}>
            <Select data-testid="sv-milestone-owner" showSearch optionFilterProp="label" options={ownerOptions} />
          </Form.Item>
          <Form.Item name="dueDate" label={t('svDueDate')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('svRequired') }]}>
            <Input type="date" data-testid="sv-milestone-due" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon message={error} data-testid="sv-milestone-form-error" />}
      </FormModal>
      <FormModal
        open={completing !== null}
        title={`${t('svMarkDone')} · ${completing?.title ?? ''}`}
        saving={saving}
        submitTestId="sv-milestone-done-submit"
        onCancel={() => setCompleting(null)}
        onSubmit={() => void markDone()}
      >
        <Form form={doneForm} layout="vertical">
          <Form.Item name="doneNote" label={t('svDoneNote')} rules={[{ required: true, whitespace: true, message: t('svRequired') }]}>
            <Input.TextArea data-testid="sv-milestone-done-note" rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item label={t('svEvidence')}>
            <EvidenceUpload taskCode={task.code} value={evidence} onChange={setEvidence} testId="sv-milestone-evidence" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon message={error} />}
      </FormModal>
    </Card>
  );
}
