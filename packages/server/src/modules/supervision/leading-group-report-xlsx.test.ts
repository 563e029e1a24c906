/**
 * The leading group's workbook: four sheets with bilingual frozen headers; one row per task
 * (24), every milestone, every indicator value by period, every report with its review; formula-like
 * text neutralised.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { leadingGroupFixture, organisationNames, OVERDUE_MILESTONE, readPlanFile } from './leading-group-report-fixture.ts';
import { renderLeadingGroupXlsx } from './leading-group-report-xlsx.ts';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** Data rows below the header (row 3: title, note, header), as header label → cell value. */
function records(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (sheet.getRow(3).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  for (let r = 4; r <= sheet.rowCount; r++) {
    const values = (sheet.getRow(r).values as unknown[]).slice(1);
    if (values.every((v) => v === undefined || v === null)) continue;
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  }
  return out;
}

describe('renderLeadingGroupXlsx', () => {
  it('writes tasks, milestones, indicator values and reports, each sheet with a frozen bilingual header', async () => {
    const { dashboard, tasks, reports } = leadingGroupFixture();
    const bytes = await renderLeadingGroupXlsx(dashboard, { tasks, reports, organisationNames });
    const workbook = await load(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['任务总览', '里程碑', '指标', '报告']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A1').value).toBe('济宁市碳金融发展行动方案 推进情况报告 Progress report');
      expect(String(sheet.getCell('A2').value)).toContain('数据截至 2025-07-15');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(sheet.getCell('A3').font?.bold).toBe(true);
      expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(20);
    }

    const taskRows = records(workbook.getWorksheet('任务总览')!);
    expect(taskRows).toHaveLength(24);
    const plan = readPlanFile();
    // Plan order: groups by order (the fixture lists them reversed), tasks within each.
    const expected = [...plan.tasks.map((t) => ({ code: String(t.no), ...t })), ...plan.safeguards.map((t) => ({ code: t.id!, ...t }))];
    const groupOrder = [...new Set(expected.map((t) => t.group))];
    const ordered = groupOrder.flatMap((g) => expected.filter((t) => t.group === g));
    expect(taskRows.map((r) => r['编号 (Code)'])).toEqual(ordered.map((t) => t.code));
    expect(taskRows.map((r) => r['任务 (Task)'])).toEqual(ordered.map((t) => t.title));
    const six = taskRows.find((r) => r['编号 (Code)'] === '6')!;
    expect(six).toMatchObject({
      '状态 (Status)': '逾期',
      '时限 (Deadline)': '2024年启动平台建设',
      '时限年份 (Due year)': 2024,
      '里程碑完成 (Milestones done)': '0/2',
      '下一里程碑责任单位 (Next milestone owner)': '邹城市人民政府',
      '逾期里程碑数 (Overdue milestones)': 1,
      '逾期里程碑 (Overdue milestone items)': `${OVERDUE_MILESTONE}（济宁市发展改革委，2025-06-30）`,
    });
    expect(six['下一里程碑截止 (Next milestone due)']).toEqual(new Date(Date.UTC(2025, 11, 31)));
    const two = taskRows.find((r) => r['编号 (Code)'] === '2')!;
    expect(two['关键指标（最新值、趋势） (Key indicators (latest, trend))']).toBe('建立碳账户的企业数：66 家 ↑；已发布标识数（按颜色）：绿 30、黄 20、橙 10、红 6');
    expect(two['最近报告状态 (Latest report status)']).toBe('已通过');
    expect(String(taskRows.find((r) => r['编号 (Code)'] === '16')!['牵头单位 (Lead agencies)'])).toContain('市人力资源社会保障局（未映射）');

    const milestones = records(workbook.getWorksheet('里程碑')!);
    expect(milestones).toHaveLength(tasks.flatMap((t) => t.milestones).length);
    expect(milestones.find((m) => m['里程碑 (Milestone)'] === OVERDUE_MILESTONE)).toMatchObject({
      '任务编号 (Task)': '6',
      '责任单位 (Owner)': '济宁市发展改革委',
      '状态 (State)': '逾期未完成',
      '截止日期 (Due date)': new Date(Date.UTC(2025, 5, 30)),
    });
    expect(milestones.find((m) => m['任务编号 (Task)'] === '1')).toMatchObject({ '状态 (State)': '已完成', '完成时间（北京时间） (Done at (Beijing))': '2024-12-20 16:00' });

    const indicators = records(workbook.getWorksheet('指标')!);
    // i-2a: two periods + the value read now; i-2b: the value read now; i-9a: no value yet, still listed.
    expect(indicators.map((i) => [i['指标编号 (Indicator id)'], i['报告期 (Period)'], i['数值 (Value)']])).toEqual([
      ['i-2a', '2025-Q1', 60],
      ['i-2a', '2025-Q2', 66],
      ['i-2a', '当前（读取时）', 66],
      ['i-2b', '当前（读取时）', '{"green":30,"yellow":20,"orange":10,"red":6}'],
      ['i-9a', null, null],
    ]);
    expect(indicators[2]!['说明 (Note)']).toBe('2024 年度碳账户');

    const reportRows = records(workbook.getWorksheet('报告')!);
    expect(reportRows.map((r) => r['任务编号 (Task)'])).toEqual(['1', '2', '3', '7']);
    const returned = reportRows.find((r) => r['任务编号 (Task)'] === '7')!;
    expect(returned).toMatchObject({
      '报送单位 (Reporting agency)': '济宁市生态环境局',
      '状态 (Status)': '已退回',
      '审核结论 (Review decision)': '退回',
      '审核意见 (Review comment)': '请补充参加培训的企业名单',
      // Formula-like text is neutralised.
      '进展情况 (Narrative)': '\'=HYPERLINK("http://evil","点我")',
    });
    expect(reportRows.find((r) => r['任务编号 (Task)'] === '2')!['配合单位补充 (Contributions)']).toBe('济宁市生态环境局（2025-07-01 10:00）：已提供排放数据');
  });
});
