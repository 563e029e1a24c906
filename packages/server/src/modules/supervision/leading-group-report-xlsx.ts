/**
 * The leading group's progress report as a workbook (Chinese first, bilingual headers), pure
 * rendering from the contracts (no database). Four sheets, each with the title and as-of date
 * above a frozen header:
 * - 任务总览: one row per task and safeguard with every column of the PDF's task tables;
 * - 里程碑: every milestone with its owner, due date, state and completion;
 * - 指标: every indicator value by period (plus the computed value at read time);
 * - 报告: every progress report with period, agency, status and review.
 * The dashboard gives the status view; milestones and indicators come from the full tasks
 * (`GET /tasks`), reports from the report list — the dashboard carries only the latest of each.
 * Formula-like text is neutralised by `writeXlsx`.
 *
 * @example
 * // In the route, from the supervision service's reads:
 * const bytes = await renderLeadingGroupXlsx(await service.dashboard(), {
 *   tasks: (await service.tasks(actor)).items,
 *   reports: (await service.snapshot(await service.currentPlanOr404())).reports.map(toReport),
 *   organisationNames, // id → nameZh of the platform's organisations
 * });
 */
import type { PlanTaskItem, ProgressReportItem, SupervisionDashboard } from '@cfp/contracts';
import { writeXlsx, type ColumnSpec } from '../../spreadsheets/index.ts';
import { beijingMinute } from '../carbon-accounts/report-service.ts';
import {
  claimedStatusZh,
  deadlineZh,
  indicatorValueZh,
  latestReportZh,
  leadsText,
  milestoneStateZh,
  organisationNamer,
  planName,
  reportStatusZh,
  taskStatusZh,
  trendArrow,
} from './leading-group-report-pdf.ts';

export interface LeadingGroupXlsxDetails {
  /** The plan's tasks with milestones and indicator values (`GET /tasks`). */
  tasks: readonly PlanTaskItem[];
  /** Every progress report of the plan, any status. */
  reports: readonly ProgressReportItem[];
  /** Organisation id → Chinese name (ids are shown when a name is missing). */
  organisationNames?: Readonly<Record<string, string>>;
}

const code = (key: string, labelZh: string, labelEn: string, width = 8): ColumnSpec => ({ key, labelZh, labelEn, kind: 'code', width });
const text = (key: string, labelZh: string, labelEn: string, width: number): ColumnSpec => ({ key, labelZh, labelEn, kind: 'text', width });

export const taskColumns: readonly ColumnSpec[] = [
  code('code', '编号', 'Code'),
  text('group', '分组', 'Group', 22),
  text('kind', '类型', 'Kind', 10),
  text('title', '任务', 'Task', 36),
  text('leads', '牵头单位', 'Lead agencies', 36),
  text('partners', '配合单位', 'Partner agencies', 40),
  text('status', '状态', 'Status', 10),
  text('statusReasons', '状态说明', 'Status reasons', 40),
  text('deadline', '时限', 'Deadline', 26),
  { key: 'dueYear', labelZh: '时限年份', labelEn: 'Due year', kind: 'integer', width: 10 },
  text('milestonesDone', '里程碑完成', 'Milestones done', 12),
  text('nextMilestone', '下一里程碑', 'Next milestone', 32),
  { key: 'nextMilestoneDue', labelZh: '下一里程碑截止', labelEn: 'Next milestone due', kind: 'date', width: 14 },
  text('nextMilestoneOwner', '下一里程碑责任单位', 'Next milestone owner', 24),
  { key: 'overdueMilestones', labelZh: '逾期里程碑数', labelEn: 'Overdue milestones', kind: 'integer', width: 12 },
  text('overdueMilestoneItems', '逾期里程碑', 'Overdue milestone items', 40),
  text('latestReportPeriod', '最近报告期', 'Latest report period', 12),
  text('latestReportStatus', '最近报告状态', 'Latest report status', 12),
  text('latestReportClaimed', '最近报告自报状态', 'Latest report claimed status', 14),
  text('indicators', '关键指标（最新值、趋势）', 'Key indicators (latest, trend)', 44),
];

export const milestoneColumns: readonly ColumnSpec[] = [
  code('taskCode', '任务编号', 'Task'),
  text('taskTitle', '任务', 'Task title', 32),
  text('title', '里程碑', 'Milestone', 40),
  text('owner', '责任单位', 'Owner', 26),
  code('ownerId', '责任单位编号', 'Owner id', 16),
  { key: 'dueDate', labelZh: '截止日期', labelEn: 'Due date', kind: 'date', width: 12 },
  text('state', '状态', 'State', 12),
  text('doneAt', '完成时间（北京时间）', 'Done at (Beijing)', 18),
  text('doneNote', '完成说明', 'Done note', 40),
  { key: 'evidence', labelZh: '证明材料数', labelEn: 'Evidence files', kind: 'integer', width: 10 },
];

export const indicatorColumns: readonly ColumnSpec[] = [
  code('taskCode', '任务编号', 'Task'),
  text('taskTitle', '任务', 'Task title', 30),
  code('indicatorId', '指标编号', 'Indicator id', 14),
  text('nameZh', '指标', 'Indicator', 30),
  text('nameEn', '指标（英文）', 'Indicator (English)', 30),
  text('unit', '单位', 'Unit', 8),
  text('kind', '类型', 'Kind', 10),
  code('metric', '数据来源', 'Metric', 30),
  { key: 'target', labelZh: '目标值', labelEn: 'Target', kind: 'decimal', width: 12 },
  text('period', '报告期', 'Period', 14),
  { key: 'value', labelZh: '数值', labelEn: 'Value', kind: 'decimal', width: 14 },
  text('valueText', '数值（文字）', 'Value (as read)', 22),
  text('source', '来源', 'Source', 10),
  code('enteredBy', '填报人', 'Entered by', 16),
  text('at', '时间（北京时间）', 'At (Beijing)', 18),
  { key: 'evidence', labelZh: '证明材料数', labelEn: 'Evidence files', kind: 'integer', width: 10 },
  text('note', '说明', 'Note', 30),
];

export const reportColumns: readonly ColumnSpec[] = [
  code('taskCode', '任务编号', 'Task'),
  text('taskTitle', '任务', 'Task title', 30),
  text('period', '报告期', 'Period', 10),
  text('organisation', '报送单位', 'Reporting agency', 26),
  text('status', '状态', 'Status', 10),
  text('claimedStatus', '自报进展', 'Claimed status', 10),
  text('narrative', '进展情况', 'Narrative', 60),
  text('indicatorValues', '报告指标值', 'Indicator values', 30),
  text('contributions', '配合单位补充', 'Contributions', 40),
  { key: 'evidence', labelZh: '证明材料数', labelEn: 'Evidence files', kind: 'integer', width: 10 },
  text('submittedAt', '提交时间（北京时间）', 'Submitted at (Beijing)', 18),
  text('reviewDecision', '审核结论', 'Review decision', 10),
  code('reviewBy', '审核人', 'Reviewed by', 16),
  text('reviewAt', '审核时间（北京时间）', 'Reviewed at (Beijing)', 18),
  text('reviewComment', '审核意见', 'Review comment', 40),
  { key: 'version', labelZh: '版本', labelEn: 'Version', kind: 'integer', width: 8 },
];

type Row = Record<string, string | null>;
const instant = (at: string | null | undefined) => (at ? beijingMinute(new Date(at)) : null);
const kindZh = { task: '任务', safeguard: '保障措施' } as const;
const indicatorKindZh = { manual: '手工填报', computed: '平台计算' } as const;
const reviewZh = { returned: '退回', accepted: '通过' } as const;

/** Tasks in plan order: group order, then the order within the group (the dashboard's). */
function taskOrder(dashboard: SupervisionDashboard): Map<string, number> {
  const order = new Map<string, number>();
  [...dashboard.groups].sort((a, b) => a.order - b.order).forEach((g) => g.tasks.forEach((t) => order.set(t.code, order.size)));
  return order;
}

export async function renderLeadingGroupXlsx(dashboard: SupervisionDashboard, details: LeadingGroupXlsxDetails): Promise<Buffer> {
  const orgName = organisationNamer(dashboard, details.organisationNames);
  const order = taskOrder(dashboard);
  const byOrder = (a: string, b: string) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b);
  const fullTasks = new Map(details.tasks.map((t) => [t.code, t]));
  const titleOf = (taskCode: string) => fullTasks.get(taskCode)?.title ?? dashboard.groups.flatMap((g) => g.tasks).find((t) => t.code === taskCode)?.title ?? null;
  const agencies = (list: readonly { name: string; organisationId: string | null }[]) => list.map((a) => `${a.name}${a.organisationId ? '' : '（未映射）'}`).join('、');

  const taskRows: Row[] = [...dashboard.groups]
    .sort((a, b) => a.order - b.order)
    .flatMap((g) =>
      g.tasks.map((t) => ({
        code: t.code,
        group: g.name,
        kind: kindZh[t.kind],
        title: t.title,
        leads: leadsText(t),
        partners: fullTasks.has(t.code) ? agencies(fullTasks.get(t.code)!.partners) : null,
        status: taskStatusZh[t.status],
        statusReasons: t.statusReasons.join('；'),
        deadline: deadlineZh(t),
        dueYear: t.dueYear === null ? null : String(t.dueYear),
        milestonesDone: `${t.milestonesDone}/${t.milestoneCount}`,
        nextMilestone: t.nextMilestone?.title ?? null,
        nextMilestoneDue: t.nextMilestone?.dueDate ?? null,
        nextMilestoneOwner: t.nextMilestone ? orgName(t.nextMilestone.ownerOrganisationId) : null,
        overdueMilestones: String(t.overdueMilestones),
        overdueMilestoneItems: t.overdueMilestoneItems.map((m) => `${m.title}（${orgName(m.ownerOrganisationId)}，${m.dueDate}）`).join('；') || null,
        latestReportPeriod: t.latestReport?.period ?? null,
        latestReportStatus: t.latestReport ? reportStatusZh[t.latestReport.status] : latestReportZh(null),
        latestReportClaimed: t.latestReport ? claimedStatusZh[t.latestReport.claimedStatus] : null,
        indicators:
          t.indicators
            .map((i) => {
              const arrow = trendArrow(i.trend);
              return `${i.nameZh}：${indicatorValueZh(i.latest, i.unit)}${arrow ? ` ${arrow}` : ''}`;
            })
            .join('；') || null,
      })),
    );

  const tasksInOrder = [...details.tasks].sort((a, b) => byOrder(a.code, b.code));
  const milestoneRows: Row[] = tasksInOrder.flatMap((t) =>
    [...t.milestones]
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
      .map((m) => ({
        taskCode: t.code,
        taskTitle: t.title,
        title: m.title,
        owner: orgName(m.ownerOrganisationId),
        ownerId: m.ownerOrganisationId,
        dueDate: m.dueDate,
        state: milestoneStateZh[m.state],
        doneAt: instant(m.doneAt),
        doneNote: m.doneNote,
        evidence: String(m.evidenceFileIds.length),
      })),
  );

  const indicatorRows: Row[] = tasksInOrder.flatMap((t) =>
    t.indicators.flatMap((i): Row[] => {
      const common = {
        taskCode: t.code,
        taskTitle: t.title,
        indicatorId: i.id,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        unit: i.unit,
        kind: indicatorKindZh[i.kind],
        metric: i.metric,
        target: i.target,
      };
      const values: Row[] = [...i.values]
        .sort((a, b) => a.period.localeCompare(b.period) || a.at.localeCompare(b.at))
        .map((v) => ({
          ...common,
          period: v.period,
          value: v.value,
          valueText: indicatorValueZh(v.value, i.unit),
          source: indicatorKindZh[v.source],
          enteredBy: v.enteredBy,
          at: instant(v.at),
          evidence: String(v.evidenceFileIds.length),
          note: null,
        }));
      const current: Row[] = i.current
        ? [
            {
              ...common,
              period: '当前（读取时）',
              value: i.current.value,
              valueText: indicatorValueZh(i.current.value, i.unit),
              source: indicatorKindZh.computed,
              enteredBy: null,
              at: instant(i.current.at),
              evidence: null,
              note: i.current.basis,
            },
          ]
        : [];
      const rows = [...values, ...current];
      // An indicator without any value still gets its row, so every indicator is listed.
      return rows.length ? rows : [{ ...common, period: null, value: null, valueText: '暂无数据', source: null, enteredBy: null, at: null, evidence: null, note: null }];
    }),
  );

  const reportRows: Row[] = [...details.reports]
    .sort((a, b) => byOrder(a.taskCode, b.taskCode) || a.period.localeCompare(b.period) || a.organisationId.localeCompare(b.organisationId))
    .map((r) => ({
      taskCode: r.taskCode,
      taskTitle: titleOf(r.taskCode),
      period: r.period,
      organisation: orgName(r.organisationId),
      status: reportStatusZh[r.status],
      claimedStatus: claimedStatusZh[r.claimedStatus],
      narrative: r.narrative || null,
      indicatorValues: r.indicatorValues.map((v) => `${v.indicatorId}=${v.value}`).join('；') || null,
      contributions: r.contributions.map((c) => `${orgName(c.organisationId)}（${instant(c.at)}）：${c.text}`).join('\n') || null,
      evidence: String(r.evidenceFileIds.length),
      submittedAt: instant(r.submittedAt),
      reviewDecision: r.review ? reviewZh[r.review.decision] : null,
      reviewBy: r.review?.by ?? null,
      reviewAt: instant(r.review?.at),
      reviewComment: r.review?.comment ?? null,
      version: String(r.version),
    }));

  const plan = dashboard.plan;
  const notes = [
    `${plan.documentNumber ?? ''} 数据截至 ${dashboard.today}，最近报告期 ${dashboard.lastQuarter}，方案第 ${plan.version} 版 (as of ${dashboard.today}, plan version ${plan.version})`.trim(),
  ];
  const bytes = await writeXlsx({
    title: `${planName(plan.title)} 推进情况报告 Progress report`,
    sheets: [
      { name: '任务总览', columns: taskColumns, rows: taskRows, notes },
      { name: '里程碑', columns: milestoneColumns, rows: milestoneRows, notes },
      { name: '指标', columns: indicatorColumns, rows: indicatorRows, notes },
      { name: '报告', columns: reportColumns, rows: reportRows, notes },
    ],
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
