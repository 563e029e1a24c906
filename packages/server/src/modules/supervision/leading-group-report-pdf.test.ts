/**
 * The leading group's PDF: every task and safeguard of the published plan appears (titles may wrap),
 * the targets, counts per status and the overdue milestone in red are there, every page is A4
 * landscape with the header, the page number and the viewer's watermark.
 */
import { describe, expect, it } from 'vitest';
import { badgeColours } from '../../pdf/pdf-report.ts';
import { pdfDrawing, pdfText } from '../../testing/pdf-text.ts';
import { OVERDUE_MILESTONE, organisationNames, leadingGroupFixture, readPlanFile } from './leading-group-report-fixture.ts';
import { compareDecimals, indicatorValueZh, planName, renderLeadingGroupPdf, trendArrow } from './leading-group-report-pdf.ts';

const flat = (text: string) => text.replace(/\s+/g, '');
const viewer = { nameZh: '李测试', organisationNameZh: '济宁市发展改革委', at: new Date('2025-07-15T01:30:00Z') };

describe('renderLeadingGroupPdf', () => {
  it('lists all 21 tasks and 3 safeguards by group, with targets, counts and the overdue milestone, on every page the watermark', async () => {
    const { dashboard } = leadingGroupFixture();
    const bytes = await renderLeadingGroupPdf(dashboard, viewer, { organisationNames });
    const { pages, text } = await pdfText(bytes);
    const all = flat(text);

    const plan = readPlanFile();
    const titles = [...plan.tasks, ...plan.safeguards].map((t) => t.title);
    expect(titles).toHaveLength(24);
    expect(titles.filter((t) => !all.includes(flat(t)))).toEqual([]);
    for (const target of Object.values(plan.meta.targets)) expect(all).toContain(flat(target));
    expect(all).toContain('济宁市碳金融发展行动方案推进情况报告');
    expect(all).toContain('济政办字〔2024〕12号');
    expect(all).toContain('数据截至2025-07-15');
    // Groups in plan order (the fixture lists them reversed), the safeguards last.
    const groupAt = [...new Set([...plan.tasks, ...plan.safeguards].map((t) => t.group))].map((g) => all.indexOf(`、${g}（`));
    expect(groupAt.every((at) => at > 0)).toBe(true);
    expect([...groupAt].sort((a, b) => a - b)).toEqual(groupAt);
    // Counts per status, the overdue milestone with its owner and days, the unmapped agency marked.
    expect(all).toContain('逾期1');
    expect(all).toContain('已完成1');
    expect(all).toContain(`逾期里程碑（1项）`);
    expect(all).toContain(flat(`${OVERDUE_MILESTONE}济宁市发展改革委2025-06-3015 天`));
    expect(all).toContain('邹城市人民政府'); // task 6's next milestone owner, by name
    expect(all).toContain('市人力资源社会保障局（未映射）');
    // The key indicator with its latest value and trend; the latest report with its status.
    expect(all).toContain('建立碳账户的企业数：66家↑，目标80家');
    expect(all).toContain('绿30、黄20、橙10、红6');
    expect(all).toContain('2025-Q2已退回（自报正常推进）');

    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => {
      expect(page).toContain('李测试 济宁市发展改革委 2025-07-15 09:30');
      expect(page).toContain(`第 ${i + 1} / ${pages.length} 页`);
      expect(page).toContain('推进情况报告');
    });
    const drawing = await pdfDrawing(bytes);
    for (const page of drawing) expect(page.width).toBeGreaterThan(page.height);
    expect(drawing.flatMap((p) => p.fillColours)).toContain(badgeColours.red);
  }, 60_000);

  it('draws nothing red when nothing is overdue', async () => {
    const { dashboard } = leadingGroupFixture({ overdue: false });
    const bytes = await renderLeadingGroupPdf(dashboard, viewer, { organisationNames });
    const all = flat((await pdfText(bytes)).text);
    expect(all).toContain('无逾期里程碑');
    expect(all).not.toContain(OVERDUE_MILESTONE);
    expect((await pdfDrawing(bytes)).flatMap((p) => p.fillColours)).not.toContain(badgeColours.red);
  }, 60_000);
});

describe('the report text helpers', () => {
  it('names the plan, formats values and compares trends exactly', () => {
    expect(planName('济宁市碳金融发展行动方案（济政办字〔2024〕12号）— tasks as data')).toBe('济宁市碳金融发展行动方案');
    expect(planName('Some plan — notes')).toBe('Some plan');
    expect(indicatorValueZh('12345.50', '家')).toBe('12,345.50 家');
    expect(indicatorValueZh(null, '家')).toBe('暂无数据');
    expect(indicatorValueZh('{"green":2,"red":1}', '个')).toBe('绿 2、红 1');
    expect(trendArrow([{ period: '2025-Q1', value: '0.30' }])).toBe('');
    expect(
      trendArrow([
        { period: '2025-Q1', value: '0.1' },
        { period: '2025-Q2', value: '0.10' },
      ]),
    ).toBe('持平');
    // 0.1 + 0.2 style float traps do not apply: the comparison is on decimals.
    expect(
      trendArrow([
        { period: '2025-Q1', value: '9007199254740993' },
        { period: '2025-Q2', value: '9007199254740992' },
      ]),
    ).toBe('↓');
    expect(compareDecimals('-1.5', '-1.25')).toBe(-1);
    expect(compareDecimals('2', '1.999')).toBe(1);
  });
});
