/**
 * A recalculation's change report as a spreadsheet: one row per enterprise and period whose
 * emissions changed (before, after, Δ tCO2e, the factor versions replaced), the monitoring label's
 * colour before and after, and one row per published official label with the colour a new draft
 * would give (需重新发布 when it differs).
 *
 * @example
 * const bytes = await recalculationReportXlsx(report); // 变化报告 workbook, two sheets
 */
import type { RecalculationReport } from '@cfp/contracts';
import { writeCsv, writeXlsx, type ColumnSpec } from '../../../spreadsheets/index.ts';

const colourZh: Record<string, string> = { green: '绿', yellow: '黄', orange: '橙', red: '红' };
const colour = (c: string | null): string => (c === null ? '—' : `${colourZh[c] ?? c} ${c}`);

const changeColumns: readonly ColumnSpec[] = [
  { key: 'enterpriseId', labelZh: '企业编号', labelEn: 'Enterprise', kind: 'text', width: 12 },
  { key: 'nameZh', labelZh: '企业名称', labelEn: 'Name', kind: 'text', width: 30 },
  { key: 'period', labelZh: '期间', labelEn: 'Period', kind: 'text', width: 10 },
  { key: 'before', labelZh: '重算前排放（tCO2e）', labelEn: 'Before (tCO2e)', kind: 'decimal', width: 16 },
  { key: 'after', labelZh: '重算后排放（tCO2e）', labelEn: 'After (tCO2e)', kind: 'decimal', width: 16 },
  { key: 'delta', labelZh: '变化（tCO2e）', labelEn: 'Change (tCO2e)', kind: 'decimal', width: 14 },
  { key: 'factorsBefore', labelZh: '原因子版本', labelEn: 'Factor versions replaced', kind: 'text', width: 30 },
  { key: 'factorsAfter', labelZh: '新因子版本', labelEn: 'New factor versions', kind: 'text', width: 30 },
  { key: 'monitoringBefore', labelZh: '监测标识（前）', labelEn: 'Monitoring label before', kind: 'text', width: 14 },
  { key: 'monitoringAfter', labelZh: '监测标识（后）', labelEn: 'Monitoring label after', kind: 'text', width: 14 },
];

const labelColumns: readonly ColumnSpec[] = [
  { key: 'enterpriseId', labelZh: '企业编号', labelEn: 'Enterprise', kind: 'text', width: 12 },
  { key: 'nameZh', labelZh: '企业名称', labelEn: 'Name', kind: 'text', width: 30 },
  { key: 'year', labelZh: '年度', labelEn: 'Year', kind: 'integer', width: 8 },
  { key: 'published', labelZh: '已发布标识', labelEn: 'Published colour', kind: 'text', width: 14 },
  { key: 'draft', labelZh: '重新评定结果', labelEn: 'New draft would be', kind: 'text', width: 14 },
  { key: 'republish', labelZh: '需重新发布', labelEn: 'Needs republication', kind: 'text', width: 12 },
];

type Row = Record<string, string | null>;

function changeRows(report: RecalculationReport): Row[] {
  return report.enterprises.flatMap((e): Row[] => {
    const common = {
      enterpriseId: e.enterpriseId,
      nameZh: e.nameZh,
      factorsBefore: e.factorRefsBefore.join(' '),
      factorsAfter: e.factorRefsAfter.join(' '),
      monitoringBefore: colour(e.monitoring.before),
      monitoringAfter: colour(e.monitoring.after),
    };
    if (e.periods.length === 0) return [{ ...common, period: null, before: null, after: null, delta: null }];
    return e.periods.map((p) => ({ ...common, period: p.period, before: p.beforeTco2e, after: p.afterTco2e, delta: p.deltaTco2e }));
  });
}

function labelRows(report: RecalculationReport): Row[] {
  return report.enterprises.flatMap((e) =>
    e.officialLabels.map((l) => ({
      enterpriseId: e.enterpriseId,
      nameZh: e.nameZh,
      year: String(l.year),
      published: colour(l.publishedColour),
      draft: colour(l.draftColour),
      republish: l.needsRepublication ? '需重新发布 yes' : '否 no',
    })),
  );
}

/** The report as a workbook: changes, then official labels; the summary above each header. */
export async function recalculationReportXlsx(report: RecalculationReport): Promise<Uint8Array> {
  const notes = [report.summary.message.zh, report.summary.message.en, `因子库版本 library revision ${report.libraryRevision}`];
  return writeXlsx({
    title: `重新计算变化报告 Recalculation report ${report.asOf}`,
    sheets: [
      { name: '排放变化 (Changes)', columns: changeColumns, rows: changeRows(report), notes },
      { name: '年度标识 (Labels)', columns: labelColumns, rows: labelRows(report), notes },
    ],
  });
}

/** The report as CSV (UTF-8 with BOM): the change rows with each enterprise's labels needing republication. */
export function recalculationReportCsv(report: RecalculationReport): Uint8Array {
  const republish = new Map(
    report.enterprises.map((e) => [
      e.enterpriseId,
      e.officialLabels
        .filter((l) => l.needsRepublication)
        .map((l) => `${l.year} ${colour(l.publishedColour)} → ${colour(l.draftColour)}`)
        .join('; '),
    ]),
  );
  const columns: ColumnSpec[] = [...changeColumns, { key: 'republish', labelZh: '需重新发布的年度标识', labelEn: 'Official labels needing republication', kind: 'text' }];
  return writeCsv({ columns, rows: changeRows(report).map((r) => ({ ...r, republish: republish.get(r["enterpriseId"] ?? "") || null })) });
}
