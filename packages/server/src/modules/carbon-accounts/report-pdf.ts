/**
 * The enterprise carbon account report as a PDF (A4, Chinese first): the same contract the web
 * page renders, drawn with the PDF library — the watermark (viewer, organisation, time, purpose)
 * diagonally on every page and in every footer, provisional figures marked 暂定.
 */
import type { EnterpriseLabel, EnterpriseReport } from '@cfp/contracts';
import { loadCjkFont, locateCjkFont } from '../../pdf/cjk-font.ts';
import { createPdfReport, type BadgeColour, type TableCell } from '../../pdf/pdf-report.ts';
import { beijingMinute } from './report-service.ts';

const colourZh: Record<string, string> = { green: '绿', yellow: '黄', orange: '橙', red: '红' };
const qualityZh: Record<string, string> = { reported: '企业报送', utility_metered: '电力计量', verified: '已核查' };
const basisZh: Record<string, string> = { consent: '企业授权', self: '企业本身', government: '政府部门', regulator: '监管部门', platform: '平台管理', assignment: '核查委派' };
const movementZh: Record<string, string> = { better: '好转', worse: '变差', same: '持平', unknown: '无法比较' };
const yesNo = (b: boolean) => (b ? '是' : '否');
const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Thousands grouped, decimals kept as given (the contract's strings are exact). */
export function groupDigits(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const [whole, fraction] = value.split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digits = whole!.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction !== undefined ? `.${fraction}` : ''}`;
}

function labelCell(label: Pick<EnterpriseLabel, 'colour' | 'provisional'>): TableCell {
  if (!label.colour) return { text: '无适用方法' };
  return { text: `${colourZh[label.colour]}${label.provisional ? ' 暂定' : ''}`, badge: label.colour as BadgeColour };
}

/** The thresholds and values a label was decided on, one line per method. */
export function labelMethodLines(label: EnterpriseLabel): string[] {
  return label.methods.map((m) => {
    const method = m as { method?: string; applicable?: boolean; colour?: string; thresholds?: Record<string, string | null>; ratio?: string; benchmarkRef?: string };
    const t = method.thresholds ?? {};
    if (method.method === 'product_benchmark') {
      const value = (label.inputs['productBenchmark'] as { value?: string; estimated?: boolean } | null | undefined) ?? null;
      return `产品能效法（${dash(method.benchmarkRef)}）：单位产品能耗 ${dash(value?.value)}${value?.estimated ? '（估算）' : ''}；标杆 ${dash(t['benchmark'])}，中值 ${dash(t['midpoint'])}，基准 ${dash(t['base'])}${method.applicable ? `，判定 ${colourZh[method.colour ?? ''] ?? '—'}` : '，不适用'}`;
    }
    const ratio =
      (label.inputs['intensityRatio'] as { enterpriseIntensity?: string; industryAverageIntensity?: string; peerCount?: number; code?: string } | null | undefined) ?? null;
    const k = method.ratio ? Number(method.ratio).toFixed(4) : '—';
    return `行业强度比法：企业强度 ${dash(ratio?.enterpriseIntensity)}，行业平均 ${dash(ratio?.industryAverageIntensity)}（${dash(ratio?.code)}，${ratio?.peerCount ?? '—'} 家）；K = ${k}；绿 <= ${dash(t['green'])}，黄 <= ${dash(t['yellow'])}，橙 <= ${dash(t['orange'])}${method.applicable ? `，判定 ${colourZh[method.colour ?? ''] ?? '—'}` : '，不适用'}`;
  });
}

export async function renderReportPdf(report: EnterpriseReport, options: { fontFile?: string | undefined }): Promise<Buffer> {
  const font = loadCjkFont(locateCjkFont({ override: options.fontFile }));
  const e = report.enterprise;
  const pdf = createPdfReport({
    font,
    title: `${report.titleZh} · ${e.nameZh}${report.year ? ` · ${report.year} 年度` : ''}`,
    watermark: report.viewer.watermark,
    author: '济宁市碳金融服务平台',
    subject: `${report.titleZh} ${e.nameZh}`,
  });

  pdf.paragraph(report.titleZh, { size: 20, colour: '#0b3d91' });
  pdf.paragraph(`${e.nameZh}${e.isDemo ? '（示例）' : ''}`, { size: 15 });
  pdf.keyValues([
    ['报告年度', report.year ? `${report.year} 年` : '尚无年度账户'],
    ['生成时间', `${beijingMinute(new Date(report.generatedAt))}（北京时间）`],
    ['查阅人', `${report.viewer.displayName}（${report.viewer.organisationName}）`],
    ['查阅用途', `${report.viewer.purposeZh}（依据：${basisZh[report.viewer.basis] ?? report.viewer.basis}）`],
  ]);
  pdf.paragraph('本报告为企业碳账户报告，不是征信报告。', { size: 9, colour: '#cf1322' });

  pdf.heading('一、企业基本信息');
  pdf.keyValues([
    ['企业名称', e.nameZh],
    ['统一社会信用代码', dash(e.uscc)],
    ['所属区域', report.areaNameZh ?? e.areaId],
    ['行业（GB/T 4754-2017）', `${e.industryClass} ${dash(e.industryClassNameZh)}`],
    ['重点用能单位', yesNo(e.keyEmitter)],
    ['「两高」企业', yesNo(e.highEnergyHighEmission)],
    ['全国碳市场重点排放单位', yesNo(e.etsKeyEmitter)],
    ['主要产品', e.products.map((p) => p.nameZh).join('、') || '—'],
  ]);

  pdf.heading('二、碳账户');
  const accountRows = [...report.annualAccounts, ...(report.rolling ? [report.rolling] : [])].map((a) => {
    const figures = a.figures as { yoy?: { emissionsChangePercent?: string | null }; completeness?: { monthsWithActivity?: number; monthsExpected?: number } };
    return [
      a.periodType === 'rolling12' ? `${a.period}（滚动 12 个月）` : `${a.period} 年`,
      groupDigits(a.emissionsTco2e),
      groupDigits(a.energyTce),
      dash(a.intensityPerValueAdded),
      figures.yoy?.emissionsChangePercent ? `${figures.yoy.emissionsChangePercent}%` : '—',
      `${figures.completeness?.monthsWithActivity ?? '—'}/${figures.completeness?.monthsExpected ?? '—'}`,
      qualityZh[a.quality] ?? a.quality,
      a.provisional ? { text: '暂定', badge: 'orange' as const } : '—',
    ];
  });
  if (accountRows.length)
    pdf.table({
      columns: [
        { header: '期间', width: 1.5 },
        { header: '碳排放量 tCO2e', width: 1.3, align: 'right' },
        { header: '综合能耗 tce', width: 1.2, align: 'right' },
        { header: '增加值碳排放强度 tCO2e/万元', width: 1.4, align: 'right' },
        { header: '排放同比', width: 0.8, align: 'right' },
        { header: '完整度（月）', width: 0.8, align: 'right' },
        { header: '数据质量', width: 0.9 },
        { header: '暂定', width: 0.6 },
      ],
      rows: accountRows,
    });
  else pdf.paragraph('尚无碳账户数据。');

  pdf.heading('三、能效碳耗标识');
  if (report.officialLabels.length) {
    pdf.table({
      columns: [
        { header: '年度', width: 0.7 },
        { header: '标识', width: 0.9 },
        { header: '状态', width: 0.7 },
        { header: '依据与阈值', width: 5 },
      ],
      rows: report.officialLabels.map((l) => [l.period, labelCell(l), l.status === 'published' ? '已发布' : '已被取代', [l.reason.zh, ...labelMethodLines(l)].join('\n')]),
    });
  } else pdf.paragraph('尚无已发布的正式标识。');
  if (report.monitoringLabel) {
    const m = report.monitoringLabel;
    pdf.heading(`监测标识（${m.period}，最近 12 个月）`, 2);
    pdf.table({
      columns: [
        { header: '标识', width: 0.9 },
        { header: '依据与阈值', width: 6.4 },
      ],
      rows: [[labelCell(m), [m.reason.zh, ...labelMethodLines(m)].join('\n')]],
    });
  }
  const mv = report.labelMovement;
  pdf.paragraph(
    `标识变化：${mv.from ? `${mv.fromPeriod} 年正式标识 ${colourZh[mv.from]}` : '无正式标识'} -> ${mv.to ? `监测标识 ${colourZh[mv.to]}` : '无监测标识'}，${movementZh[mv.direction]}。`,
  );

  pdf.heading('四、月度趋势（24 个月）');
  const num = (v: string | null) => (v === null ? null : Number(v));
  pdf.lineChart({
    labels: report.trend.map((p) => p.month),
    series: [{ name: '碳排放量 tCO2e', colour: '#1677ff', values: report.trend.map((p) => num(p.emissionsTco2e)) }],
    unit: 'tCO2e',
  });
  pdf.lineChart({
    labels: report.trend.map((p) => p.month),
    series: [{ name: '综合能耗 tce', colour: '#fa8c16', values: report.trend.map((p) => num(p.energyTce)) }],
    unit: 'tce',
    height: 120,
  });
  pdf.table({
    columns: [
      { header: '月份', width: 1 },
      { header: '碳排放量 tCO2e', width: 1.4, align: 'right' },
      { header: '综合能耗 tce', width: 1.4, align: 'right' },
      { header: '强度 tCO2e/万元', width: 1.4, align: 'right' },
      { header: '数据质量', width: 1 },
      { header: '暂定', width: 0.6 },
    ],
    rows: report.trend.map((p) => [
      p.month,
      groupDigits(p.emissionsTco2e),
      groupDigits(p.energyTce),
      dash(p.intensityPerValueAdded),
      p.quality ? (qualityZh[p.quality] ?? p.quality) : '无数据',
      p.provisional ? '暂定' : '',
    ]),
    size: 7.5,
  });

  pdf.heading(`五、排放来源${report.year ? `（${report.year} 年）` : ''}`);
  if (report.sources.length) {
    pdf.barChart({
      labels: report.sources.map((s) => s.nameZh),
      // Exports are deducted from the net total: drawn grey, signed negative.
      values: report.sources.map((s) => (s.kind.startsWith('exported') ? -Number(s.tco2e) : Number(s.tco2e))),
      valueLabels: report.sources.map((s) => `${s.kind.startsWith('exported') ? '-' : ''}${groupDigits(s.tco2e)}`),
      colour: '#13a8a8',
      unit: 'tCO2e',
    });
    pdf.table({
      columns: [
        { header: '排放来源', width: 1.4 },
        { header: 'tCO2e', width: 1.1, align: 'right' },
        { header: 'tce', width: 1.1, align: 'right' },
        { header: '明细行数', width: 0.7, align: 'right' },
        { header: '因子', width: 3 },
      ],
      rows: report.sources.map((s) => [s.nameZh, groupDigits(s.tco2e), groupDigits(s.tce), String(s.lineCount), s.factorIds.join(', ') || '—']),
    });
  } else pdf.paragraph('该年度无月度明细。');

  pdf.heading('六、数据质量');
  const q = report.dataQuality;
  pdf.keyValues([
    ['数据月份', `${q.monthsWithData} / ${q.monthsExpected}`],
    ['数据质量等级', q.level ? (qualityZh[q.level] ?? q.level) : '—'],
    ['企业报送 / 电力计量 / 已核查（月）', `${q.byQuality.reported} / ${q.byQuality.utilityMetered} / ${q.byQuality.verified}`],
    ['暂定月份', q.provisionalMonths.length ? `${q.provisionalMonths.join('、')}（暂定）` : '无'],
    ['电量差异超 2% 的月份', q.flaggedElectricity.length ? q.flaggedElectricity.map((f) => `${f.month}（${dash(f.gapPercent)}%）`).join('、') : '无'],
    ['数据修订次数', String(q.revisions)],
    ['年度核查', q.verified ? '已核查' : '未核查'],
  ]);
  if (q.verifications.length)
    pdf.table({
      columns: [
        { header: '年度', width: 0.6 },
        { header: '核查机构', width: 2 },
        { header: '核查排放量 tCO2e', width: 1.2, align: 'right' },
        { header: '核查时间', width: 1.2 },
        { header: '核查报告文件', width: 2 },
      ],
      rows: q.verifications.map((v) => [String(v.year), v.verifierName, groupDigits(v.verifiedTco2e), v.verifiedAt.slice(0, 10), v.reportFileId]),
    });
  if (q.warnings.length) pdf.paragraph(`提示：${q.warnings.join('；')}`, { size: 8.5 });

  pdf.heading('七、因子与版本');
  if (report.factors.length)
    pdf.table({
      columns: [
        { header: '因子 / 标杆', width: 2.4 },
        { header: '版本', width: 0.6 },
        { header: '条目', width: 1.6 },
      ],
      rows: report.factors.map((f) => [f.id, dash(f.version), dash(f.entry)]),
      size: 8,
    });
  else pdf.paragraph('无。');

  pdf.heading('声明');
  pdf.paragraph(report.disclaimer.zh, { size: 9 });
  pdf.paragraph(report.disclaimer.en, { size: 8, colour: '#595959' });
  return pdf.finish();
}
