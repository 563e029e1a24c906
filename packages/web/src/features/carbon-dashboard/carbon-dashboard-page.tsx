/**
 * 碳账户看板: the carbon-account dashboards of the commission, the ecology bureau, other city-level
 * government bodies (the whole city) and county governments (their area). A filter bar (county,
 * GB/T 4754 division, colour of the official or monitoring label, completeness, provisional,
 * provincial conflict, search, year) kept in the URL; charts of the colour distribution by county
 * and by division, the change against the previous year, emissions and intensity, completeness by
 * county; the conflicts table and the enterprise list (each row opens the enterprise). Every chart
 * and table exports its data as xlsx or csv with the current filters. A click on a county's bar
 * filters to that county.
 */
import { lazy, Suspense, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Flex, Grid, Input, Radio, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { DashboardDataset, DashboardEnterpriseItem, DashboardOverview } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { toQueryString, type Query } from '../../app/api-client.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { useAsync } from '../common/use-async.tsx';
import { PageTitle } from '../common/page-title.tsx';
import { LabelColourTag } from '../labels/label-colour-tag.tsx';
import { colourChangeOption, colourKeys, colourStackOption, completenessOption, trendOption, type ColourKey } from './chart-options.ts';

const DashboardChart = lazy(() => import('./dashboard-chart.tsx').then((m) => ({ default: m.DashboardChart })));

interface EnterpriseList {
  year: number;
  total: number;
  limit: number;
  offset: number;
  items: DashboardEnterpriseItem[];
}

const filterKeys = ['year', 'areaId', 'division', 'colour', 'labelSource', 'complete', 'provisional', 'conflict', 'q'] as const;
type FilterKey = (typeof filterKeys)[number];
const exportBase = '/api/v1/carbon-dashboard/exports';
const pageSize = 20;

const colourName = (t: (key: MessageKey) => string) => (k: ColourKey) => t(`colour_${k}` as MessageKey);

/** Two links that download a dataset as xlsx or csv with the current filters. */
function ExportMenu({ dataset, filters }: { dataset: DashboardDataset; filters: Query }) {
  const { t } = useApp();
  const href = (format: 'xlsx' | 'csv') => `${exportBase}/${dataset}${toQueryString({ ...filters, format })}`;
  return (
    <Tooltip title={t('cdExportHint')}>
      <Space.Compact size="small" data-testid={`cd-export-${dataset}`}>
        <Button size="small" href={href('xlsx')} download data-testid={`cd-export-${dataset}-xlsx`}>
          {t('cdExport')} xlsx
        </Button>
        <Button size="small" href={href('csv')} download data-testid={`cd-export-${dataset}-csv`}>
          csv
        </Button>
      </Space.Compact>
    </Tooltip>
  );
}

function ChartCard({ title, dataset, filters, children, testId }: { title: string; dataset: DashboardDataset; filters: Query; children: ReactNode; testId: string }) {
  return (
    <Card size="small" title={title} extra={<ExportMenu dataset={dataset} filters={filters} />} data-testid={testId} styles={{ header: { flexWrap: 'wrap', gap: 8 } }}>
      <Suspense fallback={<Skeleton active />}>{children}</Suspense>
    </Card>
  );
}

export function CarbonDashboardPage() {
  const { t, api, language } = useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [trendGranularity, setTrendGranularity] = useState<'monthly' | 'yearly'>('monthly');
  const [search, setSearch] = useState(params.get('q') ?? '');

  const filters: Query = useMemo(() => Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v !== undefined && v !== '')), [params]);
  const filterKey = JSON.stringify(filters);
  const setFilter = (key: FilterKey, value: string | undefined) => {
    setPage(1);
    // From the latest URL, not this render's: two filters set in quick succession both stay.
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };

  const overview = useAsync(() => api.get<DashboardOverview>('/api/v1/carbon-dashboard/overview', filters), [filterKey]);
  const list = useAsync(() => api.get<EnterpriseList>('/api/v1/carbon-dashboard/enterprises', { ...filters, limit: pageSize, offset: (page - 1) * pageSize }), [filterKey, page]);
  const o = overview.data;
  const year = o?.year;
  /** Export links carry the year shown, so a file matches the screen even when the URL has none. */
  const exportFilters: Query = { ...filters, ...(year ? { year } : {}) };

  const areaName = (id: string) => {
    const area = o?.areas.find((a) => a.id === id);
    return area ? (language === 'en' ? area.nameEn : area.nameZh) : id;
  };
  const divisionName = (code: string, nameZh: string | null) => (language === 'en' || !nameZh ? `${code}` : `${code} ${nameZh}`);
  const colour = colourName(t);

  const charts = useMemo(() => {
    if (!o) return undefined;
    return {
      byCounty: colourStackOption({ rows: o.colours.byCounty, names: o.colours.byCounty.map((r) => areaName(r.key)), colourName: colour, narrow }),
      bySector: colourStackOption({ rows: o.colours.bySector, names: o.colours.bySector.map((r) => divisionName(r.key, r.nameZh)), colourName: colour, horizontal: true }),
      change: colourChangeOption({ totals: o.colours.totals, colourName: colour, previousLabel: `${o.year - 1}`, currentLabel: `${o.year}` }),
      trend: trendOption({ points: trendGranularity === 'monthly' ? o.trend.monthly : o.trend.yearly, emissionsLabel: t('cdEmissions'), intensityLabel: t('cdIntensity') }),
      completeness: completenessOption({ rows: o.completeness.byCounty, names: o.completeness.byCounty.map((r) => areaName(r.areaId)), label: t('cdCompleteShare'), narrow }),
    };
    // areaName, divisionName and colour follow language and o.
  }, [o, language, narrow, trendGranularity, t]);

  const currentYear = new Date().getFullYear();
  const years = [...new Set([...Array.from({ length: 6 }, (_, i) => currentYear - i), ...(year ? [year] : [])])].sort((a, b) => b - a);
  const yesNo = (key: FilterKey, yes: MessageKey, no: MessageKey, placeholder: MessageKey) => (
    <Select
      allowClear
      data-testid={`cd-${key}`}
      placeholder={t(placeholder)}
      style={{ minWidth: 130 }}
      value={params.get(key) ?? undefined}
      onChange={(v: string | undefined) => setFilter(key, v)}
      options={[
        { value: 'true', label: t(yes) },
        { value: 'false', label: t(no) },
      ]}
    />
  );

  const enterpriseColumns = [
    {
      title: t('cdName'),
      dataIndex: 'nameZh',
      render: (_: unknown, r: DashboardEnterpriseItem) => (
        <Link to={`/enterprises/${r.enterpriseId}`} data-testid="cd-enterprise-link">
          {language === 'en' && r.nameEn ? r.nameEn : r.nameZh}
        </Link>
      ),
    },
    { title: t('cdAreaCol'), dataIndex: 'areaId', render: (v: string) => areaName(v), responsive: ['sm' as const] },
    {
      title: t('cdDivisionCol'),
      dataIndex: 'division',
      render: (_: unknown, r: DashboardEnterpriseItem) => divisionName(r.division, r.divisionNameZh),
      responsive: ['lg' as const],
    },
    {
      title: params.get('labelSource') === 'monitoring' ? t('cdSourceMonitoring') : t('cdSourceOfficial'),
      dataIndex: 'colour',
      render: (_: unknown, r: DashboardEnterpriseItem) => <LabelColourTag colour={r.colour} provisional={r.provisional} />,
    },
    { title: t('cdPrevious'), dataIndex: 'previousColour', render: (v: DashboardEnterpriseItem['previousColour']) => <LabelColourTag colour={v} />, responsive: ['md' as const] },
    { title: t('cdChange'), dataIndex: 'change', render: (v: DashboardEnterpriseItem['change']) => (v ? t(`cdChange_${v}` as MessageKey) : '—'), responsive: ['md' as const] },
    {
      title: t('cdMonths'),
      dataIndex: 'monthsSubmitted',
      render: (_: unknown, r: DashboardEnterpriseItem) => `${r.monthsSubmitted}/${r.monthsExpected}`,
      responsive: ['sm' as const],
    },
    { title: `${t('cdEmissions')} (tCO2e)`, dataIndex: 'emissionsTco2e', align: 'right' as const, render: (v: string | null) => v ?? '—' },
    { title: `${t('cdIntensity')} (tCO2e/万元)`, dataIndex: 'intensity', align: 'right' as const, render: (v: string | null) => v ?? '—', responsive: ['lg' as const] },
  ];
  const conflictColumns = [
    { title: t('cdName'), dataIndex: 'nameZh', render: (_: unknown, r: DashboardEnterpriseItem) => <Link to={`/enterprises/${r.enterpriseId}`}>{r.nameZh}</Link> },
    { title: t('cdAreaCol'), dataIndex: 'areaId', render: (v: string) => areaName(v) },
    { title: t('cdCityColour'), dataIndex: 'officialColour', render: (v: DashboardEnterpriseItem['officialColour']) => <LabelColourTag colour={v} /> },
    { title: t('provincialColour'), dataIndex: 'provincialColour', render: (v: DashboardEnterpriseItem['provincialColour']) => <LabelColourTag colour={v} /> },
  ];

  const error = overview.error ?? list.error;
  return (
    <div data-testid="carbon-dashboard" data-year={year ?? ''} data-loading={overview.loading || list.loading ? 'true' : 'false'}>
      <PageTitle>{t('carbonDashboard')}</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }} data-testid="cd-filters">
        <Flex gap={8} wrap align="center">
          <Select
            data-testid="cd-year"
            style={{ width: 100 }}
            value={year}
            loading={!o}
            onChange={(v: number) => setFilter('year', String(v))}
            options={years.map((y) => ({ value: y, label: `${y}${language === 'en' ? '' : '年'}` }))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="cd-area"
            placeholder={t('allAreas')}
            style={{ minWidth: 170 }}
            value={params.get('areaId') ?? undefined}
            onChange={(v: string | undefined) => setFilter('areaId', v)}
            options={(o?.areas ?? []).map((a) => ({ value: a.id, label: language === 'en' ? a.nameEn : a.nameZh }))}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="cd-division"
            placeholder={t('cdAllDivisions')}
            style={{ minWidth: 170 }}
            value={params.get('division') ?? undefined}
            onChange={(v: string | undefined) => setFilter('division', v)}
            options={(o?.divisions ?? []).map((d) => ({ value: d.code, label: divisionName(d.code, d.nameZh) }))}
          />
          <Segmented
            data-testid="cd-labelSource"
            value={params.get('labelSource') ?? 'official'}
            onChange={(v) => setFilter('labelSource', v === 'official' ? undefined : String(v))}
            options={[
              { value: 'official', label: t('cdSourceOfficial') },
              { value: 'monitoring', label: t('cdSourceMonitoring') },
            ]}
          />
          <Radio.Group size="middle" value={params.get('colour') ?? ''} onChange={(e) => setFilter('colour', e.target.value as string)} data-testid="cd-colour">
            <Radio.Button value="">
              <span data-testid="cd-colour-all">{t('all')}</span>
            </Radio.Button>
            {colourKeys.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`cd-colour-${k}`}>{colour(k)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
          {yesNo('complete', 'cdComplete', 'cdIncomplete', 'cdCompleteness')}
          {yesNo('provisional', 'cdProvisionalYes', 'cdProvisionalNo', 'provisional')}
          {yesNo('conflict', 'cdConflictYes', 'cdConflictNo', 'cdConflictFilter')}
          <Input.Search
            allowClear
            data-testid="cd-search"
            placeholder={t('cdSearch')}
            style={{ width: 220 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
          />
          <Button
            data-testid="cd-reset"
            onClick={() => {
              setSearch('');
              setPage(1);
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('cdReset')}
          </Button>
        </Flex>
      </Card>

      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />}
      {!o && !error && <Skeleton active />}
      {o && charts && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('cdEnterpriseCount')} value={o.enterpriseCount} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`${t('colour_red')} / ${t('colour_orange')}`} value={`${o.colours.totals.counts.red} / ${o.colours.totals.counts.orange}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('cdCompleteShare')} value={o.completeness.total.share === null ? '—' : `${(Number(o.completeness.total.share) * 100).toFixed(1)}%`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('cdConflicts')} value={o.conflicts.length} />
              </Card>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('cdUnits')} {t('cdAsOf').replace('{month}', o.asOfMonth)}
          </Typography.Paragraph>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <ChartCard title={t('cdColoursByCounty')} dataset="colours-by-county" filters={exportFilters} testId="cd-card-colours-by-county">
                <DashboardChart
                  option={charts.byCounty}
                  testId="cd-chart-colours-by-county"
                  label={t('cdColoursByCounty')}
                  height={narrow ? 320 : 300}
                  onCategoryClick={(i) => {
                    const row = o.colours.byCounty[i];
                    if (row && o.scope.areaId === null) setFilter('areaId', row.key);
                  }}
                />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('cdColoursBySector')} dataset="colours-by-sector" filters={exportFilters} testId="cd-card-colours-by-sector">
                <DashboardChart
                  option={charts.bySector}
                  testId="cd-chart-colours-by-sector"
                  label={t('cdColoursBySector')}
                  height={Math.max(260, 40 + o.colours.bySector.length * 28)}
                />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('cdColourChange')} dataset="colour-changes" filters={exportFilters} testId="cd-card-colour-changes">
                <Typography.Text type="secondary" data-testid="cd-change-summary">
                  {t('cdChange_improved')} {o.colours.totals.improved} · {t('cdChange_worsened')} {o.colours.totals.worsened}
                </Typography.Text>
                <DashboardChart option={charts.change} testId="cd-chart-colour-changes" label={t('cdColourChange')} height={260} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('cdTrend')} dataset="trend" filters={exportFilters} testId="cd-card-trend">
                <Segmented
                  size="small"
                  value={trendGranularity}
                  onChange={(v) => setTrendGranularity(v as 'monthly' | 'yearly')}
                  options={[
                    { value: 'monthly', label: t('cdMonthly') },
                    { value: 'yearly', label: t('cdYearly') },
                  ]}
                />
                <DashboardChart option={charts.trend} testId="cd-chart-trend" label={t('cdTrend')} height={280} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('cdCompleteness')} dataset="completeness" filters={exportFilters} testId="cd-card-completeness">
                <DashboardChart option={charts.completeness} testId="cd-chart-completeness" label={t('cdCompleteness')} height={narrow ? 300 : 280} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('cdConflicts')}
                extra={<ExportMenu dataset="conflicts" filters={exportFilters} />}
                data-testid="cd-card-conflicts"
                styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
              >
                <Table<DashboardEnterpriseItem>
                  size="small"
                  rowKey="enterpriseId"
                  data-testid="cd-conflicts-table"
                  columns={conflictColumns}
                  dataSource={o.conflicts}
                  locale={{ emptyText: t('cdNoConflicts') }}
                  pagination={{ pageSize: 5, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Card
        size="small"
        title={
          <span>
            {t('cdEnterpriseList')} <Typography.Text type="secondary">{list.data ? t('labelTotal').replace('{n}', String(list.data.total)) : ''}</Typography.Text>
          </span>
        }
        extra={<ExportMenu dataset="enterprises" filters={exportFilters} />}
        styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
      >
        <Table<DashboardEnterpriseItem>
          size="small"
          rowKey="enterpriseId"
          data-testid="cd-enterprise-table"
          data-total={list.data?.total ?? ''}
          loading={list.loading}
          columns={enterpriseColumns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('cdNoEnterprises') }}
          onRow={(r) =>
            ({ 'data-testid': 'cd-enterprise-row', 'data-colour': r.colour ?? 'none', 'data-area': r.areaId, 'data-enterprise': r.enterpriseId }) as HTMLAttributes<HTMLElement>
          }
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setPage(p), size: 'small' }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </div>
  );
}
