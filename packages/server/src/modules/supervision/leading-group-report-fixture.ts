/**
 * Tests only: a leading-group dashboard, the full tasks and the reports built by hand from the
 * contract types and the published plan (reference/jining-action-plan-2024.json: 21 tasks and 3
 * safeguards), without the database. As of 2025-07-15: task 6 has an overdue milestone, task 7 a
 * milestone due within 30 days and a returned report, task 2 an accepted report and a computed
 * indicator rising from 60 to 66, task 1 is done; the rest are not started.
 */
import { readFileSync } from 'node:fs';
import type {
  PlanAgency,
  PlanIndicatorItem,
  PlanMilestoneItem,
  PlanTaskItem,
  ProgressReportItem,
  SupervisionDashboard,
  SupervisionDashboardTask,
  TaskStatus,
} from '@cfp/contracts';

interface PlanFileTask {
  no?: number;
  id?: string;
  group: string;
  title: string;
  summary: string;
  leads: string[];
  partners: string[];
  deadline?: string | null;
}
interface PlanFile {
  meta: { title: string; issuer: string; documentNumber: string; issued: string; targets: Record<string, string> };
  tasks: PlanFileTask[];
  safeguards: PlanFileTask[];
}

export function readPlanFile(): PlanFile {
  return JSON.parse(readFileSync(new URL('../../../../../reference/jining-action-plan-2024.json', import.meta.url), 'utf8')) as PlanFile;
}

const organisationIds: Record<string, string> = {
  市发展改革委: 'gov-drc',
  市生态环境局: 'gov-eeb',
  市财政局: 'gov-finance',
  人民银行济宁市分行: 'pboc-jining',
  国家金融监督管理总局济宁监管分局: 'nfra-jining',
  市自然资源和规划局: 'gov-nrp',
  市农业农村局: 'gov-agri',
  市教育局: 'gov-edu',
  市人力资源社会保障局: 'gov-hrss',
};
export const organisationNames: Record<string, string> = {
  'gov-drc': '济宁市发展改革委',
  'gov-eeb': '济宁市生态环境局',
  'gov-finance': '济宁市财政局',
  'pboc-jining': '人民银行济宁市分行',
  'nfra-jining': '国家金融监督管理总局济宁监管分局',
  'county-zoucheng': '邹城市人民政府',
};
/** One agency is left unmapped on purpose: it must be kept and marked, never dropped. */
const agency = (name: string): PlanAgency => ({ name, organisationId: name === '市人力资源社会保障局' ? null : (organisationIds[name] ?? null) });

const at = '2025-07-01T02:00:00.000Z';
const milestone = (m: Partial<PlanMilestoneItem> & Pick<PlanMilestoneItem, 'id' | 'taskCode' | 'title' | 'dueDate' | 'state'>): PlanMilestoneItem => ({
  ownerOrganisationId: 'gov-drc',
  doneAt: null,
  doneNote: null,
  evidenceFileIds: [],
  version: 1,
  ...m,
});

export const TODAY = '2025-07-15';
export const OVERDUE_MILESTONE = '完成碳金融数字服务平台一期上线';

function milestonesOf(code: string): PlanMilestoneItem[] {
  switch (code) {
    case '1':
      return [
        milestone({
          id: 'm-1a',
          taskCode: '1',
          title: '印发转型金融支持领域清单',
          dueDate: '2024-12-31',
          state: 'done',
          doneAt: '2024-12-20T08:00:00.000Z',
          doneNote: '已印发',
          evidenceFileIds: ['f-1'],
        }),
      ];
    case '2':
      return [
        milestone({ id: 'm-2a', taskCode: '2', title: '重点企业碳账户全覆盖', dueDate: '2025-12-31', state: 'open' }),
        milestone({ id: 'm-2b', taskCode: '2', title: '碳账户与“两高”平台数据对接', dueDate: '2025-03-31', state: 'done', doneAt: '2025-03-28T08:00:00.000Z', doneNote: '已对接' }),
      ];
    case '6':
      return [
        milestone({ id: 'm-6a', taskCode: '6', title: OVERDUE_MILESTONE, dueDate: '2025-06-30', state: 'overdue' }),
        milestone({ id: 'm-6b', taskCode: '6', title: '平台多场景应用', dueDate: '2025-12-31', state: 'open', ownerOrganisationId: 'county-zoucheng' }),
      ];
    case '7':
      return [milestone({ id: 'm-7a', taskCode: '7', title: '组织重点排放单位参加碳市场培训', dueDate: '2025-08-01', state: 'open', ownerOrganisationId: 'gov-eeb' })];
    default:
      return [];
  }
}

function indicatorsOf(code: string): PlanIndicatorItem[] {
  if (code === '2')
    return [
      {
        id: 'i-2a',
        taskCode: '2',
        nameZh: '建立碳账户的企业数',
        nameEn: 'Enterprises with carbon accounts',
        unit: '家',
        kind: 'computed',
        metric: 'enterprises_with_carbon_accounts',
        target: '80',
        ownerOrganisationId: null,
        current: { value: '66', detail: null, basis: '2024 年度碳账户', at },
        values: [
          { period: '2025-Q1', value: '60', source: 'computed', enteredBy: null, evidenceFileIds: [], at: '2025-04-02T02:00:00.000Z' },
          { period: '2025-Q2', value: '66', source: 'computed', enteredBy: null, evidenceFileIds: [], at },
        ],
      },
      {
        id: 'i-2b',
        taskCode: '2',
        nameZh: '已发布标识数（按颜色）',
        nameEn: 'Published labels by colour',
        unit: '个',
        kind: 'computed',
        metric: 'published_labels_by_colour',
        target: null,
        ownerOrganisationId: null,
        current: { value: '{"green":30,"yellow":20,"orange":10,"red":6}', detail: { green: '30', yellow: '20', orange: '10', red: '6' }, basis: '2023 年度正式标识', at },
        values: [],
      },
    ];
  if (code === '9')
    return [
      {
        id: 'i-9a',
        taskCode: '9',
        nameZh: '碳金融产品数',
        nameEn: null,
        unit: '个',
        kind: 'manual',
        metric: null,
        target: null,
        ownerOrganisationId: 'nfra-jining',
        current: null,
        values: [],
      },
    ];
  return [];
}

const report = (r: Partial<ProgressReportItem> & Pick<ProgressReportItem, 'id' | 'taskCode' | 'period' | 'organisationId' | 'status' | 'claimedStatus'>): ProgressReportItem => ({
  narrative: '',
  indicatorValues: [],
  evidenceFileIds: [],
  contributions: [],
  review: null,
  submittedAt: r.status === 'draft' ? null : at,
  updatedAt: at,
  version: 1,
  ...r,
});

export const reports: ProgressReportItem[] = [
  report({
    id: 'r-2q2',
    taskCode: '2',
    period: '2025-Q2',
    organisationId: 'gov-drc',
    status: 'accepted',
    claimedStatus: 'on_track',
    narrative: '66 家重点企业已建立碳账户。',
    indicatorValues: [{ indicatorId: 'i-2a', value: '66' }],
    contributions: [{ organisationId: 'gov-eeb', text: '已提供排放数据', at }],
    review: { by: 'drc', at: '2025-07-05T02:00:00.000Z', decision: 'accepted', comment: null },
    version: 3,
  }),
  report({
    id: 'r-7q2',
    taskCode: '7',
    period: '2025-Q2',
    organisationId: 'gov-eeb',
    status: 'returned',
    claimedStatus: 'on_track',
    narrative: '=HYPERLINK("http://evil","点我")',
    review: { by: 'drc', at: '2025-07-06T02:00:00.000Z', decision: 'returned', comment: '请补充参加培训的企业名单' },
    version: 2,
  }),
  report({
    id: 'r-1q2',
    taskCode: '1',
    period: '2025-Q2',
    organisationId: 'gov-drc',
    status: 'accepted',
    claimedStatus: 'done',
    review: { by: 'drc', at, decision: 'accepted', comment: '同意' },
  }),
  report({ id: 'r-3q2', taskCode: '3', period: '2025-Q2', organisationId: 'pboc-jining', status: 'submitted', claimedStatus: 'on_track' }),
];

const statusOf: Record<string, { status: TaskStatus; reasons: string[] }> = {
  '1': { status: 'done', reasons: ['里程碑全部完成，最近通过的报告自报已完成'] },
  '2': { status: 'on_track', reasons: ['已有完成的里程碑，无逾期'] },
  '3': { status: 'on_track', reasons: ['已报送 2025-Q2 报告'] },
  '6': { status: 'overdue', reasons: [`里程碑「${OVERDUE_MILESTONE}」已于 2025-06-30 到期未完成`] },
  '7': { status: 'at_risk', reasons: ['里程碑「组织重点排放单位参加碳市场培训」将于 2025-08-01 到期', '2025-Q2 报告未通过'] },
};

export interface LeadingGroupFixture {
  dashboard: SupervisionDashboard;
  tasks: PlanTaskItem[];
  reports: ProgressReportItem[];
}

/** The whole plan as the dashboard and the task list show it; `overdue: false` clears task 6's overdue milestone (a control). */
export function leadingGroupFixture(options: { overdue?: boolean } = {}): LeadingGroupFixture {
  const file = readPlanFile();
  const entries = [
    ...file.tasks.map((t) => ({ ...t, code: String(t.no), kind: 'task' as const })),
    ...file.safeguards.map((t) => ({ ...t, code: t.id!, kind: 'safeguard' as const })),
  ];
  const groupNames = [...new Set(entries.map((t) => t.group))];
  const tasks: PlanTaskItem[] = entries.map((t, order) => {
    const s = statusOf[t.code] ?? { status: 'not_started' as const, reasons: ['尚无完成的里程碑和报告'] };
    let milestones = milestonesOf(t.code);
    let status = s;
    if (options.overdue === false && t.code === '6') {
      milestones = milestones.map((m) => (m.state === 'overdue' ? { ...m, state: 'done' as const, doneAt: at } : m));
      status = { status: 'on_track', reasons: ['已有完成的里程碑，无逾期'] };
    }
    const latest = reports.filter((r) => r.taskCode === t.code).sort((a, b) => b.period.localeCompare(a.period))[0] ?? null;
    const dueYear = /^(\d{4})年/.exec(t.deadline ?? '')?.[1];
    return {
      planId: 'plan-jining-2024-v1',
      code: t.code,
      kind: t.kind,
      group: t.group,
      order,
      title: t.title,
      summary: t.summary,
      deadlineText: t.deadline ?? null,
      dueYear: dueYear ? Number(dueYear) : null,
      leads: t.leads.map(agency),
      partners: t.partners.map(agency),
      status: status.status,
      statusReasons: status.reasons,
      milestones,
      indicators: indicatorsOf(t.code),
      latestReport: latest,
      fullTextExcerpt: null,
      viewer: { canManage: true, canReport: false, canContribute: false },
    };
  });
  const countsOf = (list: readonly { status: TaskStatus }[]) => ({
    not_started: list.filter((t) => t.status === 'not_started').length,
    on_track: list.filter((t) => t.status === 'on_track').length,
    at_risk: list.filter((t) => t.status === 'at_risk').length,
    overdue: list.filter((t) => t.status === 'overdue').length,
    done: list.filter((t) => t.status === 'done').length,
  });
  const toDashboardTask = (t: PlanTaskItem): SupervisionDashboardTask => {
    const pending = t.milestones.filter((m) => m.state !== 'done').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const next = pending.find((m) => m.state === 'open') ?? null;
    const overdue = pending.filter((m) => m.state === 'overdue');
    const brief = (m: PlanMilestoneItem) => ({ id: m.id, title: m.title, dueDate: m.dueDate, ownerOrganisationId: m.ownerOrganisationId });
    return {
      code: t.code,
      kind: t.kind,
      title: t.title,
      leads: t.leads,
      status: t.status,
      statusReasons: t.statusReasons,
      dueYear: t.dueYear,
      deadlineText: t.deadlineText,
      nextMilestone: next ? brief(next) : null,
      milestoneCount: t.milestones.length,
      milestonesDone: t.milestones.filter((m) => m.state === 'done').length,
      overdueMilestones: overdue.length,
      overdueMilestoneItems: overdue.map(brief),
      latestReport: t.latestReport ? { id: t.latestReport.id, period: t.latestReport.period, status: t.latestReport.status, claimedStatus: t.latestReport.claimedStatus } : null,
      indicators: t.indicators.map((i) => ({
        id: i.id,
        nameZh: i.nameZh,
        unit: i.unit,
        kind: i.kind,
        latest: i.current?.value ?? i.values.at(-1)?.value ?? null,
        target: i.target,
        trend: i.values.map((v) => ({ period: v.period, value: v.value })),
      })),
    };
  };
  const dashboard: SupervisionDashboard = {
    plan: {
      id: 'plan-jining-2024-v1',
      version: 1,
      title: file.meta.title,
      issuer: file.meta.issuer,
      documentNumber: file.meta.documentNumber,
      issued: file.meta.issued,
      targets: Object.entries(file.meta.targets).map(([year, text]) => ({ year: Number(year), text })),
      groups: groupNames.map((name, order) => ({ name, order, taskCount: tasks.filter((t) => t.group === name).length })),
      isCurrent: true,
      loadedAt: '2025-01-02T00:00:00.000Z',
      loadedBy: null,
      unmappedAgencies: ['市人力资源社会保障局'],
      hasFullText: true,
    },
    today: TODAY,
    lastQuarter: '2025-Q2',
    counts: countsOf(tasks),
    // Listed out of order on purpose: the renderers sort by `order`.
    groups: groupNames
      .map((name, order) => {
        const inGroup = tasks.filter((t) => t.group === name);
        return { name, order, counts: countsOf(inGroup), tasks: inGroup.map(toDashboardTask) };
      })
      .reverse(),
  };
  return { dashboard, tasks, reports };
}
