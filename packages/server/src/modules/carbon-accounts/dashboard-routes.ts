/**
 * Carbon-account dashboards (碳账户看板) over HTTP:
 * - GET /api/v1/carbon-dashboard/enterprises — the filtered enterprise list with a total;
 * - GET /api/v1/carbon-dashboard/overview — colour distribution by county and by GB/T 4754
 *   division with the change against the previous year, emissions and intensity trends, data
 *   completeness, provincial-versus-city conflicts;
 * - GET /api/v1/carbon-dashboard/exports/{dataset}?format=xlsx|csv — every dataset a chart or
 *   table shows, with the same filters (bilingual headers, csv UTF-8 with BOM, formula-like cells
 *   neutralised, Chinese file names).
 *
 * Who sees what: the commission, the ecology bureau and every other city-level government body
 * see the whole city; a county government (or a zone's body) sees its area only — a filter for
 * another area answers empty, never someone else's data. Regulators (the central bank's city
 * branch, the financial regulator) see aggregates only — colour distribution, trends and
 * completeness by county — for their oversight of green finance, but no enterprise rows (the list,
 * movers, incomplete enterprises and conflicts). Banks, insurers, guarantors, enterprises,
 * verifiers, partners and residents get 403: banks see colours through the colour list and
 * consented enterprise data only.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  dashboardEnterpriseListSchema,
  dashboardExportParamsSchema,
  dashboardExportQuerySchema,
  dashboardFilterQuerySchema,
  dashboardListQuerySchema,
  dashboardOverviewSchema,
  errorEnvelopeSchema,
  type DashboardDataset,
  type DashboardEnterpriseItem,
  type DashboardFilterQuery,
  type DashboardOverview,
} from '@cfp/contracts';
import { dashboardRepository, type DashboardEnterpriseRecord } from '@cfp/db';
import {
  businessDateOf,
  cityAreaId,
  cityAreas,
  colourChanges,
  colourConflicts,
  colourDistribution,
  colourTotals,
  completenessByArea,
  dashboardColours,
  dashboardEnterprises,
  dashboardUnits,
  emissionTrend,
  industryLevelNameZh,
  isPlatformAdmin,
  monthsExpectedIn,
  type Actor,
  type ColourDistributionRow,
  type DashboardColour,
  type DashboardEnterprise,
  type DashboardEnterpriseRow,
  type DashboardFilters,
} from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { errorResponses, json } from '../../http/responses.ts';
import { attachmentDisposition } from '../files/content-disposition.ts';
import { actorOf } from '../identity/authenticate.ts';
import { writeCsv, writeXlsx, type OutputColumn, type OutputValue } from '../../spreadsheets/index.ts';
import { spreadsheetContentTypes } from './imports/month-import-template.ts';

export interface DashboardScope {
  /** The only area the caller may see; null: the whole city. */
  areaId: string | null;
  /** false: aggregates only (regulators). */
  enterpriseLevel: boolean;
}

/** See the module comment. */
export function dashboardScope(actor: Actor): DashboardScope {
  if (isPlatformAdmin(actor)) return { areaId: null, enterpriseLevel: true };
  if (actor.organisationType === 'government') return { areaId: actor.areaId === cityAreaId ? null : actor.areaId, enterpriseLevel: true };
  if (actor.organisationType === 'county_government') return { areaId: actor.areaId, enterpriseLevel: true };
  if (actor.organisationType === 'regulator') return { areaId: null, enterpriseLevel: false };
  throw new AppError('FORBIDDEN', { reason: 'the carbon-account dashboards are for government bodies (a county its area) and, as aggregates, for regulators' });
}

const enterpriseLevelDatasets: ReadonlySet<DashboardDataset> = new Set(['enterprises', 'colour-changes', 'conflicts']);

function assertEnterpriseLevel(scope: DashboardScope): void {
  if (!scope.enterpriseLevel) throw new AppError('FORBIDDEN', { reason: 'regulators see the dashboards’ aggregates, not enterprise rows' });
}

/** The month before the clock's business month: the latest month that should have data. */
function lastCompleteMonth(now: Date): string {
  const [y, m] = businessDateOf(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const isColour = (value: string | null): value is DashboardColour => value !== null && (dashboardColours as readonly string[]).includes(value);
const colourOrNull = (value: string | null): DashboardColour | null => (isColour(value) ? value : null);

function toRow(r: DashboardEnterpriseRecord): DashboardEnterpriseRow {
  return {
    ...r,
    officialColour: colourOrNull(r.officialColour),
    previousColour: colourOrNull(r.previousColour),
    monitoringColour: colourOrNull(r.monitoringColour),
    provincialColour: colourOrNull(r.provincialColour),
  };
}

function toFilters(query: DashboardFilterQuery): DashboardFilters {
  const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? {} : { value: v === 'true' });
  const complete = flag(query.complete);
  const provisional = flag(query.provisional);
  const conflict = flag(query.conflict);
  return {
    labelSource: query.labelSource,
    ...(query.areaId !== undefined ? { areaId: query.areaId } : {}),
    ...(query.division !== undefined ? { division: query.division } : {}),
    ...(query.sector !== undefined ? { sector: query.sector } : {}),
    ...(query.colour !== undefined ? { colour: query.colour } : {}),
    ...('value' in complete ? { complete: complete.value } : {}),
    ...('value' in provisional ? { provisional: provisional.value } : {}),
    ...('value' in conflict ? { conflict: conflict.value } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}

export function toDashboardEnterprise(e: DashboardEnterprise): DashboardEnterpriseItem {
  return {
    enterpriseId: e.enterpriseId,
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    uscc: e.uscc,
    areaId: e.areaId,
    sector: e.sector,
    industryClass: e.industryClass,
    division: e.division,
    divisionNameZh: e.divisionNameZh,
    colour: e.colour,
    officialColour: e.officialColour,
    previousColour: e.previousColour,
    monitoringColour: e.monitoringColour,
    provincialColour: e.provincialColour,
    provincialListed: e.provincialListed,
    change: e.change,
    conflict: e.conflict,
    monthsSubmitted: e.monthsSubmitted,
    monthsExpected: e.monthsExpected,
    complete: e.complete,
    provisional: e.provisional,
    emissionsTco2e: e.emissions,
    valueAdded10kCny: e.valueAdded10kCny,
    intensity: e.intensity,
  };
}

const areaNames = new Map(cityAreas().map((a) => [a.id, a]));

/** The year, scope and filtered enterprises of a request: one query. */
async function loadDashboard(platform: Platform, actor: Actor, query: DashboardFilterQuery) {
  const scope = dashboardScope(actor);
  const repo = dashboardRepository(platform.db.orm);
  const asOfMonth = lastCompleteMonth(platform.clock.now());
  const year = query.year ?? (await repo.latestPublishedYear()) ?? Number(asOfMonth.slice(0, 4));
  const rows = await repo.enterpriseRows({ year, ...(scope.areaId === null ? {} : { areaIds: [scope.areaId] }) });
  const monthsExpected = monthsExpectedIn({ year, asOfMonth });
  const enterprises = dashboardEnterprises({ rows: rows.map(toRow), filters: toFilters(query), monthsExpected });
  return { scope, repo, year, asOfMonth, enterprises };
}

/** Monthly sums over the 24 months ending with the year's last expected month, and whole years from two years before. */
async function loadTrend(options: { repo: ReturnType<typeof dashboardRepository>; year: number; asOfMonth: string; enterprises: readonly DashboardEnterprise[] }) {
  const endMonth = options.year === Number(options.asOfMonth.slice(0, 4)) ? options.asOfMonth : `${options.year}-12`;
  const sums = await options.repo.monthSums({ enterpriseIds: options.enterprises.map((e) => e.enterpriseId), from: `${options.year - 2}-01`, to: endMonth });
  return emissionTrend({ sums, endMonth });
}

function withNames(rows: readonly ColourDistributionRow[], by: 'area' | 'division') {
  return rows.map((r) => ({
    ...r,
    nameZh: by === 'area' ? (areaNames.get(r.key)?.nameZh ?? null) : r.nameZh,
    nameEn: by === 'area' ? (areaNames.get(r.key)?.nameEn ?? null) : null,
  }));
}

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/carbon-dashboard/enterprises',
  tags: ['carbon dashboard'],
  summary: 'Enterprises of a year under filters (county, division/sector, colour, completeness, provisional, conflict, search), by id, with the total',
  request: { query: dashboardListQuerySchema },
  responses: { 200: json(dashboardEnterpriseListSchema, 'A page of enterprises'), ...errorResponses.read, 403: json(errorEnvelopeSchema, 'Not a government body') },
});
const overviewRoute = createRoute({
  method: 'get',
  path: '/api/v1/carbon-dashboard/overview',
  tags: ['carbon dashboard'],
  summary: 'Colour distribution by county and division with the change against the previous year, emission and intensity trends, completeness, conflicts',
  request: { query: dashboardFilterQuerySchema },
  responses: { 200: json(dashboardOverviewSchema, 'The overview'), ...errorResponses.read, 403: json(errorEnvelopeSchema, 'Not a government body or regulator') },
});
const exportRoute = createRoute({
  method: 'get',
  path: '/api/v1/carbon-dashboard/exports/{dataset}',
  tags: ['carbon dashboard'],
  summary: 'A dashboard dataset as xlsx or csv, with the same filters (every filtered row, not a page)',
  request: { params: dashboardExportParamsSchema, query: dashboardExportQuerySchema },
  responses: {
    200: {
      description: 'The spreadsheet',
      content: {
        [spreadsheetContentTypes.xlsx]: { schema: { type: 'string' as const, format: 'binary' } },
        'text/csv': { schema: { type: 'string' as const, format: 'binary' } },
      },
    },
    ...errorResponses.read,
    403: json(errorEnvelopeSchema, 'Not entitled to the dataset'),
  },
});

export function dashboardRoutes(platform: Platform) {
  return new OpenAPIHono<AppEnv>()
    .openapi(listRoute, async (c) => {
      const query = c.req.valid('query');
      const { scope, year, enterprises } = await loadDashboard(platform, actorOf(c), query);
      assertEnterpriseLevel(scope);
      const items = enterprises.slice(query.offset, query.offset + query.limit).map(toDashboardEnterprise);
      return c.json({ year, total: enterprises.length, limit: query.limit, offset: query.offset, items }, 200);
    })
    .openapi(overviewRoute, async (c) => {
      const { scope, repo, year, asOfMonth, enterprises } = await loadDashboard(platform, actorOf(c), c.req.valid('query'));
      const byCounty = colourDistribution({ enterprises, by: 'area' });
      const bySector = colourDistribution({ enterprises, by: 'division' });
      const trend = await loadTrend({ repo, year, asOfMonth, enterprises });
      const completeness = completenessByArea(enterprises);
      const rows = (list: readonly DashboardEnterprise[]) => (scope.enterpriseLevel ? list.map(toDashboardEnterprise) : []);
      const visibleAreas = cityAreas().filter((a) => a.id !== cityAreaId && (scope.areaId === null || a.id === scope.areaId));
      const divisions = [...new Set(enterprises.map((e) => e.division))].sort().map((code) => ({ code, nameZh: industryLevelNameZh(code) ?? null }));
      const body: DashboardOverview = {
        year,
        asOfMonth,
        units: dashboardUnits,
        scope,
        areas: visibleAreas.map((a) => ({ id: a.id, nameZh: a.nameZh, nameEn: a.nameEn })),
        divisions,
        enterpriseCount: enterprises.length,
        colours: { byCounty: withNames(byCounty, 'area'), bySector: withNames(bySector, 'division'), totals: colourTotals(byCounty) },
        changes: rows(colourChanges(enterprises)),
        trend: { monthly: [...trend.monthly], yearly: [...trend.yearly] },
        completeness: {
          byCounty: completeness.byArea.map((r) => ({ ...r, nameZh: areaNames.get(r.areaId)?.nameZh ?? null })),
          total: { ...completeness.total, nameZh: null },
          incomplete: rows(completeness.incomplete),
        },
        conflicts: rows(colourConflicts(enterprises)),
      };
      return c.json(body, 200);
    })
    .openapi(exportRoute, async (c) => {
      const { dataset } = c.req.valid('param');
      const query = c.req.valid('query');
      const loaded = await loadDashboard(platform, actorOf(c), query);
      if (enterpriseLevelDatasets.has(dataset)) assertEnterpriseLevel(loaded.scope);
      const sheet = await datasetSheet({ dataset, ...loaded });
      const notes = [`年度 (Year)：${loaded.year}`, `单位 (Units)：排放 tCO2e；增加值 万元；强度 tCO2e/万元`, `筛选 (Filters)：${describeFilters(query)}`];
      const bytes =
        query.format === 'csv'
          ? writeCsv({ columns: sheet.columns, rows: sheet.rows })
          : await writeXlsx({ title: sheet.title, sheets: [{ name: sheet.sheetName, columns: sheet.columns, rows: sheet.rows, notes }] });
      c.header('Content-Type', spreadsheetContentTypes[query.format]);
      c.header('Content-Disposition', attachmentDisposition(`碳账户看板-${sheet.fileTitle}-${loaded.year}.${query.format}`));
      c.header('Cache-Control', 'private, no-store');
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
    });
}

function describeFilters(query: DashboardFilterQuery): string {
  const parts = Object.entries(query)
    .filter(([key, value]) => value !== undefined && key !== 'format' && key !== 'year')
    .map(([key, value]) => `${key}=${String(value)}`);
  return parts.length ? parts.join('; ') : '无 (none)';
}

// ---- export sheets ----

const colourLabels = {
  green: { zh: '绿', en: 'green' },
  yellow: { zh: '黄', en: 'yellow' },
  orange: { zh: '橙', en: 'orange' },
  red: { zh: '红', en: 'red' },
  none: { zh: '无标识', en: 'none' },
} as const;
const changeLabels = {
  improved: { zh: '好转', en: 'improved' },
  worsened: { zh: '变差', en: 'worsened' },
  unchanged: { zh: '不变', en: 'unchanged' },
  new: { zh: '新评定', en: 'new' },
  dropped: { zh: '无本年标识', en: 'dropped' },
} as const;
const colourColumn = (key: string, labelZh: string, labelEn: string): OutputColumn => ({
  key,
  labelZh,
  labelEn,
  kind: 'enum',
  values: Object.keys(colourLabels),
  valueLabels: colourLabels,
  width: 10,
});
const yesNo = (value: boolean): string => (value ? '是' : '否');
const text = (key: string, labelZh: string, labelEn: string, width = 14): OutputColumn => ({ key, labelZh, labelEn, kind: 'text', width });
const code = (key: string, labelZh: string, labelEn: string, width = 22): OutputColumn => ({ key, labelZh, labelEn, kind: 'code', width });
const int = (key: string, labelZh: string, labelEn: string): OutputColumn => ({ key, labelZh, labelEn, kind: 'integer', width: 10 });
const dec = (key: string, labelZh: string, labelEn: string, maxDecimals: number): OutputColumn => ({ key, labelZh, labelEn, kind: 'decimal', maxDecimals, width: 16 });

const enterpriseColumns: OutputColumn[] = [
  code('enterpriseId', '企业编号', 'Enterprise id', 12),
  text('nameZh', '企业名称', 'Name', 32),
  code('uscc', '统一社会信用代码', 'USCC'),
  text('area', '县市区', 'County', 14),
  code('division', '行业大类代码', 'Division'),
  text('divisionNameZh', '行业大类', 'Division name', 24),
  colourColumn('colour', '标识颜色', 'Colour'),
  colourColumn('previousColour', '上年颜色', 'Previous colour'),
  text('change', '变化', 'Change', 10),
  colourColumn('monitoringColour', '监测颜色', 'Monitoring colour'),
  colourColumn('provincialColour', '省级名单颜色', 'Provincial colour'),
  text('conflict', '省市不一致', 'Conflict', 10),
  int('monthsSubmitted', '已报月数', 'Months submitted'),
  int('monthsExpected', '应报月数', 'Months expected'),
  text('complete', '数据完整', 'Complete', 10),
  text('provisional', '暂定', 'Provisional', 10),
  dec('emissionsTco2e', '排放量（tCO2e）', 'Emissions (tCO2e)', 3),
  dec('valueAdded10kCny', '工业增加值（万元）', 'Value added (10k CNY)', 4),
  dec('intensity', '碳排放强度（tCO2e/万元）', 'Intensity (tCO2e/10k CNY)', 6),
];

function enterpriseRow(e: DashboardEnterprise): Record<string, OutputValue> {
  return {
    enterpriseId: e.enterpriseId,
    nameZh: e.nameZh,
    uscc: e.uscc,
    area: areaNames.get(e.areaId)?.nameZh ?? e.areaId,
    division: e.division,
    divisionNameZh: e.divisionNameZh,
    colour: e.colour ?? 'none',
    previousColour: e.previousColour ?? 'none',
    change: e.change === null ? null : changeLabels[e.change].zh,
    monitoringColour: e.monitoringColour ?? 'none',
    provincialColour: e.provincialListed ? (e.provincialColour ?? 'none') : null,
    conflict: yesNo(e.conflict),
    monthsSubmitted: e.monthsSubmitted,
    monthsExpected: e.monthsExpected,
    complete: yesNo(e.complete),
    provisional: yesNo(e.provisional),
    emissionsTco2e: e.emissions,
    valueAdded10kCny: e.valueAdded10kCny,
    intensity: e.intensity,
  };
}

const distributionColumns = (keyLabel: { zh: string; en: string }): OutputColumn[] => [
  code('key', `${keyLabel.zh}代码`, `${keyLabel.en} code`, 16),
  text('name', keyLabel.zh, keyLabel.en, 24),
  ...(['green', 'yellow', 'orange', 'red', 'none'] as const).map((k) => int(k, colourLabels[k].zh, colourLabels[k].en)),
  int('total', '合计', 'Total'),
  ...(['green', 'yellow', 'orange', 'red', 'none'] as const).map((k) => int(`previous_${k}`, `上年${colourLabels[k].zh}`, `Previous ${colourLabels[k].en}`)),
  int('improved', '好转', 'Improved'),
  int('worsened', '变差', 'Worsened'),
];

function distributionRows(rows: ReturnType<typeof withNames>): Record<string, OutputValue>[] {
  return rows.map((r) => ({
    key: r.key,
    name: r.nameZh ?? r.key,
    ...r.counts,
    total: r.total,
    ...Object.fromEntries(Object.entries(r.previous).map(([k, v]) => [`previous_${k}`, v])),
    improved: r.improved,
    worsened: r.worsened,
  }));
}

interface DatasetSheet {
  title: string;
  sheetName: string;
  fileTitle: string;
  columns: OutputColumn[];
  rows: Record<string, OutputValue>[];
}

async function datasetSheet(options: {
  dataset: DashboardDataset;
  repo: ReturnType<typeof dashboardRepository>;
  year: number;
  asOfMonth: string;
  enterprises: DashboardEnterprise[];
}): Promise<DatasetSheet> {
  const { dataset, enterprises, year } = options;
  switch (dataset) {
    case 'enterprises':
      return { title: `${year}年度碳账户企业名单`, sheetName: '企业名单 (Enterprises)', fileTitle: '企业名单', columns: enterpriseColumns, rows: enterprises.map(enterpriseRow) };
    case 'colour-changes':
      return {
        title: `${year}年度标识颜色变化企业`,
        sheetName: '颜色变化 (Changes)',
        fileTitle: '颜色变化',
        columns: enterpriseColumns,
        rows: colourChanges(enterprises).map(enterpriseRow),
      };
    case 'conflicts':
      return {
        title: `${year}年度省市标识不一致企业`,
        sheetName: '省市不一致 (Conflicts)',
        fileTitle: '省市不一致',
        columns: enterpriseColumns,
        rows: colourConflicts(enterprises).map(enterpriseRow),
      };
    case 'colours-by-county':
      return {
        title: `${year}年度各县市区标识颜色分布`,
        sheetName: '按县市区 (By county)',
        fileTitle: '按县市区颜色分布',
        columns: distributionColumns({ zh: '县市区', en: 'County' }),
        rows: distributionRows(withNames(colourDistribution({ enterprises, by: 'area' }), 'area')),
      };
    case 'colours-by-sector':
      return {
        title: `${year}年度各行业标识颜色分布`,
        sheetName: '按行业 (By sector)',
        fileTitle: '按行业颜色分布',
        columns: distributionColumns({ zh: '行业大类', en: 'Division' }),
        rows: distributionRows(withNames(colourDistribution({ enterprises, by: 'division' }), 'division')),
      };
    case 'trend': {
      const trend = await loadTrend(options);
      const columns: OutputColumn[] = [
        text('granularity', '口径', 'Granularity', 8),
        code('period', '期间', 'Period', 10),
        dec('emissionsTco2e', '排放量（tCO2e）', 'Emissions (tCO2e)', 3),
        dec('valueAdded10kCny', '工业增加值（万元）', 'Value added (10k CNY)', 4),
        dec('intensity', '碳排放强度（tCO2e/万元）', 'Intensity (tCO2e/10k CNY)', 6),
        int('enterprises', '企业数', 'Enterprises'),
      ];
      const rows = [...trend.monthly.map((p) => ({ granularity: '月', ...p })), ...trend.yearly.map((p) => ({ granularity: '年', ...p }))];
      return { title: `碳排放量与强度趋势（截至${year}年）`, sheetName: '趋势 (Trend)', fileTitle: '排放与强度趋势', columns, rows };
    }
    case 'completeness': {
      const c = completenessByArea(enterprises);
      const columns: OutputColumn[] = [
        code('areaId', '县市区代码', 'County code', 16),
        text('name', '县市区', 'County', 20),
        int('enterprises', '企业数', 'Enterprises'),
        int('completeEnterprises', '数据完整企业数', 'Complete enterprises'),
        int('monthsSubmitted', '已报月数', 'Months submitted'),
        int('monthsExpected', '应报月数', 'Months expected'),
        dec('share', '完整率', 'Share', 4),
      ];
      const rows = [...c.byArea, { ...c.total, areaId: 'total' }].map((r) => ({ ...r, name: r.areaId === 'total' ? '合计' : (areaNames.get(r.areaId)?.nameZh ?? r.areaId) }));
      return { title: `${year}年度数据完整性`, sheetName: '数据完整性 (Completeness)', fileTitle: '数据完整性', columns, rows };
    }
  }
}
