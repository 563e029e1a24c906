/**
 * 行动方案督办 — the leading-group view (领导小组视图) of the city's carbon-finance action plan: the
 * plan (title, document number, the yearly targets), the tasks counted by status, a chart of the
 * statuses per group, and the five action groups and the safeguards (保障措施) as sections, each
 * task with its leads, status, deadline, next milestone, overdue milestones (red), latest report
 * and indicators with a small trend. Filters (group, status, lead agency, my tasks) are kept in the
 * URL and applied to the dashboard as read; the leading-group report downloads as PDF or xlsx.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Grid, List, Row, Select, Skeleton, Space, Statistic, Switch, Typography } from 'antd';
import type { SupervisionDashboard, SupervisionDashboardTask, TaskStatus } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { formatInstant, type MessageKey } from '../../app/i18n.ts';
import { downloadFile } from '../common/download-file.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { IndicatorSparkline } from './indicator-sparkline.tsx';
import { ReportStatusTag, TaskStatusTag } from './status-tag.tsx';
import { describePeriod, overdueRed, statusByGroupOption, statusColours, taskStatusOrder, trimDecimal } from './supervision-format.ts';
import { useAgencyNames } from './use-agency-names.tsx';

const DashboardChart = lazy(() => import('../carbon-dashboard/dashboard-chart.tsx').then((m) => ({ default: m.DashboardChart })));

const base = '/api/v1/supervision';

type Task = SupervisionDashboardTask;

function TaskRow({ task, nameOf }: { task: Task; nameOf: (id: string | null | undefined) => string }) {
  const { t, language } = useApp();
  const leads = task.leads.map((l) => l.name).join('、');
  return (
    <List.Item data-testid={`sv-task-${task.code}`} data-status={task.status} style={{ display: 'block' }}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Flex gap={8} align="baseline" style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
            {task.kind === 'safeguard' ? task.code : `${t('svTaskNo')}${task.code}`}
          </Typography.Text>
          <Link to={`/supervision/tasks/${encodeURIComponent(task.code)}`} data-testid={`sv-task-link-${task.code}`}>
            {task.title}
          </Link>
        </Flex>
        <TaskStatusTag status={task.status} testId={`sv-task-status-${task.code}`} />
      </Flex>
      <Flex gap={16} wrap style={{ marginTop: 6, fontSize: 13 }}>
        <span>
          <Typography.Text type="secondary">
            {t('svLeads')}
            {t('svColon')}
          </Typography.Text>
          {leads || '—'}
        </span>
        <span>
          <Typography.Text type="secondary">
            {t('svDeadline')}
            {t('svColon')}
          </Typography.Text>
          {task.deadlineText ?? t('svNoDeadline')}
        </span>
        <span>
          <Typography.Text type="secondary">
            {t('svMilestones')}
            {t('svColon')}
          </Typography.Text>
          {task.milestonesDone}/{task.milestoneCount}
        </span>
        <span>
          <Typography.Text type="secondary">
            {t('svNextMilestone')}
            {t('svColon')}
          </Typography.Text>
          {task.nextMilestone ? `${task.nextMilestone.title}${t('svParenOpen')}${task.nextMilestone.dueDate}${t('svParenClose')}` : '—'}
        </span>
        <span>
          <Typography.Text type="secondary">
            {t('svLatestReport')}
            {t('svColon')}
          </Typography.Text>
          {task.latestReport ? (
            <Space size={4}>
              {describePeriod(task.latestReport.period, language)}
              <ReportStatusTag status={task.latestReport.status} />
            </Space>
          ) : (
            t('svNoReport')
          )}
        </span>
      </Flex>
      {task.overdueMilestoneItems.length > 0 && (
        <Flex vertical gap={2} style={{ marginTop: 6 }} data-testid={`sv-overdue-${task.code}`}>
          {task.overdueMilestoneItems.map((m) => (
            <span key={m.id} data-testid="sv-overdue-milestone" data-state="overdue" style={{ color: overdueRed, fontSize: 13 }}>
              {t('svOverdueMilestone')}
              {t('svColon')}
              {m.title}
              {t('svParenOpen')}
              {t('svDue')} {m.dueDate}
              {t('svComma')}
              {nameOf(m.ownerOrganisationId)}
              {t('svParenClose')}
            </span>
          ))}
        </Flex>
      )}
      {task.indicators.length > 0 && (
        <Flex gap={16} wrap style={{ marginTop: 6, fontSize: 13 }}>
          {task.indicators.map((i) => (
            <Space key={i.id} size={6} data-testid={`sv-indicator-${i.id}`}>
              <Typography.Text type="secondary">
                {i.nameZh}
                {t('svColon')}
              </Typography.Text>
              <Typography.Text strong>{i.latest === null ? '—' : `${i.latest} ${i.unit}`}</Typography.Text>
              {i.target !== null && (
                <Typography.Text type="secondary">
                  {t('svParenOpen')}
                  {t('svTarget')} {trimDecimal(i.target)}
                  {t('svParenClose')}
                </Typography.Text>
              )}
              <IndicatorSparkline values={i.trend.map((p) => p.value)} label={`${i.nameZh} ${t('svTrend')}`} />
            </Space>
          ))}
        </Flex>
      )}
      {task.statusReasons.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
          {task.statusReasons.join(t('svSemicolon'))}
        </Typography.Paragraph>
      )}
    </List.Item>
  );
}

export function SupervisionPage() {
  const { t, api, language } = useApp();
  const me = useMe();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [params, setParams] = useSearchParams();
  const [downloading, setDownloading] = useState<'pdf' | 'xlsx' | null>(null);
  const { nameOf } = useAgencyNames();
  const dashboard = useAsync(() => api.get<SupervisionDashboard>(`${base}/dashboard`), []);
  const d = dashboard.data;

  const group = params.get('group') ?? undefined;
  const status = (params.get('status') ?? undefined) as TaskStatus | undefined;
  const lead = params.get('lead') ?? undefined;
  const mine = params.get('mine') === 'true';
  const setFilter = (key: string, value: string | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const leadOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of d?.groups ?? [])
      for (const task of g.tasks) for (const l of task.leads) if (l.organisationId && !seen.has(l.organisationId)) seen.set(l.organisationId, l.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [d]);

  const isMine = (task: Task) =>
    task.leads.some((l) => l.organisationId === me.organisation.id) ||
    task.nextMilestone?.ownerOrganisationId === me.organisation.id ||
    task.overdueMilestoneItems.some((m) => m.ownerOrganisationId === me.organisation.id);
  const shown = (d?.groups ?? [])
    .filter((g) => !group || g.name === group)
    .map((g) => ({
      ...g,
      tasks: g.tasks.filter((task) => (!status || task.status === status) && (!lead || task.leads.some((l) => l.organisationId === lead)) && (!mine || isMine(task))),
    }));

  const chart = useMemo(() => (d ? statusByGroupOption({ groups: d.groups, statusName: (s) => t(`svStatus_${s}` as MessageKey), narrow }) : undefined), [d, t, narrow]);

  async function download(format: 'pdf' | 'xlsx') {
    setDownloading(format);
    try {
      await downloadFile({ path: `${base}/leading-group-report.${format}`, fallbackName: `行动方案督办报告.${format}`, language });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setDownloading(null);
    }
  }

  return (
    <div data-testid="supervision-page">
      <PageTitle
        extra={
          <Space wrap>
            <Button data-testid="sv-download-pdf" loading={downloading === 'pdf'} disabled={!d} onClick={() => void download('pdf')}>
              {t('svDownloadPdf')}
            </Button>
            <Button data-testid="sv-download-xlsx" loading={downloading === 'xlsx'} disabled={!d} onClick={() => void download('xlsx')}>
              {t('svExportExcel')}
            </Button>
          </Space>
        }
      >
        {t('supervision')}
      </PageTitle>
      {dashboard.error && <Alert type="error" showIcon message={dashboard.error.message} style={{ marginBottom: 16 }} />}
      {!d && dashboard.loading && <Skeleton active />}
      {d && (
        <Flex vertical gap={16}>
          <Card size="small" data-testid="sv-plan">
            <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }} data-testid="sv-plan-title">
              {d.plan.title}
            </Typography.Title>
            <Descriptions
              size="small"
              column={narrow ? 1 : 3}
              items={[
                { key: 'doc', label: t('svDocumentNumber'), children: d.plan.documentNumber ?? '—' },
                { key: 'issuer', label: t('svIssuer'), children: d.plan.issuer },
                { key: 'issued', label: t('svIssued'), children: d.plan.issued ?? '—' },
                { key: 'version', label: t('svPlanVersion'), children: `v${d.plan.version}${t('svParenOpen')}${formatInstant(d.plan.loadedAt, language)}${t('svParenClose')}` },
                { key: 'today', label: t('svToday'), children: d.today },
                { key: 'quarter', label: t('svLastQuarter'), children: describePeriod(d.lastQuarter, language) },
              ]}
            />
            <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="sv-targets">
              {d.plan.targets.map((target) => (
                <Typography.Paragraph key={target.year} style={{ margin: 0 }}>
                  <Typography.Text strong>
                    {target.year}
                    {t('svTargetOfYear')}
                    {t('svColon')}
                  </Typography.Text>
                  {target.text}
                </Typography.Paragraph>
              ))}
            </Flex>
            {d.plan.unmappedAgencies.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                message={`${t('svUnmappedAgencies')}${t('svColon')}${d.plan.unmappedAgencies.join('、')}`}
                data-testid="sv-unmapped"
              />
            )}
          </Card>

          <Row gutter={[12, 12]} data-testid="sv-counts">
            {taskStatusOrder.map((s) => (
              <Col key={s} xs={12} sm={8} md={4} style={narrow ? undefined : { flex: '1 1 0', maxWidth: 'none' }}>
                <Card
                  size="small"
                  hoverable
                  data-testid={`sv-count-${s}`}
                  onClick={() => setFilter('status', status === s ? undefined : s)}
                  style={{ borderTop: `3px solid ${statusColours[s].hex}`, background: status === s ? '#f6ffed' : undefined }}
                >
                  <Statistic title={t(`svStatus_${s}` as MessageKey)} value={d.counts[s]} valueStyle={{ color: statusColours[s].hex }} />
                </Card>
              </Col>
            ))}
          </Row>

          <Card size="small" title={t('svStatusByGroup')}>
            <Suspense fallback={<Skeleton active />}>
              {chart && <DashboardChart option={chart} testId="sv-status-chart" label={t('svStatusByGroup')} height={narrow ? 300 : 260} />}
            </Suspense>
          </Card>

          <Flex gap={8} wrap align="center" data-testid="sv-filters">
            <Select
              allowClear
              data-testid="sv-filter-group"
              placeholder={t('svGroup')}
              style={{ minWidth: 200 }}
              value={group}
              onChange={(v: string | undefined) => setFilter('group', v)}
              options={d.groups.map((g) => ({ value: g.name, label: g.name }))}
            />
            <Select
              allowClear
              data-testid="sv-filter-status"
              placeholder={t('status')}
              style={{ minWidth: 130 }}
              value={status}
              onChange={(v: string | undefined) => setFilter('status', v)}
              options={taskStatusOrder.map((s) => ({ value: s, label: t(`svStatus_${s}` as MessageKey) }))}
            />
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              data-testid="sv-filter-lead"
              placeholder={t('svLeadAgency')}
              style={{ minWidth: 220 }}
              value={lead}
              onChange={(v: string | undefined) => setFilter('lead', v)}
              options={leadOptions}
            />
            <Space>
              <Switch data-testid="sv-filter-mine" checked={mine} onChange={(v) => setFilter('mine', v ? 'true' : undefined)} />
              {t('svMyTasks')}
            </Space>
          </Flex>

          {shown.every((g) => g.tasks.length === 0) && <Empty description={t('svNoTasks')} />}
          {shown
            .filter((g) => g.tasks.length > 0)
            .map((g) => (
              <Card
                key={g.name}
                size="small"
                data-testid="sv-group"
                title={g.name}
                extra={
                  <Space size={4} wrap>
                    {taskStatusOrder
                      .filter((s) => g.counts[s] > 0)
                      .map((s) => (
                        <Typography.Text key={s} style={{ color: statusColours[s].hex, fontSize: 12 }}>
                          {t(`svStatus_${s}` as MessageKey)} {g.counts[s]}
                        </Typography.Text>
                      ))}
                  </Space>
                }
                styles={{ header: { flexWrap: 'wrap', gap: 8 }, body: { paddingTop: 0, paddingBottom: 0 } }}
              >
                <List<Task> dataSource={g.tasks} rowKey="code" renderItem={(task) => <TaskRow task={task} nameOf={nameOf} />} />
              </Card>
            ))}
        </Flex>
      )}
    </div>
  );
}
