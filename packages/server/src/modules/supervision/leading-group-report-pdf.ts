/**
 * The leading group's progress report (领导小组推进情况报告) as a PDF: A4 landscape, Chinese, drawn
 * from the `SupervisionDashboard` contract alone (no database). A title block (plan, document
 * number, as-of date, who prepared it), the plan's yearly targets, a summary (tasks per status in
 * the status colours, tasks needing attention with the reasons, overdue milestones in red), then
 * one table per group (five action groups + 保障措施) with every task: code, title, lead agencies,
 * status, deadline, next milestone, overdue milestones, latest report, key indicators with a trend
 * arrow. Every page carries the header, the page number and the watermark (viewer, organisation,
 * time). The text helpers here are shared with the xlsx export.
 *
 * @example
 * const bytes = await renderLeadingGroupPdf(dashboard, { nameZh: '李主任', organisationNameZh: '济宁市发展改革委', at: new Date() }, { organisationNames });
 */
import type { ClaimedStatus, ReportStatus, SupervisionDashboard, SupervisionDashboardTask, TaskStatus } from '@cfp/contracts';
import { loadCjkFont, locateCjkFont } from '../../pdf/cjk-font.ts';
import { createPdfReport, type BadgeColour, type TableCell } from '../../pdf/pdf-report.ts';
import { groupDigits } from '../carbon-accounts/report-pdf.ts';
import { beijingMinute } from '../carbon-accounts/report-service.ts';

export const taskStatusOrder: readonly TaskStatus[] = ['overdue', 'at_risk', 'on_track', 'not_started', 'done'];
export const taskStatusZh: Record<TaskStatus, string> = { not_started: '未启动', on_track: '正常推进', at_risk: '存在风险', overdue: '逾期', done: '已完成' };
export const taskStatusColour: Record<TaskStatus, BadgeColour> = { not_started: 'grey', on_track: 'green', at_risk: 'orange', overdue: 'red', done: 'blue' };
export const claimedStatusZh: Record<ClaimedStatus, string> = { not_started: '未启动', on_track: '正常推进', at_risk: '存在风险', done: '已完成' };
export const reportStatusZh: Record<ReportStatus, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', accepted: '已通过' };
export const milestoneStateZh: Record<'open' | 'done' | 'overdue', string> = { open: '进行中', done: '已完成', overdue: '逾期未完成' };
const colourZh: Record<string, string> = { green: '绿', yellow: '黄', orange: '橙', red: '红' };
const OVERDUE_RED = '#cf1322';
const AT_RISK_ORANGE = '#d46b08';

export interface LeadingGroupViewer {
  nameZh: string;
  organisationNameZh: string;
  at: Date;
}

export interface LeadingGroupPdfOptions {
  /** Organisation id → Chinese name, for milestone owners (ids are shown when a name is missing). */
  organisationNames?: Readonly<Record<string, string>>;
  /** Overrides the vendored font (config `pdfFontFile`). */
  fontFile?: string | undefined;
}

/** The plan's name without the document number or notes in brackets: 「济宁市碳金融发展行动方案（济政办字…）— …」→「济宁市碳金融发展行动方案」. */
export function planName(title: string): string {
  const cut = title.split(/[（(]|\s[—-]\s/)[0]!.trim();
  return cut || title.trim();
}

/** An organisation's name: the given names, then the plan's agency names for the id, else the id itself. */
export function organisationNamer(dashboard: SupervisionDashboard, names: Readonly<Record<string, string>> = {}): (id: string | null) => string {
  const fromPlan = new Map<string, string>();
  for (const group of dashboard.groups) for (const task of group.tasks) for (const lead of task.leads) if (lead.organisationId) fromPlan.set(lead.organisationId, lead.name);
  return (id) => (id === null ? '—' : (names[id] ?? fromPlan.get(id) ?? id));
}

/** The lead agencies as the plan names them; an unmapped one is marked 未映射. */
export function leadsText(task: Pick<SupervisionDashboardTask, 'leads'>): string {
  return task.leads.map((l) => `${l.name}${l.organisationId ? '' : '（未映射）'}`).join('、') || '—';
}

export function deadlineZh(task: Pick<SupervisionDashboardTask, 'deadlineText' | 'dueYear'>): string {
  if (task.deadlineText) return task.deadlineText;
  return task.dueYear ? `${task.dueYear}年` : '方案未明确时限';
}

/** An indicator value for reading: decimals with grouped digits, a by-colour breakdown (JSON text) as 「绿 3、黄 2」. */
export function indicatorValueZh(value: string | null, unit: string): string {
  if (value === null) return '暂无数据';
  if (/^-?\d+(\.\d+)?$/.test(value)) return `${groupDigits(value)}${unit ? ` ${unit}` : ''}`;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.entries(parsed as Record<string, unknown>)
        .map(([k, v]) => `${colourZh[k] ?? k} ${String(v)}`)
        .join('、');
    }
  } catch {
    // Not JSON: shown as it is.
  }
  return value;
}

/** The direction of the last two numeric values of a trend: ↑ / ↓ / 持平, or '' when there are fewer than two. */
export function trendArrow(trend: readonly { period: string; value: string }[]): string {
  const numeric = trend.filter((p) => /^-?\d+(\.\d+)?$/.test(p.value));
  if (numeric.length < 2) return '';
  const [before, last] = [numeric.at(-2)!, numeric.at(-1)!];
  const diff = compareDecimals(last.value, before.value);
  return diff > 0 ? '↑' : diff < 0 ? '↓' : '持平';
}

/** Compares two plain decimal strings exactly (no floating point): -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const parse = (s: string) => {
    const negative = s.startsWith('-');
    const [whole = '0', fraction = ''] = s.replace(/^-/, '').split('.');
    return { negative, whole: whole.replace(/^0+(?=\d)/, ''), fraction };
  };
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.fraction.length, y.fraction.length);
  const big = (p: ReturnType<typeof parse>) => BigInt(`${p.negative ? '-' : ''}${p.whole}${p.fraction.padEnd(scale, '0')}`);
  const d = big(x) - big(y);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/** Whole days from `from` to `to` (business dates YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function latestReportZh(report: SupervisionDashboardTask['latestReport']): string {
  if (!report) return '尚未报送';
  return `${report.period} ${reportStatusZh[report.status]}（自报${claimedStatusZh[report.claimedStatus]}）`;
}

function indicatorsZh(task: SupervisionDashboardTask): string {
  if (task.indicators.length === 0) return '—';
  return task.indicators
    .map((i) => {
      const arrow = trendArrow(i.trend);
      const target = i.target !== null ? `，目标 ${indicatorValueZh(i.target, i.unit)}` : '';
      return `${i.nameZh}：${indicatorValueZh(i.latest, i.unit)}${arrow ? ` ${arrow}` : ''}${target}`;
    })
    .join('\n');
}

export async function renderLeadingGroupPdf(dashboard: SupervisionDashboard, viewer: LeadingGroupViewer, options: LeadingGroupPdfOptions = {}): Promise<Buffer> {
  const font = loadCjkFont(locateCjkFont({ override: options.fontFile }));
  const { plan, today, counts } = dashboard;
  const name = planName(plan.title);
  const orgName = organisationNamer(dashboard, options.organisationNames);
  const generated = `${beijingMinute(viewer.at)}（北京时间）`;
  const pdf = createPdfReport({
    font,
    title: `${name} 推进情况报告 · 截至 ${today}`,
    watermark: `${viewer.nameZh} ${viewer.organisationNameZh} ${beijingMinute(viewer.at)} 仅供领导小组会议使用`,
    author: viewer.organisationNameZh,
    subject: `${name} 推进情况报告`,
    layout: 'landscape',
  });
  const groups = [...dashboard.groups].sort((a, b) => a.order - b.order);
  const tasks = groups.flatMap((g) => g.tasks);

  pdf.paragraph(`${name}`, { size: 20, colour: '#0b3d91' });
  pdf.paragraph('推进情况报告（提交市碳达峰碳中和工作领导小组）', { size: 15 });
  pdf.keyValues([
    ['方案', plan.title],
    ['文号', plan.documentNumber ?? '—'],
    ['发文单位', plan.issuer],
    ['印发日期', plan.issued ?? '—'],
    ['数据截至', today],
    ['最近报告期', dashboard.lastQuarter],
    ['编制', `${viewer.organisationNameZh} ${viewer.nameZh}`],
    ['生成时间', generated],
    ['方案版本', `第 ${plan.version} 版`],
    ['任务数', `${tasks.filter((t) => t.kind === 'task').length} 项任务，${tasks.filter((t) => t.kind === 'safeguard').length} 项保障措施`],
  ]);
  if (plan.unmappedAgencies.length) pdf.paragraph(`未能映射到平台机构的单位（保留原文）：${plan.unmappedAgencies.join('、')}`, { size: 9, colour: AT_RISK_ORANGE });

  pdf.heading('一、目标');
  if (plan.targets.length)
    pdf.table({
      columns: [
        { header: '年度', width: 0.6 },
        { header: '目标（方案原文）', width: 8 },
      ],
      rows: [...plan.targets].sort((a, b) => a.year - b.year).map((t) => [`${t.year} 年`, t.text]),
      size: 9.5,
    });
  else pdf.paragraph('方案未列明年度目标。');

  pdf.heading('二、总体进展');
  pdf.paragraph(`截至 ${today}，共 ${tasks.length} 项（含保障措施），按状态：`);
  // A status nobody is in stays grey: red on the page always means something is overdue.
  pdf.badges(taskStatusOrder.map((s) => ({ text: `${taskStatusZh[s]} ${counts[s]}`, colour: counts[s] ? taskStatusColour[s] : 'grey' })));
  pdf.table({
    columns: [
      { header: '分组', width: 3 },
      ...taskStatusOrder.map((s) => ({ header: taskStatusZh[s], width: 1, align: 'right' as const })),
      { header: '合计', width: 1, align: 'right' },
    ],
    rows: [
      ...groups.map((g) => [
        g.name,
        ...taskStatusOrder.map((s): string | TableCell =>
          g.counts[s] && (s === 'overdue' || s === 'at_risk') ? { text: String(g.counts[s]), colour: s === 'overdue' ? OVERDUE_RED : AT_RISK_ORANGE } : String(g.counts[s]),
        ),
        String(g.tasks.length),
      ]),
      ['合计', ...taskStatusOrder.map((s) => String(counts[s])), String(tasks.length)],
    ],
    size: 9,
  });

  const attention = tasks.filter((t) => t.status === 'overdue' || t.status === 'at_risk');
  pdf.heading('需关注的任务', 2);
  if (attention.length)
    pdf.table({
      columns: [
        { header: '编号', width: 0.5 },
        { header: '任务', width: 2.6 },
        { header: '牵头单位', width: 2 },
        { header: '状态', width: 0.9 },
        { header: '原因', width: 5 },
      ],
      rows: attention.map((t) => [
        t.code,
        t.title,
        leadsText(t),
        { text: taskStatusZh[t.status], badge: taskStatusColour[t.status] },
        { text: t.statusReasons.join('；') || '—', colour: t.status === 'overdue' ? OVERDUE_RED : undefined },
      ]),
      size: 8.5,
    });
  else pdf.paragraph('无逾期或存在风险的任务。');

  const overdue = tasks.flatMap((t) => t.overdueMilestoneItems.map((m) => ({ task: t, milestone: m })));
  pdf.heading(`逾期里程碑（${overdue.length} 项）`, 2);
  if (overdue.length)
    pdf.table({
      columns: [
        { header: '编号', width: 0.5 },
        { header: '任务', width: 2.4 },
        { header: '里程碑', width: 3.2 },
        { header: '责任单位', width: 2 },
        { header: '截止日期', width: 1 },
        { header: '逾期天数', width: 0.8, align: 'right' },
      ],
      rows: overdue.map(({ task, milestone }) =>
        [task.code, task.title, milestone.title, orgName(milestone.ownerOrganisationId), milestone.dueDate, `${daysBetween(milestone.dueDate, today)} 天`].map(
          (text): TableCell => ({ text, colour: OVERDUE_RED }),
        ),
      ),
      size: 8.5,
    });
  else pdf.paragraph('无逾期里程碑。');

  const chinese = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
  groups.forEach((group, index) => {
    pdf.heading(`${chinese[index + 2] ?? String(index + 3)}、${group.name}（${group.tasks.length} 项）`);
    pdf.badges(taskStatusOrder.filter((s) => group.counts[s] > 0).map((s) => ({ text: `${taskStatusZh[s]} ${group.counts[s]}`, colour: taskStatusColour[s] })));
    if (group.tasks.length === 0) {
      pdf.paragraph('本组无任务。');
      return;
    }
    pdf.table({
      columns: [
        { header: '编号', width: 0.45 },
        { header: '任务', width: 2.1 },
        { header: '牵头单位', width: 1.5 },
        { header: '状态', width: 0.85 },
        { header: '时限', width: 1.4 },
        { header: '下一里程碑', width: 1.9 },
        { header: '逾期里程碑', width: 1.7 },
        { header: '最近报告', width: 1.15 },
        { header: '关键指标（最新值、趋势）', width: 2.1 },
      ],
      rows: group.tasks.map((t) => {
        const next = t.nextMilestone ? `${t.nextMilestone.title}（${orgName(t.nextMilestone.ownerOrganisationId)}，${t.nextMilestone.dueDate} 前）` : '—';
        const progress = t.milestoneCount ? `\n里程碑完成 ${t.milestonesDone}/${t.milestoneCount}` : '';
        const overdueText = t.overdueMilestoneItems.map((m) => `${m.title}（${orgName(m.ownerOrganisationId)}，应于 ${m.dueDate}）`).join('\n');
        return [
          t.code,
          t.title,
          leadsText(t),
          { text: taskStatusZh[t.status], badge: taskStatusColour[t.status] },
          deadlineZh(t),
          `${next}${progress}`,
          t.overdueMilestones ? { text: overdueText || `${t.overdueMilestones} 项`, colour: OVERDUE_RED } : '无',
          latestReportZh(t.latestReport),
          indicatorsZh(t),
        ];
      }),
      size: 7.5,
    });
  });

  pdf.heading('说明');
  pdf.paragraph(
    '状态判定：逾期 = 有已过截止日期未完成的里程碑；存在风险 = 有 30 日内到期未完成的里程碑，或最近通过的报告自报存在风险，或上一季度报告缺报；已完成 = 里程碑全部完成且最近通过的报告自报已完成；未启动 = 无已完成里程碑且无报告。指标趋势为最近两个报告期数值的比较。',
    { size: 8.5, colour: '#595959' },
  );
  return pdf.finish();
}
