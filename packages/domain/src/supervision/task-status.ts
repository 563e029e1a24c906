/**
 * The status of a plan task on a day (任务状态): not_started / on_track / at_risk / overdue / done,
 * with the reasons in Chinese. Precedence: overdue, then done, then at_risk, then not_started,
 * else on_track.
 *
 * - overdue: a milestone is past its due date and not done;
 * - done: every milestone is done and the latest accepted report claims done;
 * - at_risk: a milestone not done is due within 30 days, or the latest accepted report claims
 *   at_risk, or the task has started and the last quarter's report is missing (not submitted or
 *   accepted);
 * - not_started: no milestone done and no submitted or accepted report;
 * - on_track: started otherwise.
 *
 * @example
 * taskStatus({ milestones: [{ title: '上线', dueDate: '2024-12-31', done: false }], reports: [], today: '2025-01-05' }).status // 'overdue'
 */
import { lastCompletedQuarter } from './reporting-periods.ts';

export type SupervisionTaskStatus = 'not_started' | 'on_track' | 'at_risk' | 'overdue' | 'done';

export interface StatusMilestone {
  readonly title: string;
  /** YYYY-MM-DD. */
  readonly dueDate: string;
  readonly done: boolean;
}

export interface StatusReport {
  readonly period: string;
  readonly status: 'draft' | 'submitted' | 'returned' | 'accepted';
  readonly claimedStatus: 'not_started' | 'on_track' | 'at_risk' | 'done';
}

/** Days within which an open milestone puts the task at risk. */
export const AT_RISK_WINDOW_DAYS = 30;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A milestone's state on a day: done, overdue (due date before today, not done) or open. */
export function milestoneState(options: { readonly dueDate: string; readonly done: boolean; readonly today: string }): 'open' | 'done' | 'overdue' {
  if (options.done) return 'done';
  return options.dueDate < options.today ? 'overdue' : 'open';
}

const claimedZh: Record<StatusReport['claimedStatus'], string> = { not_started: '未启动', on_track: '正常推进', at_risk: '存在风险', done: '已完成' };

export function taskStatus(options: {
  readonly milestones: readonly StatusMilestone[];
  /** The task's reports (any status, any period); the latest is chosen here by period. */
  readonly reports: readonly StatusReport[];
  readonly today: string;
}): { status: SupervisionTaskStatus; reasons: string[] } {
  const { milestones, reports, today } = options;
  const overdue = milestones.filter((m) => !m.done && m.dueDate < today);
  if (overdue.length > 0) {
    return { status: 'overdue', reasons: overdue.map((m) => `里程碑“${m.title}”已于 ${m.dueDate} 到期，尚未完成`) };
  }
  const byPeriodDesc = [...reports].sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
  const latestAccepted = byPeriodDesc.find((r) => r.status === 'accepted') ?? null;
  const anyDone = milestones.some((m) => m.done);
  if (milestones.every((m) => m.done) && latestAccepted?.claimedStatus === 'done') {
    return {
      status: 'done',
      reasons: [milestones.length > 0 ? `全部 ${milestones.length} 个里程碑已完成，${latestAccepted.period} 报告确认完成` : `${latestAccepted.period} 报告确认完成`],
    };
  }
  const started = anyDone || reports.some((r) => r.status === 'submitted' || r.status === 'accepted');
  const reasons: string[] = [];
  const horizon = addDays(today, AT_RISK_WINDOW_DAYS);
  for (const m of milestones)
    if (!m.done && m.dueDate >= today && m.dueDate <= horizon) reasons.push(`里程碑“${m.title}”将于 ${m.dueDate} 到期（${AT_RISK_WINDOW_DAYS} 天内），尚未完成`);
  if (latestAccepted?.claimedStatus === 'at_risk') reasons.push(`${latestAccepted.period} 已通过的报告自报“存在风险”`);
  const lastQuarter = lastCompletedQuarter(today);
  if (started && !reports.some((r) => r.period === lastQuarter && (r.status === 'submitted' || r.status === 'accepted'))) reasons.push(`${lastQuarter} 进展报告未报送`);
  if (reasons.length > 0) return { status: 'at_risk', reasons };
  if (!started) return { status: 'not_started', reasons: ['尚无已完成的里程碑，也未报送进展报告'] };
  const why: string[] = [];
  if (anyDone) why.push(`已完成 ${milestones.filter((m) => m.done).length}/${milestones.length} 个里程碑`);
  if (latestAccepted !== null) why.push(`${latestAccepted.period} 报告已通过（自报：${claimedZh[latestAccepted.claimedStatus]}）`);
  else if (reports.some((r) => r.status === 'submitted')) why.push('已报送进展报告，待审核');
  return { status: 'on_track', reasons: why };
}
