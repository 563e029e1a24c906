/**
 * 企业碳账户报告 (`/enterprises/:id/report`): the report the server assembles — accounts, labels
 * with their reasons and thresholds, the 24-month trend, emissions by source, data quality with
 * 暂定 markers, the factors used — under a watermark naming the viewer, the time and the purpose
 * (an overlay on screen and on paper). Banks, insurers and guarantors choose the purpose first
 * (each open is written to the enterprise's read log); 「下载 PDF」 fetches the same report as a
 * PDF and saves it; 「打印」 prints the page without the app's frame.
 */
import { lazy, Suspense, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { CarbonAccount, EnterpriseLabel, EnterpriseReport } from '@cfp/contracts';
import { useApp, useMe } from '../../app/app-context.tsx';
import { formatInstant, type MessageKey } from '../../app/i18n.ts';
import { isFinancialInstitution } from '../../app/role-home.ts';
import { downloadFile } from '../common/download-file.ts';
import { PageTitle } from '../common/page-title.tsx';
import { useAsync } from '../common/use-async.tsx';
import { Refusal } from '../enterprises/enterprise-detail-page.tsx';
import { LabelColourTag } from '../labels/label-colour-tag.tsx';
import { LabelExplanation } from '../labels/label-explanation.tsx';
import { cardTitle, LabelMovementLine } from './enterprise-account-blocks.tsx';
import { formatChangePercent, formatDecimal } from './format-decimal.ts';
import { IntensityScale } from './intensity-scale.tsx';
import type { ConsentPurpose } from './use-enterprise-account.tsx';

const ReportTrendChart = lazy(() => import('./report-trend-chart.tsx').then((m) => ({ default: m.ReportTrendChart })));
const EmissionSourcesChart = lazy(() => import('./emission-sources-chart.tsx').then((m) => ({ default: m.EmissionSourcesChart })));

const purposes: readonly ConsentPurpose[] = ['pre_loan', 'post_loan', 'guarantee'];
const isPurpose = (v: string | null): v is ConsentPurpose => purposes.includes(v as ConsentPurpose);

/** On screen an overlay over the report; on paper fixed on every page. The app's frame and the buttons are not printed. */
const reportStyles = `
.cfp-report { position: relative; }
.cfp-report-watermark { position: absolute; inset: 0; overflow: hidden; pointer-events: none; z-index: 5; }
.cfp-report-watermark-grid { position: absolute; top: -20%; left: -20%; width: 140%; height: 140%; transform: rotate(-24deg); display: flex; flex-wrap: wrap; align-content: flex-start; gap: 72px 96px; }
.cfp-report-watermark-grid span { color: rgba(0, 0, 0, 0.09); font-size: 15px; white-space: nowrap; user-select: none; }
@media print {
  .ant-layout-sider, .ant-layout-header, .cfp-report-actions, .cfp-no-print { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .cfp-report-watermark { position: fixed; }
  .cfp-report .ant-card { break-inside: avoid; box-shadow: none; }
}
`;

function Watermark({ text }: { text: string }) {
  return (
    <div className="cfp-report-watermark" aria-hidden data-testid="report-watermark">
      <div className="cfp-report-watermark-grid">
        {Array.from({ length: 60 }, (_, i) => (
          <span key={i}>{text}</span>
        ))}
      </div>
    </div>
  );
}

function ProvisionalTag({ on }: { on: boolean }) {
  const { t } = useApp();
  return on ? (
    <Tag color="orange" data-testid="provisional-tag">
      {t('provisional')}
    </Tag>
  ) : null;
}

function AccountsTable({ report }: { report: EnterpriseReport }) {
  const { t } = useApp();
  const rows = [...report.annualAccounts, ...(report.rolling ? [report.rolling] : [])];
  return (
    <Table<CarbonAccount>
      data-testid="report-accounts"
      rowKey="period"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 760 }}
      locale={{ emptyText: t('noData') }}
      columns={[
        { title: t('labelPeriod'), dataIndex: 'period', render: (p: string, a) => (a.periodType === 'rolling12' ? `${p} · ${t('rollingAccount')}` : p) },
        { title: `${t('emissions')} (tCO2e)`, dataIndex: 'emissionsTco2e', align: 'right', render: (v: string) => formatDecimal(v, 3) },
        { title: `${t('energy')} (tce)`, dataIndex: 'energyTce', align: 'right', render: (v: string) => formatDecimal(v, 3) },
        { title: t('intensityPerValueAdded'), dataIndex: 'intensityPerValueAdded', align: 'right', render: (v: string | null) => formatDecimal(v, 4) },
        {
          title: t('yoyEmissions'),
          key: 'yoy',
          align: 'right',
          render: (_: unknown, a) => formatChangePercent((a.figures as { yoy?: { emissionsChangePercent?: string | null } }).yoy?.emissionsChangePercent),
        },
        {
          title: t('completeness'),
          key: 'completeness',
          render: (_: unknown, a) => {
            const c = (a.figures as { completeness?: { monthsWithActivity?: number; monthsExpected?: number } }).completeness;
            return `${c?.monthsWithActivity ?? '—'}/${c?.monthsExpected ?? '—'}`;
          },
        },
        { title: t('dataQuality'), dataIndex: 'quality', render: (q: string) => t(`quality_${q}` as MessageKey) },
        { title: t('provisional'), dataIndex: 'provisional', render: (p: boolean) => <ProvisionalTag on={p} /> },
      ]}
    />
  );
}

function LabelsSection({ report }: { report: EnterpriseReport }) {
  const { t, language } = useApp();
  const labels: EnterpriseLabel[] = [...report.officialLabels, ...(report.monitoringLabel ? [report.monitoringLabel] : [])];
  const m = report.monitoringLabel;
  return (
    <>
      <Table<EnterpriseLabel>
        data-testid="report-official-labels"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={report.officialLabels}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('noData') }}
        columns={[
          { title: t('labelYear'), dataIndex: 'period', width: 80 },
          { title: t('officialLabels'), key: 'colour', width: 140, render: (_: unknown, l) => <LabelColourTag colour={l.colour} provisional={l.provisional} /> },
          { title: t('reportLabels'), key: 'reason', render: (_: unknown, l) => <LabelExplanation label={l} /> },
        ]}
      />
      {m && (
        <div style={{ marginTop: 16 }} data-testid="report-monitoring-label">
          <Flex gap={12} align="center" wrap>
            <Typography.Text strong>{t('monitoringLabel')}</Typography.Text>
            <LabelColourTag colour={m.colour} provisional={m.provisional} />
            <Typography.Text type="secondary">{m.period}</Typography.Text>
          </Flex>
          <Typography.Paragraph style={{ marginTop: 8 }}>{language === 'en' ? m.reason.en : m.reason.zh}</Typography.Paragraph>
          <LabelExplanation label={m} />
        </div>
      )}
      <div style={{ marginTop: 16 }}>
        <LabelMovementLine labels={labels} />
      </div>
      {(m ?? report.officialLabels[0]) && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('intensityVsBenchmark')}</Typography.Text>
          <IntensityScale label={(m ?? report.officialLabels[0])!} />
        </div>
      )}
    </>
  );
}

function ReportBody({ report }: { report: EnterpriseReport }) {
  const { t, language } = useApp();
  const e = report.enterprise;
  const q = report.dataQuality;
  return (
    <div className="cfp-report" data-testid="report">
      <Watermark text={report.viewer.watermark} />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card data-testid="report-header">
            <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
              {t('reportTitle')}
            </Typography.Title>
            <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }} data-testid="report-enterprise-name">
              {e.nameZh}
              {e.isDemo && <Tag style={{ marginLeft: 8 }}>{t('demoData')}</Tag>}
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('reportYear')}>{report.year ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('reportGeneratedAt')}>{formatInstant(report.generatedAt, language)}</Descriptions.Item>
              <Descriptions.Item label={t('reportViewer')}>{`${report.viewer.displayName}（${report.viewer.organisationName}）`}</Descriptions.Item>
              <Descriptions.Item label={t('purpose')}>
                {report.viewer.purpose ? t(`purpose_${report.viewer.purpose}` as MessageKey) : '—'} · {t(`basis_${report.viewer.basis}` as MessageKey)}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary" data-testid="report-watermark-text">
              {report.viewer.watermark}
            </Typography.Text>
            <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('reportNotCreditReport')} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle(t('enterpriseProfile'))}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('name')}>{e.nameZh}</Descriptions.Item>
              <Descriptions.Item label={t('uscc')}>{e.uscc ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('area')}>{report.areaNameZh ?? e.areaId}</Descriptions.Item>
              <Descriptions.Item label={t('industryClass')}>{`${e.industryClass} ${e.industryClassNameZh ?? ''}`}</Descriptions.Item>
              <Descriptions.Item label={t('products')}>{e.products.map((p) => p.nameZh).join('、') || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle(t('reportAccounts'))}>
            <AccountsTable report={report} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle(t('reportLabels'))}>
            <LabelsSection report={report} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle(t('reportTrend'))}>
            {report.trend.length ? (
              <Suspense fallback={<Skeleton active />}>
                <ReportTrendChart trend={report.trend} />
              </Suspense>
            ) : (
              <Empty description={t('noMonths')} />
            )}
            {report.trend.some((p) => p.provisional) && (
              <Typography.Text type="secondary">
                * {t('provisional')}：{t('provisionalMonthHint')}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={cardTitle(`${t('emissionSources')}${report.year ? ` · ${report.year}` : ''}`)}>
            {report.sources.length ? (
              <>
                <Suspense fallback={<Skeleton active />}>
                  <EmissionSourcesChart sources={report.sources} />
                </Suspense>
                <Table
                  data-testid="report-sources"
                  rowKey="kind"
                  size="small"
                  pagination={false}
                  dataSource={report.sources}
                  columns={[
                    { title: t('emissionSources'), key: 'name', render: (_: unknown, s) => (language === 'en' ? s.nameEn : s.nameZh) },
                    { title: 'tCO2e', dataIndex: 'tco2e', align: 'right', render: (v: string) => formatDecimal(v, 3) },
                    { title: t('factorIds'), dataIndex: 'factorIds', render: (ids: string[]) => <Typography.Text style={{ fontSize: 12 }}>{ids.join(', ')}</Typography.Text> },
                  ]}
                />
              </>
            ) : (
              <Empty description={t('noData')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={cardTitle(t('dataQuality'))} data-testid="report-data-quality">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('monthsWithData')}>{`${q.monthsWithData} / ${q.monthsExpected}`}</Descriptions.Item>
              <Descriptions.Item label={t('dataQuality')}>{q.level ? t(`quality_${q.level}` as MessageKey) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('provisionalMonths')}>
                {q.provisionalMonths.length ? (
                  <>
                    <ProvisionalTag on /> {q.provisionalMonths.join('、')}
                  </>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('flaggedElectricity')}>
                {q.flaggedElectricity.map((f) => `${f.month} (${formatDecimal(f.gapPercent, 2)} %)`).join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('corrections')}>{q.revisions}</Descriptions.Item>
              <Descriptions.Item label={t('verification')}>
                {q.verified ? <Tag color="green">{t('quality_verified')}</Tag> : <Tag>{t('notVerified')}</Tag>}
                {q.verifications.map((v) => `${v.year} ${v.verifierName}`).join('、')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle(t('factorsUsed'))}>
            <Table
              data-testid="report-factors"
              rowKey="ref"
              size="small"
              pagination={false}
              dataSource={report.factors}
              columns={[
                { title: t('factorIds'), dataIndex: 'id' },
                { title: t('factorVersion'), dataIndex: 'version', render: (v: string | null) => v ?? '—' },
                { title: t('factorEntry'), dataIndex: 'entry', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle(t('disclaimer'))}>
            <Typography.Paragraph data-testid="report-disclaimer">{language === 'en' ? report.disclaimer.en : report.disclaimer.zh}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

export function EnterpriseReportPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { t, api, language } = useApp();
  const me = useMe();
  const financial = isFinancialInstitution(me);
  const chosen = search.get('purpose');
  const purpose = isPurpose(chosen) ? chosen : undefined;
  const [draftPurpose, setDraftPurpose] = useState<ConsentPurpose>(purpose ?? 'pre_loan');
  const ready = !financial || purpose !== undefined;
  const base = `/api/v1/enterprises/${encodeURIComponent(id)}`;
  const report = useAsync(async () => (ready ? api.get<EnterpriseReport>(`${base}/report`, purpose ? { purpose } : {}) : undefined), [id, purpose, ready]);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string>();

  const download = async () => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      await downloadFile({ path: `${base}/report.pdf`, query: { purpose, year: report.data?.year ?? undefined }, fallbackName: `${t('reportTitle')}.pdf`, language });
    } catch (error) {
      setDownloadError(error instanceof Error ? error.message : String(error));
    } finally {
      setDownloading(false);
    }
  };

  const actions = report.data && (
    <Flex gap={8} wrap className="cfp-report-actions">
      <Button type="primary" loading={downloading} onClick={() => void download()} data-testid="report-download-pdf">
        {t('downloadPdf')}
      </Button>
      <Button onClick={() => window.print()} data-testid="report-print">
        {t('printReport')}
      </Button>
    </Flex>
  );

  return (
    <div data-testid="enterprise-report-page">
      <style>{reportStyles}</style>
      <PageTitle extra={actions}>{report.data ? `${t('carbonAccountReport')} · ${report.data.enterprise.nameZh}` : t('carbonAccountReport')}</PageTitle>
      {financial && (
        <Card className="cfp-no-print" style={{ marginBottom: 16 }} data-testid="report-purpose-card">
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('purpose')}</Typography.Text>
            <Select
              data-testid="report-purpose-select"
              value={draftPurpose}
              style={{ minWidth: 160 }}
              onChange={(v: ConsentPurpose) => setDraftPurpose(v)}
              options={purposes.map((p) => ({ value: p, label: t(`purpose_${p}` as MessageKey) }))}
            />
            <Button type={purpose ? 'default' : 'primary'} onClick={() => setSearch({ purpose: draftPurpose })} data-testid="report-purpose-open">
              {t('openReport')}
            </Button>
            {!purpose && <Typography.Text type="secondary">{t('choosePurposeFirst')}</Typography.Text>}
          </Flex>
        </Card>
      )}
      {downloadError && <Alert type="error" showIcon message={downloadError} style={{ marginBottom: 16 }} data-testid="report-download-error" />}
      {ready && report.loading && !report.data && <Skeleton active />}
      {report.error && <Refusal error={report.error} financial={financial} />}
      {report.data && !report.error && <ReportBody report={report.data} />}
    </div>
  );
}
