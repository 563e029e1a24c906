/**
 * 变化报告 (`/reference/recalculations/:id`): a recalculation's progress while it runs, then its
 * change report — per enterprise the emissions before and after per period, the factor versions
 * replaced, the monitoring label before → after, and each published official label with the colour
 * a new draft would give, marked 需重新发布 when it differs (the published label itself is
 * unchanged). Downloads as xlsx or csv. Fits a phone: the table scrolls sideways.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, Flex, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Recalculation, RecalculationEnterpriseChange } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey, formatInstant } from '../../app/i18n.ts';
import { PageTitle } from '../common/page-title.tsx';
import { LabelColourTag } from '../labels/label-colour-tag.tsx';
import { isActive } from './recalculation-card.tsx';

const pollMs = 1000;

export function RecalculationPage() {
  const { id = '' } = useParams();
  const { t, api, language } = useApp();
  const [job, setJob] = useState<Recalculation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyRepublish, setOnlyRepublish] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      api.get<Recalculation>(`/api/v1/reference/recalculations/${encodeURIComponent(id)}`).then(
        (next) => {
          if (!live) return;
          setJob(next);
          if (isActive(next.status)) timer = setTimeout(load, pollMs);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    void load();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, id]);

  const report = job?.report ?? null;
  const rows = (report?.enterprises ?? []).filter((e) => !onlyRepublish || e.officialLabels.some((l) => l.needsRepublication));
  const base = `/api/v1/reference/recalculations/${encodeURIComponent(id)}/report`;

  return (
    <div data-testid="recalc-page" data-status={job?.status ?? 'loading'}>
      <PageTitle
        extra={
          report && (
            <Space wrap>
              <Button data-testid="recalc-download-xlsx" href={`${base}?format=xlsx`} download>
                {t('recalcDownloadXlsx')}
              </Button>
              <Button data-testid="recalc-download-csv" href={`${base}?format=csv`} download>
                {t('recalcDownloadCsv')}
              </Button>
            </Space>
          )
        }
      >
        {t('recalcReport')}
      </PageTitle>
      <Link to="/reference">{t('refBack')}</Link>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {!job && !error && <Skeleton active />}
      {job && isActive(job.status) && (
        <Card style={{ marginTop: 12 }} data-testid="recalc-progress">
          <Progress percent={job.progress} status="active" />
          <Typography.Text type="secondary">
            {t(dynamicKey('recalcStatus', job.status) ?? 'recalc')}
            {job.message ? ` · ${job.message}` : ''}
          </Typography.Text>
        </Card>
      )}
      {job?.status === 'failed' && <Alert type="error" showIcon style={{ marginTop: 12 }} message={job.error?.message ?? t('recalcStatus_failed')} />}
      {report && (
        <>
          <Alert
            type={report.summary.labelsNeedingRepublication > 0 ? 'warning' : 'success'}
            showIcon
            style={{ margin: '12px 0' }}
            data-testid="recalc-summary"
            message={language === 'en' ? report.summary.message.en : report.summary.message.zh}
            description={`${t('recalcAsOf')} ${report.asOf} · ${formatInstant(job?.finishedAt, language)}${report.note ? ` · ${report.note}` : ''}`}
          />
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {(
              [
                ['recalcMonthsRecomputed', report.summary.monthsRecomputed],
                ['recalcEnterprisesChanged', report.summary.enterprisesChanged],
                ['recalcMonitoringChanged', report.summary.monitoringColoursChanged],
                ['recalcLabelsToRepublish', report.summary.labelsNeedingRepublication],
              ] as const
            ).map(([key, value]) => (
              <Col xs={12} md={6} key={key}>
                <Card size="small">
                  <Statistic title={t(key)} value={value} valueStyle={key === 'recalcLabelsToRepublish' && value > 0 ? { color: '#d4380d' } : undefined} />
                </Card>
              </Col>
            ))}
          </Row>
          <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('recalcUnchangedPublished')}</Typography.Text>
            <Checkbox data-testid="recalc-only-republish" checked={onlyRepublish} onChange={(e) => setOnlyRepublish(e.target.checked)}>
              {t('recalcOnlyRepublish')}
            </Checkbox>
          </Flex>
          <Table<RecalculationEnterpriseChange>
            data-testid="recalc-report-table"
            rowKey="enterpriseId"
            size="small"
            dataSource={rows}
            locale={{ emptyText: t('recalcNoChanges') }}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            scroll={{ x: 1100 }}
            onRow={(r) => ({ 'data-testid': `recalc-row-${r.enterpriseId}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('recalcEnterprise'),
                key: 'enterprise',
                fixed: 'left',
                width: 180,
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/enterprises/${r.enterpriseId}`}>{r.nameZh ?? r.enterpriseId}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.enterpriseId}
                      {r.monthsChanged > 0 ? ` · ${t('recalcMonthsChanged')} ${r.monthsChanged}` : ''}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: `${t('recalcPeriod')} · ${t('recalcBefore')} → ${t('recalcAfter')}`,
                key: 'periods',
                width: 340,
                render: (_, r) =>
                  r.periods.length === 0 ? (
                    '—'
                  ) : (
                    <Space direction="vertical" size={0} data-testid="recalc-periods">
                      {r.periods
                        .filter((p) => !p.period.includes('-Q'))
                        .map((p) => (
                          <span key={p.period}>
                            <Typography.Text strong>{p.period}</Typography.Text> {p.beforeTco2e ?? '—'} → {p.afterTco2e ?? '—'}{' '}
                            <Typography.Text type={p.deltaTco2e.startsWith('-') ? 'success' : 'danger'}>
                              ({p.deltaTco2e.startsWith('-') ? '' : '+'}
                              {p.deltaTco2e})
                            </Typography.Text>
                          </span>
                        ))}
                    </Space>
                  ),
              },
              {
                title: t('recalcFactors'),
                key: 'factors',
                width: 220,
                render: (_, r) =>
                  r.factorRefsBefore.length + r.factorRefsAfter.length === 0 ? (
                    '—'
                  ) : (
                    <Typography.Text style={{ fontSize: 12 }}>
                      {r.factorRefsBefore.join(', ') || '—'} → {r.factorRefsAfter.join(', ') || '—'}
                    </Typography.Text>
                  ),
              },
              {
                title: t('recalcMonitoring'),
                key: 'monitoring',
                width: 170,
                render: (_, r) => (
                  <Space size={4} wrap>
                    <LabelColourTag colour={r.monitoring.before} />→<LabelColourTag colour={r.monitoring.after} />
                  </Space>
                ),
              },
              {
                title: t('recalcOfficial'),
                key: 'official',
                width: 260,
                render: (_, r) =>
                  r.officialLabels.length === 0 ? (
                    '—'
                  ) : (
                    <Space direction="vertical" size={4}>
                      {r.officialLabels.map((l) => (
                        <Space key={l.labelId} size={4} wrap data-testid="recalc-official" data-republish={l.needsRepublication ? 'true' : 'false'}>
                          <Typography.Text>{l.year}</Typography.Text>
                          <LabelColourTag colour={l.publishedColour} />→<LabelColourTag colour={l.draftColour} />
                          {l.needsRepublication && (
                            <Tag color="volcano" data-testid="republish-tag">
                              {t('recalcRepublish')}
                            </Tag>
                          )}
                        </Space>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
