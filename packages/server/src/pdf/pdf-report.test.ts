/**
 * The PDF library: the font is found from the source tree, embedded as a subset with ToUnicode
 * maps, every page carries the watermark and page numbers, tables break across pages, and the
 * text a reader extracts is the text drawn (CJK included). The sanitiser maps what the font lacks.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfDrawing, pdfText } from '../testing/pdf-text.ts';
import { loadCjkFont, locateCjkFont, PdfFontError, unpackWoff } from './cjk-font.ts';
import { badgeColours, createPdfReport } from './pdf-report.ts';
import { sanitisePdfText } from './sanitise-pdf-text.ts';

const font = loadCjkFont(locateCjkFont());

describe('the CJK font', () => {
  it('is found above this module, and an override that does not exist is refused', () => {
    expect(locateCjkFont()).toMatch(/packages[/\\]server[/\\]assets[/\\]fonts[/\\]NotoSansSC-Regular\.woff$/);
    // From where the bundle lives (dist/cfp.mjs at the repository root).
    expect(locateCjkFont({ from: `file://${join(process.cwd(), 'dist', 'cfp.mjs')}` })).toBe(locateCjkFont());
    expect(() => locateCjkFont({ override: '/nonexistent/font.ttf' })).toThrow(PdfFontError);
  });

  it('is unpacked from WOFF once into a TrueType font of the size the WOFF header declares', () => {
    expect(font.bytes.readUInt32BE(0)).toBe(0x00010000);
    const woff = readFileSync(font.path);
    expect(woff.toString('latin1', 0, 4)).toBe('wOFF');
    // totalSfntSize in the WOFF header (offset 16).
    expect(font.bytes.length).toBe(woff.readUInt32BE(16));
    expect(unpackWoff(font.bytes)).toBe(font.bytes);
  });

  it('draws every character of a typical report once sanitised', () => {
    const typical =
      '企业碳账户报告（非征信报告） 济宁示例化工有限公司 统一社会信用代码 91370800MA3C000000 重点用能单位 能效碳耗标识 红橙黄绿 暂定 能效标杆水平 基准水平 ' +
      '燃料燃烧排放 工业生产过程排放 净购入电力排放 净购入热力排放 输出电力/热力 碳排放量 tCO₂e 综合能耗 tce 万元 单位增加值碳排放强度 行业平均 K 值 ≤ 0.8 ≥ 1.2 ≈ 12% ' +
      '数据质量 完整度 核查 核查机构 电量差异 已标记 修订 因子 版本 贷前审查 贷后管理 担保 仅供使用 查阅人 第 1 / 3 页 2024-06-30 08:00 — “”（）：；，。、℃ → ●';
    const cleaned = sanitisePdfText(typical, font.hasGlyph);
    const missing = [...cleaned].filter((ch) => ch !== '\n' && !font.hasGlyph(ch.codePointAt(0)!));
    expect(missing).toEqual([]);
    expect(cleaned).not.toContain('?');
    expect(cleaned).toContain('tCO2e');
    expect(cleaned).toContain('<= 0.8 >= 1.2 约 12%');
  });

  it('maps what the font lacks and marks the rest with ?', () => {
    const has = (cp: number) => cp < 0x80 || cp === 0x7ea6; // ASCII and 约
    expect(sanitisePdfText('CO₂≈3', has)).toBe('CO2约3');
    expect(sanitisePdfText('a→b ≥ c', has)).toBe('a->b >= c');
    expect(sanitisePdfText('碳', has)).toBe('?');
    expect(sanitisePdfText('℃', has)).toBe('?'); // °C is not in this font either
  });
});

describe('a report document', () => {
  it('embeds the font subset with ToUnicode, watermarks and numbers every page, and extracts as drawn', async () => {
    const watermark = '王测试 示例银行济宁分行 2024-06-30 08:00 仅供贷前审查使用';
    const pdf = createPdfReport({ font, title: '企业碳账户报告 · 示例企业', watermark });
    pdf.heading('一、基本信息');
    pdf.keyValues([
      ['企业名称', '济宁示例化工有限公司'],
      ['排放量', '12,345.678 tCO₂e'],
    ]);
    pdf.badge('黄 · 暂定', 'yellow');
    pdf.lineChart({
      labels: ['2024-01', '2024-02', '2024-03'],
      series: [{ name: '排放量', colour: '#1677ff', values: [1, null, 3] }],
      unit: 'tCO2e',
    });
    pdf.barChart({ labels: ['燃料燃烧排放', '输出电力'], values: [10, -2], colour: '#fa8c16', unit: 'tCO2e' });
    pdf.heading('二、月度数据');
    pdf.table({
      columns: [
        { header: '月份', width: 1 },
        { header: '说明', width: 3 },
        { header: '排放量', width: 1, align: 'right' },
      ],
      rows: Array.from({ length: 90 }, (_, i) => [
        `2024-${String((i % 12) + 1).padStart(2, '0')}`,
        `第${i + 1}行 较长的说明文字会在单元格内换行`.repeat(i % 5 === 0 ? 4 : 1),
        { text: String(i), badge: 'green' },
      ]),
    });
    const bytes = await pdf.finish();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/FontFile[23]\b/);
    expect(raw).toContain('/ToUnicode');
    // A subset: far smaller than the 1.5 MB font.
    expect(bytes.length).toBeLessThan(font.bytes.length / 3);

    const { pages, text } = await pdfText(bytes);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page).toContain(watermark);
      expect(page).toContain(`第 ${i + 1} / ${pages.length} 页`);
      expect(page).toContain('企业碳账户报告');
    });
    expect(text).toContain('济宁示例化工有限公司');
    expect(text).toContain('12,345.678 tCO2e');
    expect(text).toContain('第90行');
    // The header row is repeated on the pages the table runs onto.
    expect(pages.slice(1).every((page) => page.includes('说明'))).toBe(true);
  }, 60_000);

  it('turns every page to landscape on request, draws badge rows and coloured cell text', async () => {
    const watermark = '李测试 济宁市发展改革委 2025-06-30 08:00';
    const pdf = createPdfReport({ font, title: '推进情况报告', watermark, layout: 'landscape' });
    pdf.badges(Array.from({ length: 30 }, (_, i) => ({ text: `状态${i} · ${i}`, colour: i % 2 ? ('red' as const) : ('green' as const) })));
    pdf.table({
      columns: [
        { header: '编号', width: 1 },
        { header: '逾期里程碑', width: 4 },
      ],
      rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), { text: `逾期${i + 1}`, colour: '#13a8a8' }]),
    });
    const bytes = await pdf.finish();
    const drawing = await pdfDrawing(bytes);
    expect(drawing.length).toBeGreaterThan(1);
    // Every page is A4 turned: 841.89 × 595.28 points.
    for (const page of drawing) expect([Math.round(page.width), Math.round(page.height)]).toEqual([842, 595]);
    // The badges and the cell text are drawn in the colours asked for.
    const colours = new Set(drawing.flatMap((page) => page.fillColours));
    for (const colour of [badgeColours.red, badgeColours.green, '#13a8a8']) expect(colours).toContain(colour);
    const { pages, text } = await pdfText(bytes);
    pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} / ${pages.length} 页`));
    expect(text).toContain('状态29 · 29');
    expect(text).toContain('逾期60');
  }, 60_000);
});
