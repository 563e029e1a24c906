/**
 * Pure helpers of the supervision pages (行动方案督办): status colours (grey / blue-green / orange /
 * red / green), reporting quarters from a business date, the chart option of the status counts per
 * group, and the points of an indicator's small trend line. No React, no ECharts import.
 */
import type { SupervisionDashboard, TaskStatus } from '@cfp/contracts';

export const taskStatusOrder: readonly TaskStatus[] = ['not_started', 'on_track', 'at_risk', 'overdue', 'done'];

/** Tag and chart colours of the task statuses: 未启动 grey, 正常推进 blue-green, 存在风险 orange, 已逾期 red, 已完成 green. */
export const statusColours: Record<TaskStatus, { tag: string; hex: string }> = {
  not_started: { tag: 'default', hex: '#8c8c8c' },
  on_track: { tag: 'cyan', hex: '#08979c' },
  at_risk: { tag: 'orange', hex: '#d46b08' },
  overdue: { tag: 'red', hex: '#cf1322' },
  done: { tag: 'green', hex: '#389e0d' },
};

/** The red of overdue milestones on the dashboard and the task page (rgb(207, 19, 34)). */
export const overdueRed = '#cf1322';

/** A decimal string without trailing zeros after the point (the database keeps six places). @example trimDecimal('60.000000') // '60' */
export function trimDecimal(text: string): string {
  return /^-?\d+\.\d+$/.test(text) ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Where a task's paragraph (excerpt) lies in the plan's full text, ignoring whitespace: the full
 * text keeps the printed line breaks, the excerpt joins them. Start and end are offsets into
 * `text`; null when the excerpt is not there.
 *
 * @example locateExcerpt({ text: '甲\n\n乙丙。丁', excerpt: '甲乙丙。' }) // { start: 0, end: 5 }
 */
export function locateExcerpt(options: { text: string; excerpt: string }): { start: number; end: number } | null {
  const offsets: number[] = [];
  let squeezed = '';
  for (let i = 0; i < options.text.length; i += 1) {
    const ch = options.text[i]!;
    if (/\s/.test(ch)) continue;
    offsets.push(i);
    squeezed += ch;
  }
  const needle = options.excerpt.replace(/\s+/g, '');
  if (!needle) return null;
  const at = squeezed.indexOf(needle);
  if (at < 0) return null;
  return { start: offsets[at]!, end: offsets[at + needle.length - 1]! + 1 };
}

/** Today's business date in Asia/Shanghai, YYYY-MM-DD. */
export function businessToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The quarter of a business date. @example quarterOf('2025-05-31') // '2025-Q2' */
export function quarterOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12)) throw new Error(`not a date: ${date}`);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** The quarter before. @example previousQuarter('2025-Q1') // '2024-Q4' */
export function previousQuarter(period: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!m) throw new Error(`not a quarter: ${period}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarters a report may be written for: the current one and the previous `count - 1`, newest first. */
export function reportPeriods(today: string, count = 6): string[] {
  const periods = [quarterOf(today)];
  while (periods.length < count) periods.push(previousQuarter(periods.at(-1)!));
  return periods;
}

/** The period in Chinese or English. @example describePeriod('2025-Q1', 'zh-CN') // '2025年第1季度' */
export function describePeriod(period: string, language: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!m) return period;
  return language === 'en' ? `Q${m[2]} ${m[1]}` : `${m[1]}年第${m[2]}季度`;
}

/** Stacked bars of the task statuses per group (the five actions and the safeguards). */
export function statusByGroupOption(options: { groups: SupervisionDashboard['groups']; statusName: (status: TaskStatus) => string; narrow?: boolean }): Record<string, unknown> {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: options.groups.map((g) => g.name),
      axisLabel: { width: options.narrow ? 96 : 180, overflow: 'truncate' },
    },
    series: taskStatusOrder.map((s) => ({
      name: options.statusName(s),
      type: 'bar',
      stack: 'status',
      barMaxWidth: 24,
      itemStyle: { color: statusColours[s].hex },
      data: options.groups.map((g) => g.counts[s]),
    })),
  };
}

/**
 * The polyline of a small trend (SVG coordinates inside width × height, 2 px margin); null when
 * fewer than two values are numbers. Values are decimal strings; they become numbers for drawing only.
 */
export function sparklinePoints(values: readonly string[], width: number, height: number): string | null {
  const numbers = values.map(Number).filter((v) => Number.isFinite(v));
  if (numbers.length < 2) return null;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const span = max - min || 1;
  const step = (width - 4) / (numbers.length - 1);
  return numbers.map((v, i) => `${(2 + i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`).join(' ');
}
