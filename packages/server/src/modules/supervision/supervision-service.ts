/**
 * Reads of action-plan supervision: a plan, its tasks with milestones, indicators (computed ones
 * evaluated on read) and reports, each task's status on the business day, and the leading-group
 * dashboard. Pure assembly over the repository; the rules live in the domain.
 */
import type {
  ActionPlanItem,
  PlanIndicatorItem,
  PlanMilestoneItem,
  PlanTaskItem,
  ProgressReportItem,
  SupervisionDashboard,
  SupervisionDashboardTask,
  TaskStatus,
} from '@cfp/contracts';
import {
  supervisionRepository,
  type Orm,
  type SupervisionIndicatorRow,
  type SupervisionIndicatorValueRow,
  type SupervisionMilestoneRow,
  type SupervisionPlanRow,
  type SupervisionReportRow,
  type SupervisionTaskRow,
} from '@cfp/db';
import { fullTextExcerpt, lastCompletedQuarter, milestoneState, taskStatus, type Actor } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import { metricEvaluator, type MetricValue } from './metric-providers.ts';
import { canContribute, canManagePlan, canReport } from './supervision-access.ts';

export function toPlan(row: SupervisionPlanRow): ActionPlanItem {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    issuer: row.issuer,
    documentNumber: row.documentNumber,
    issued: row.issued,
    targets: row.targets,
    groups: row.groups,
    isCurrent: row.isCurrent,
    loadedAt: row.loadedAt.toISOString(),
    loadedBy: row.loadedBy,
    unmappedAgencies: row.unmappedAgencies,
    hasFullText: row.fullText !== null,
  };
}

export function toMilestone(row: SupervisionMilestoneRow, today: string): PlanMilestoneItem {
  return {
    id: row.id,
    taskCode: row.taskCode,
    title: row.title,
    ownerOrganisationId: row.ownerOrganisationId,
    dueDate: row.dueDate,
    doneAt: row.doneAt?.toISOString() ?? null,
    doneNote: row.doneNote,
    evidenceFileIds: row.evidenceFileIds,
    state: milestoneState({ dueDate: row.dueDate, done: row.doneAt !== null, today }),
    version: row.version,
  };
}

export function toReport(row: SupervisionReportRow): ProgressReportItem {
  return {
    id: row.id,
    taskCode: row.taskCode,
    period: row.period,
    organisationId: row.organisationId,
    status: row.status as ProgressReportItem['status'],
    claimedStatus: row.claimedStatus as ProgressReportItem['claimedStatus'],
    narrative: row.narrative,
    indicatorValues: row.indicatorValues,
    evidenceFileIds: row.evidenceFileIds,
    contributions: row.contributions,
    review: row.review,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toIndicator(row: SupervisionIndicatorRow, values: readonly SupervisionIndicatorValueRow[], current: MetricValue | null, at: Date): PlanIndicatorItem {
  return {
    id: row.id,
    taskCode: row.taskCode,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    unit: row.unit,
    kind: row.kind as PlanIndicatorItem['kind'],
    metric: row.metric,
    target: row.target,
    ownerOrganisationId: row.ownerOrganisationId,
    current: current === null ? null : { value: current.value, detail: current.detail, basis: current.basis, at: at.toISOString() },
    values: values
      .filter((v) => v.indicatorId === row.id)
      .map((v) => ({
        period: v.period,
        value: v.value,
        source: v.source as 'manual' | 'computed',
        enteredBy: v.enteredBy,
        evidenceFileIds: v.evidenceFileIds,
        at: v.at.toISOString(),
      })),
  };
}

/** The report that speaks for a task: the latest period; within it accepted, then submitted, then the newest. */
function latestReportOf(reports: readonly SupervisionReportRow[]): SupervisionReportRow | null {
  const rank: Record<string, number> = { accepted: 0, submitted: 1, returned: 2, draft: 3 };
  const sorted = [...reports].sort((a, b) =>
    a.period !== b.period ? (a.period < b.period ? 1 : -1) : (rank[a.status] ?? 9) - (rank[b.status] ?? 9) || b.updatedAt.getTime() - a.updatedAt.getTime(),
  );
  return sorted[0] ?? null;
}

export interface PlanSnapshot {
  plan: SupervisionPlanRow;
  tasks: SupervisionTaskRow[];
  milestones: SupervisionMilestoneRow[];
  indicators: SupervisionIndicatorRow[];
  values: SupervisionIndicatorValueRow[];
  reports: SupervisionReportRow[];
}

export function supervisionService(options: { orm: Orm; now: Date; today: string }) {
  const repo = supervisionRepository(options.orm);
  const evaluate = metricEvaluator(options.orm);
  const { today } = options;

  async function currentPlanOr404(): Promise<SupervisionPlanRow> {
    const plan = await repo.currentPlan();
    if (!plan) throw new AppError('NOT_FOUND', { reason: 'no action plan has been loaded' });
    return plan;
  }

  async function snapshot(plan: SupervisionPlanRow): Promise<PlanSnapshot> {
    // One after another: inside a transaction the queries share one connection.
    const tasks = await repo.tasks(plan.id);
    const milestones = await repo.milestones(plan.id);
    const indicators = await repo.indicators(plan.id);
    const reports = await repo.reports(plan.id);
    const values = await repo.indicatorValues(indicators.map((i) => i.id));
    return { plan, tasks, milestones, indicators, values, reports };
  }

  function statusOf(task: SupervisionTaskRow, s: PlanSnapshot): { status: TaskStatus; reasons: string[] } {
    const milestones = s.milestones.filter((m) => m.taskCode === task.code);
    const reports = s.reports.filter((r) => r.taskCode === task.code);
    return taskStatus({
      milestones: milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, done: m.doneAt !== null })),
      reports: reports.map((r) => ({ period: r.period, status: r.status as 'draft', claimedStatus: r.claimedStatus as 'on_track' })),
      today,
    });
  }

  async function taskItem(task: SupervisionTaskRow, s: PlanSnapshot, actor: Actor): Promise<PlanTaskItem> {
    const milestones = s.milestones.filter((m) => m.taskCode === task.code);
    const reports = s.reports.filter((r) => r.taskCode === task.code);
    const indicators: PlanIndicatorItem[] = [];
    for (const i of s.indicators.filter((x) => x.taskCode === task.code)) {
      indicators.push(toIndicator(i, s.values, i.kind === 'computed' && i.metric ? await evaluate(i.metric) : null, options.now));
    }
    const { status, reasons } = statusOf(task, s);
    const latest = latestReportOf(reports);
    return {
      planId: task.planId,
      code: task.code,
      kind: task.kind as PlanTaskItem['kind'],
      group: task.groupName,
      order: task.position,
      title: task.title,
      summary: task.summary,
      deadlineText: task.deadlineText,
      dueYear: task.dueYear,
      leads: task.leads,
      partners: task.partners,
      status,
      statusReasons: reasons,
      milestones: milestones.map((m) => toMilestone(m, today)),
      indicators,
      latestReport: latest === null ? null : toReport(latest),
      fullTextExcerpt: fullTextExcerpt({ fullText: s.plan.fullText, title: task.title, code: task.code }),
      viewer: { canManage: canManagePlan(actor), canReport: canReport(actor, task), canContribute: canContribute(actor, task, milestones) },
    };
  }

  return {
    currentPlanOr404,
    snapshot,
    async tasks(actor: Actor, filter: { group?: string | undefined; status?: TaskStatus | undefined; lead?: string | undefined } = {}) {
      const plan = await currentPlanOr404();
      const s = await snapshot(plan);
      const items: PlanTaskItem[] = [];
      for (const task of s.tasks) {
        if (filter.group !== undefined && task.groupName !== filter.group) continue;
        if (filter.lead !== undefined && !task.leads.some((l) => l.organisationId === filter.lead)) continue;
        const item = await taskItem(task, s, actor);
        if (filter.status !== undefined && item.status !== filter.status) continue;
        items.push(item);
      }
      return { planId: plan.id, today, items };
    },
    async task(actor: Actor, code: string): Promise<PlanTaskItem> {
      const plan = await currentPlanOr404();
      const task = await repo.task(plan.id, code);
      if (!task) throw new AppError('NOT_FOUND');
      return taskItem(task, await snapshot(plan), actor);
    },
    async dashboard(): Promise<SupervisionDashboard> {
      const plan = await currentPlanOr404();
      const s = await snapshot(plan);
      const zero = () => ({ not_started: 0, on_track: 0, at_risk: 0, overdue: 0, done: 0 });
      const counts = zero();
      const groups = new Map<string, { name: string; order: number; counts: ReturnType<typeof zero>; tasks: SupervisionDashboardTask[] }>();
      for (const g of plan.groups) groups.set(g.name, { name: g.name, order: g.order, counts: zero(), tasks: [] });
      for (const task of s.tasks) {
        const { status, reasons } = statusOf(task, s);
        const milestones = s.milestones.filter((m) => m.taskCode === task.code);
        const open = milestones.filter((m) => m.doneAt === null);
        const overdue = open.filter((m) => m.dueDate < today);
        const next = open.filter((m) => m.dueDate >= today).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))[0];
        const latest = latestReportOf(s.reports.filter((r) => r.taskCode === task.code));
        const indicators: SupervisionDashboardTask['indicators'] = [];
        for (const i of s.indicators.filter((x) => x.taskCode === task.code)) {
          // Per period: the snapshot taken when a report was submitted, else the manual entry.
          const byPeriod = new Map<string, string>();
          for (const v of s.values.filter((x) => x.indicatorId === i.id && x.source === 'manual')) byPeriod.set(v.period, v.value);
          for (const v of s.values.filter((x) => x.indicatorId === i.id && x.source === 'computed')) byPeriod.set(v.period, v.value);
          const trend = [...byPeriod.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([period, value]) => ({ period, value }));
          const current = i.kind === 'computed' && i.metric ? await evaluate(i.metric) : null;
          indicators.push({
            id: i.id,
            nameZh: i.nameZh,
            unit: i.unit,
            kind: i.kind as 'manual' | 'computed',
            latest: current?.value ?? trend.at(-1)?.value ?? null,
            target: i.target,
            trend,
          });
        }
        const item: SupervisionDashboardTask = {
          code: task.code,
          kind: task.kind as SupervisionDashboardTask['kind'],
          title: task.title,
          leads: task.leads,
          status,
          statusReasons: reasons,
          dueYear: task.dueYear,
          deadlineText: task.deadlineText,
          nextMilestone: next ? { id: next.id, title: next.title, dueDate: next.dueDate, ownerOrganisationId: next.ownerOrganisationId } : null,
          milestoneCount: milestones.length,
          milestonesDone: milestones.length - open.length,
          overdueMilestones: overdue.length,
          overdueMilestoneItems: overdue.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, ownerOrganisationId: m.ownerOrganisationId })),
          latestReport: latest ? { id: latest.id, period: latest.period, status: latest.status as 'draft', claimedStatus: latest.claimedStatus as 'on_track' } : null,
          indicators,
        };
        let group = groups.get(task.groupName);
        if (group === undefined) {
          group = { name: task.groupName, order: groups.size + 1, counts: zero(), tasks: [] };
          groups.set(task.groupName, group);
        }
        group.tasks.push(item);
        group.counts[status] += 1;
        counts[status] += 1;
      }
      return { plan: toPlan(plan), today, lastQuarter: lastCompletedQuarter(today), counts, groups: [...groups.values()].sort((a, b) => a.order - b.order) };
    },
  };
}
