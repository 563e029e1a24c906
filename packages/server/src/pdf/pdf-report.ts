/**
 * A4 report documents with pdfkit: a header (title) and footer (watermark text, page x / n) on
 * every page, a diagonal repeated watermark behind every page's content, headings, paragraphs,
 * key–value blocks, tables that wrap cells and break across pages (repeating the header row),
 * coloured badges (alone, in a row, or in a table cell), coloured cell text, and simple vector line
 * and bar charts. Pages are portrait by default; `layout: 'landscape'` turns every page for wide tables. Every string passes through
 * `sanitisePdfText`, so the embedded CJK font (subset by pdfkit to the glyphs used) draws it all.
 *
 * @example
 * const pdf = createPdfReport({ font: loadCjkFont(locateCjkFont()), title: '企业碳账户报告', watermark: '张三 银行 2024-06-30 08:00 仅供贷前审查使用' });
 * pdf.heading('一、基本信息');
 * pdf.keyValues([['企业名称', '示例企业']]);
 * const bytes = await pdf.finish();
 */
import PDFDocument from 'pdfkit';
import type { CjkFont } from './cjk-font.ts';
import { sanitisePdfText } from './sanitise-pdf-text.ts';

export type BadgeColour = 'green' | 'yellow' | 'orange' | 'red' | 'grey' | 'blue';
export const badgeColours: Record<BadgeColour, string> = {
  green: '#389e0d',
  yellow: '#d4b106',
  orange: '#fa8c16',
  red: '#cf1322',
  grey: '#8c8c8c',
  blue: '#1677ff',
};

export interface TableColumn {
  header: string;
  /** Share of the text width; the shares are normalised. */
  width: number;
  align?: 'left' | 'right' | 'center';
}
export interface TableCell {
  text: string;
  badge?: BadgeColour;
  /** Text colour (a CSS hex colour) when the cell is not a badge, e.g. red for what is overdue. */
  colour?: string;
}
export interface ChartSeries {
  name: string;
  colour: string;
  /** Plain numbers for drawing only; the tables beside a chart carry the exact figures. */
  values: readonly (number | null)[];
}

const PAGE = { size: 'A4' as const, margins: { top: 64, bottom: 60, left: 48, right: 48 } };
const TEXT = '#1f1f1f';
const MUTED = '#595959';
const RULE = '#d9d9d9';

export interface PdfReport {
  heading(text: string, level?: 1 | 2): void;
  paragraph(text: string, options?: { size?: number; colour?: string }): void;
  keyValues(rows: readonly (readonly [string, string])[], options?: { columns?: 1 | 2 }): void;
  table(options: { columns: readonly TableColumn[]; rows: readonly (readonly (string | TableCell)[])[]; size?: number }): void;
  badge(text: string, colour: BadgeColour): void;
  /** Badges side by side on one line, wrapping onto the next when the line is full. */
  badges(items: readonly { text: string; colour: BadgeColour }[]): void;
  lineChart(options: { labels: readonly string[]; series: readonly ChartSeries[]; unit: string; height?: number }): void;
  barChart(options: { labels: readonly string[]; values: readonly number[]; colour: string; unit: string; valueLabels?: readonly string[] }): void;
  space(points?: number): void;
  /** Draws the footers and returns the document's bytes. */
  finish(): Promise<Buffer>;
}

export function createPdfReport(options: { font: CjkFont; title: string; watermark: string; author?: string; subject?: string; layout?: 'portrait' | 'landscape' }): PdfReport {
  const clean = (text: string) => sanitisePdfText(text, options.font.hasGlyph);
  const doc = new PDFDocument({
    size: PAGE.size,
    layout: options.layout ?? 'portrait',
    margins: PAGE.margins,
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: clean(options.title), Author: clean(options.author ?? ''), Subject: clean(options.subject ?? ''), Creator: 'Jining carbon-finance platform' },
  });
  doc.registerFont('cjk', options.font.bytes);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const watermark = clean(options.watermark);
  const title = clean(options.title);

  const left = PAGE.margins.left;
  const width = () => doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const bottom = () => doc.page.height - PAGE.margins.bottom;

  /** Behind the content: the watermark, diagonal, repeated over the page. */
  function drawWatermark(): void {
    const { x, y } = doc;
    doc.save();
    doc.font('cjk').fontSize(13).fillColor('#8c8c8c').fillOpacity(0.16);
    doc.rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
    const step = doc.widthOfString(watermark) + 60;
    for (let row = -4; row < 14; row++) {
      for (let col = -2; col < 4; col++) {
        doc.text(watermark, col * step + (row % 2) * (step / 2) - 100, row * 90, { lineBreak: false });
      }
    }
    doc.restore();
    doc.x = x;
    doc.y = y;
  }
  function drawHeader(): void {
    doc.save();
    doc.font('cjk').fontSize(8).fillColor(MUTED).fillOpacity(1);
    doc.text(title, left, 30, { width: width(), lineBreak: false });
    doc
      .moveTo(left, 44)
      .lineTo(left + width(), 44)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.restore();
  }
  doc.on('pageAdded', () => {
    drawWatermark();
    drawHeader();
    doc.font('cjk').fontSize(10).fillColor(TEXT).fillOpacity(1);
    doc.x = left;
    doc.y = PAGE.margins.top;
  });
  doc.addPage();

  function ensureSpace(height: number): void {
    if (doc.y + height > bottom()) doc.addPage();
  }

  function drawBadge(text: string, colour: BadgeColour, x: number, y: number, size = 9): number {
    const label = clean(text);
    doc.font('cjk').fontSize(size);
    const w = doc.widthOfString(label) + 10;
    const h = size + 6;
    doc.save();
    doc.roundedRect(x, y, w, h, 3).fillColor(badgeColours[colour]).fill();
    doc.fillColor('#ffffff').text(label, x + 5, y + 2.5, { lineBreak: false });
    doc.restore();
    return w;
  }

  const report: PdfReport = {
    heading(text, level = 1) {
      const size = level === 1 ? 14 : 11.5;
      ensureSpace(level === 1 ? 110 : size + 40);
      doc.moveDown(level === 1 ? 0.8 : 0.4);
      doc
        .font('cjk')
        .fontSize(size)
        .fillColor(level === 1 ? '#0b3d91' : TEXT);
      doc.text(clean(text), left, doc.y, { width: width() });
      if (level === 1) {
        const y = doc.y + 2;
        doc
          .moveTo(left, y)
          .lineTo(left + width(), y)
          .lineWidth(0.8)
          .strokeColor('#0b3d91')
          .stroke();
        doc.y = y + 6;
      } else doc.y += 3;
      doc.fontSize(10).fillColor(TEXT);
    },
    paragraph(text, opts = {}) {
      doc
        .font('cjk')
        .fontSize(opts.size ?? 10)
        .fillColor(opts.colour ?? TEXT);
      const body = clean(text);
      ensureSpace(Math.min(doc.heightOfString(body, { width: width() }), 120));
      doc.text(body, left, doc.y, { width: width(), lineGap: 2 });
      doc.moveDown(0.3);
      doc.fontSize(10).fillColor(TEXT);
    },
    keyValues(rows, opts = {}) {
      const columns = opts.columns ?? 2;
      const colWidth = width() / columns;
      const keyWidth = Math.min(110, colWidth * 0.42);
      doc.font('cjk').fontSize(9.5);
      for (let i = 0; i < rows.length; i += columns) {
        const line = rows.slice(i, i + columns).map(([k, v]) => [clean(k), clean(v)] as const);
        const height = Math.max(...line.map(([k, v]) => Math.max(doc.heightOfString(k, { width: keyWidth - 6 }), doc.heightOfString(v, { width: colWidth - keyWidth - 8 })))) + 5;
        ensureSpace(height);
        const y = doc.y;
        line.forEach(([k, v], c) => {
          const x = left + c * colWidth;
          doc.fillColor(MUTED).text(k, x, y, { width: keyWidth - 6 });
          doc.fillColor(TEXT).text(v, x + keyWidth, y, { width: colWidth - keyWidth - 8 });
        });
        doc.y = y + height;
      }
      doc.x = left;
      doc.moveDown(0.3);
    },
    table({ columns, rows, size = 8.5 }) {
      const total = columns.reduce((s, c) => s + c.width, 0);
      const widths = columns.map((c) => (c.width / total) * width());
      const pad = 3;
      doc.font('cjk').fontSize(size);
      const cellText = (cell: string | TableCell) => clean(typeof cell === 'string' ? cell : cell.text);
      // Measured at the table's size: a page break in between resets the font size to the body's.
      const rowHeight = (cells: readonly (string | TableCell)[]) => {
        doc.font('cjk').fontSize(size);
        return (
          Math.max(...cells.map((cell, i) => doc.heightOfString(cellText(cell), { width: widths[i]! - 2 * pad }) + (typeof cell !== 'string' && cell.badge ? 6 : 0))) + 2 * pad
        );
      };
      const drawRow = (cells: readonly (string | TableCell)[], header: boolean) => {
        const height = rowHeight(cells);
        const y = doc.y;
        if (header) doc.save().rect(left, y, width(), height).fillColor('#f0f5ff').fill().restore();
        let x = left;
        cells.forEach((cell, i) => {
          const w = widths[i]!;
          // Headers line up with their column (a right-aligned number column has a right-aligned header).
          const align = columns[i]!.align ?? 'left';
          if (typeof cell !== 'string' && cell.badge) drawBadge(cell.text, cell.badge, x + pad, y + pad, size);
          else
            doc
              .font('cjk')
              .fontSize(size)
              .fillColor(header ? MUTED : typeof cell !== 'string' && cell.colour ? cell.colour : TEXT)
              .text(cellText(cell), x + pad, y + pad, { width: w - 2 * pad, align });
          x += w;
        });
        doc
          .moveTo(left, y + height)
          .lineTo(left + width(), y + height)
          .lineWidth(0.4)
          .strokeColor(RULE)
          .stroke();
        doc.y = y + height;
      };
      const headers = columns.map((c) => c.header);
      ensureSpace(rowHeight(headers) + (rows[0] ? rowHeight(rows[0]) : 0));
      drawRow(headers, true);
      for (const row of rows) {
        if (doc.y + rowHeight(row) > bottom()) {
          doc.addPage();
          drawRow(headers, true);
        }
        drawRow(row, false);
      }
      doc.x = left;
      doc.moveDown(0.5);
      doc.fontSize(10).fillColor(TEXT);
    },
    badge(text, colour) {
      ensureSpace(20);
      drawBadge(text, colour, left, doc.y, 10);
      doc.y += 20;
      doc.x = left;
    },
    badges(items) {
      const gap = 6;
      const height = 20;
      ensureSpace(height);
      let x = left;
      // drawBadge moves doc.y (it draws text): every badge of a line is placed at the line's y.
      let y = doc.y;
      for (const item of items) {
        doc.font('cjk').fontSize(10);
        const w = doc.widthOfString(clean(item.text)) + 10;
        if (x > left && x + w > left + width()) {
          doc.y = y + height;
          ensureSpace(height);
          y = doc.y;
          x = left;
        }
        x += drawBadge(item.text, item.colour, x, y, 10) + gap;
      }
      doc.y = y + height;
      doc.x = left;
    },
    lineChart({ labels, series, unit, height = 170 }) {
      ensureSpace(height + 40);
      const top = doc.y + 14;
      const axisLeft = left + 46;
      const plotWidth = width() - 56;
      const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
      const max = Math.max(0, ...values);
      const min = Math.min(0, ...values);
      const span = max - min || 1;
      const yOf = (v: number) => top + height - ((v - min) / span) * height;
      const xOf = (i: number) => axisLeft + (labels.length <= 1 ? plotWidth / 2 : (i / (labels.length - 1)) * plotWidth);
      doc.font('cjk').fontSize(7).fillColor(MUTED);
      doc.text(clean(unit), left, doc.y, { lineBreak: false });
      for (let t = 0; t <= 4; t++) {
        const v = min + (span * t) / 4;
        const y = yOf(v);
        doc
          .moveTo(axisLeft, y)
          .lineTo(axisLeft + plotWidth, y)
          .lineWidth(0.3)
          .strokeColor(RULE)
          .stroke();
        doc.text(formatTick(v), left, y - 4, { width: 42, align: 'right', lineBreak: false });
      }
      const every = Math.max(1, Math.ceil(labels.length / 12));
      labels.forEach((label, i) => {
        if (i % every === 0) doc.text(clean(label), xOf(i) - 18, top + height + 4, { width: 36, align: 'center', lineBreak: false });
      });
      for (const s of series) {
        let started = false;
        s.values.forEach((v, i) => {
          if (v === null) {
            started = false;
            return;
          }
          if (started) doc.lineTo(xOf(i), yOf(v));
          else doc.moveTo(xOf(i), yOf(v));
          started = true;
        });
        doc.lineWidth(1.4).strokeColor(s.colour).stroke();
        s.values.forEach((v, i) => {
          if (v !== null) doc.circle(xOf(i), yOf(v), 1.6).fillColor(s.colour).fill();
        });
      }
      let legendX = axisLeft;
      const legendY = top + height + 18;
      for (const s of series) {
        doc
          .rect(legendX, legendY + 2, 10, 4)
          .fillColor(s.colour)
          .fill();
        doc
          .fillColor(TEXT)
          .fontSize(8)
          .text(clean(s.name), legendX + 14, legendY, { lineBreak: false });
        legendX += 24 + doc.widthOfString(clean(s.name));
      }
      doc.x = left;
      doc.y = legendY + 18;
      doc.fontSize(10).fillColor(TEXT);
    },
    barChart({ labels, values, colour, unit, valueLabels }) {
      const barHeight = 14;
      const labelWidth = 150;
      const plotWidth = width() - labelWidth - 80;
      const max = Math.max(0, ...values.map(Math.abs)) || 1;
      ensureSpace(Math.min(labels.length, 6) * (barHeight + 6) + 20);
      doc.font('cjk').fontSize(7).fillColor(MUTED).text(clean(unit), left, doc.y);
      labels.forEach((label, i) => {
        ensureSpace(barHeight + 6);
        const y = doc.y;
        const v = values[i] ?? 0;
        doc
          .font('cjk')
          .fontSize(8.5)
          .fillColor(TEXT)
          .text(clean(label), left, y + 2, { width: labelWidth - 6, lineBreak: false });
        const w = Math.max(1, (Math.abs(v) / max) * plotWidth);
        doc
          .rect(left + labelWidth, y, w, barHeight)
          .fillColor(v < 0 ? badgeColours.grey : colour)
          .fill();
        doc.fillColor(TEXT).text(clean(valueLabels?.[i] ?? formatTick(v)), left + labelWidth + w + 4, y + 2, { lineBreak: false });
        doc.y = y + barHeight + 6;
      });
      doc.x = left;
      doc.moveDown(0.5);
      doc.fontSize(10).fillColor(TEXT);
    },
    space(points = 8) {
      doc.y += points;
    },
    async finish() {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const saved = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const y = doc.page.height - 40;
        doc
          .moveTo(left, y - 6)
          .lineTo(left + width(), y - 6)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        doc.font('cjk').fontSize(7.5).fillColor(MUTED).fillOpacity(1);
        doc.text(watermark, left, y, { width: width() - 70, lineBreak: false, ellipsis: true });
        doc.text(`第 ${i - range.start + 1} / ${range.count} 页`, left + width() - 70, y, { width: 70, align: 'right', lineBreak: false });
        doc.page.margins.bottom = saved;
      }
      doc.end();
      return done;
    },
  };
  return report;
}

/** Axis ticks: at most 2 decimals, thousands grouped. */
function formatTick(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
}
