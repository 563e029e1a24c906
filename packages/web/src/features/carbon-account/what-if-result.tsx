/**
 * A what-if's answer side by side: baseline and scenario label (colour name, 暂定, reasons, the
 * industry average each was compared with), the figures with their changes, emissions by source
 * before and after as a chart, the changes as applied with the quantities actually moved, the
 * assumptions, and the factor versions (unverified ones marked).
 */
import { lazy, Suspense } from 'react';
import { Card, Col, Collapse, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import type { WhatIfResultBody } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { LabelColourTag } from '../labels/label-colour-tag.tsx';
import { formatChangePercent, formatDecimal } from './format-decimal.ts';

const WhatIfSourceChart = lazy(() => import('./what-if-source-chart.tsx').then((m) => ({ default: m.WhatIfSourceChart })));

type Side = WhatIfResultBody['baseline'];

function LabelSide({ title, side, testId }: { title: string; side: Side; testId: string }) {
  const { t, language } = useApp();
  const label = side.label;
  const average = label.industryAverage.averageIntensity;
  return (
    <Card size="small" title={title} data-testid={`${testId}-card`} style={{ height: '100%' }}>
      <LabelColourTag colour={label.colour} provisional={label.provisional} large testId={testId} />
      <Typography.Paragraph data-testid={`${testId}-reason`} style={{ background: '#fafafa', padding: 12, borderRadius: 6, marginTop: 12, wordBreak: 'break-word' }}>
        {language === 'en' ? label.reason.en : label.reason.zh}
      </Typography.Paragraph>
      {average && (
        <Typography.Text type="secondary">
          {t('whatIfIndustryAverage')}: {formatDecimal(average, 6)} ({label.industryAverage.code}, {label.industryAverage.peerCount})
        </Typography.Text>
      )}
    </Card>
  );
}

export function WhatIfResult({ result }: { result: WhatIfResultBody }) {
  const { t, language } = useApp();
  const b = result.baseline.figures;
  const s = result.scenario.figures;
  const rows: { key: string; figure: MessageKey; baseline: string | null; scenario: string | null; delta: string | null; places: number; percent?: string | null }[] = [
    {
      key: 'emissions',
      figure: 'whatIfEmissions',
      baseline: b.emissionsTco2e,
      scenario: s.emissionsTco2e,
      delta: result.deltas.emissionsTco2e,
      places: 3,
      percent: result.deltas.emissionsPercent,
    },
    { key: 'scope1', figure: 'whatIfScope1', baseline: b.scope1Tco2e, scenario: s.scope1Tco2e, delta: result.deltas.scope1Tco2e, places: 3 },
    { key: 'scope2', figure: 'whatIfScope2', baseline: b.scope2Tco2e, scenario: s.scope2Tco2e, delta: result.deltas.scope2Tco2e, places: 3 },
    { key: 'energy', figure: 'whatIfEnergy', baseline: b.energyTce, scenario: s.energyTce, delta: result.deltas.energyTce, places: 3 },
    {
      key: 'nonFossil',
      figure: 'whatIfNonFossil',
      baseline: b.nonFossilElectricityMwh,
      scenario: s.nonFossilElectricityMwh,
      delta: result.deltas.nonFossilElectricityMwh,
      places: 3,
    },
    { key: 'intensity', figure: 'whatIfIntensity', baseline: b.intensityPerValueAdded, scenario: s.intensityPerValueAdded, delta: result.deltas.intensityPerValueAdded, places: 6 },
    ...b.products
      .filter((p) => p.tco2ePerUnit !== null)
      .map((p, i) => ({
        key: `product-${p.productId}`,
        figure: 'whatIfPerProduct' as MessageKey,
        baseline: p.tco2ePerUnit,
        scenario: s.products[i]?.tco2ePerUnit ?? null,
        delta: null,
        places: 6,
      })),
  ];
  const colourChange = result.deltas.colour.change;
  const provisional = new Set(result.provisionalFactorRefs);

  return (
    <div data-testid="what-if-result" data-scenario-colour={result.scenario.label.colour ?? 'none'}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <LabelSide title={t('whatIfBaseline')} side={result.baseline} testId="what-if-baseline-label" />
        </Col>
        <Col xs={24} md={12}>
          <LabelSide title={t('whatIfScenario')} side={result.scenario} testId="what-if-scenario-label" />
        </Col>
        <Col xs={24}>
          <Flex gap={8} align="center" wrap data-testid="what-if-colour-change" data-change={colourChange}>
            <Typography.Text strong>{t('whatIfLabelChange')}:</Typography.Text>
            <Tag color={colourChange === 'better' ? 'success' : colourChange === 'worse' ? 'error' : 'default'}>{t(`whatIfChange_${colourChange}` as MessageKey)}</Tag>
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('whatIfFigure')}>
            <Table
              data-testid="what-if-figures"
              size="small"
              pagination={false}
              rowKey="key"
              scroll={{ x: true }}
              dataSource={rows}
              columns={[
                { title: t('whatIfFigure'), dataIndex: 'figure', render: (key: MessageKey) => t(key) },
                { title: t('whatIfBaseline'), dataIndex: 'baseline', align: 'right', render: (v: string | null, r) => formatDecimal(v, r.places) },
                { title: t('whatIfScenario'), dataIndex: 'scenario', align: 'right', render: (v: string | null, r) => formatDecimal(v, r.places) },
                {
                  title: t('whatIfDelta'),
                  dataIndex: 'delta',
                  align: 'right',
                  render: (v: string | null, r) => (
                    <span data-testid={`what-if-delta-${r.key}`}>
                      {formatDecimal(v, r.places)}
                      {r.percent !== undefined && ` (${formatChangePercent(r.percent)})`}
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('whatIfBySource')}>
            <Suspense fallback={<Skeleton active />}>
              <WhatIfSourceChart sources={result.sources} />
            </Suspense>
          </Card>
        </Col>
        {result.changes.length > 0 && (
          <Col xs={24}>
            <Card size="small" title={t('whatIfApplied')} data-testid="what-if-applied">
              {result.changes.map((c) => (
                <div key={c.index} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>
                    {c.index + 1}. {language === 'en' ? c.description.en : c.description.zh}
                  </Typography.Text>
                  <Table
                    size="small"
                    pagination={false}
                    rowKey={(m) => `${m.activity}|${m.unit}`}
                    scroll={{ x: true }}
                    dataSource={c.moved}
                    columns={[
                      {
                        title: t('whatIfActivity'),
                        dataIndex: 'activity',
                        render: (a: string) => {
                          const known = result.activities.find((x) => x.activity === a) ?? result.sources.find((x) => x.source === a);
                          const fuel = a.startsWith('fuel:') ? result.fuelChoices.find((f) => f.id === a.slice(5)) : undefined;
                          const named = known ?? fuel;
                          return named ? (language === 'en' ? named.nameEn : named.nameZh) : a;
                        },
                      },
                      { title: t('whatIfUnit'), dataIndex: 'unit' },
                      { title: t('whatIfBefore'), dataIndex: 'before', align: 'right', render: (v: string) => formatDecimal(v, 3) },
                      { title: t('whatIfAfter'), dataIndex: 'after', align: 'right', render: (v: string) => formatDecimal(v, 3) },
                      { title: t('whatIfDelta'), dataIndex: 'delta', align: 'right', render: (v: string) => formatDecimal(v, 3) },
                    ]}
                  />
                </div>
              ))}
            </Card>
          </Col>
        )}
        <Col xs={24}>
          <Collapse
            size="small"
            items={[
              {
                key: 'assumptions',
                label: t('whatIfAssumptions'),
                children: (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="what-if-assumptions">
                    {[...result.assumptions, ...result.changes.flatMap((c) => c.assumptions)].map((a, i) => (
                      <li key={i}>{language === 'en' ? a.en : a.zh}</li>
                    ))}
                    {[...result.baseline.label.notes, ...result.scenario.label.notes].map((n, i) => (
                      <li key={`n${i}`}>{language === 'en' ? n.en : n.zh}</li>
                    ))}
                  </ul>
                ),
              },
              {
                key: 'refs',
                label: `${t('factorRefs')} (${result.factorRefs.length})`,
                children: (
                  <Flex gap={4} wrap data-testid="what-if-factor-refs">
                    {result.factorRefs.map((r) => (
                      <Tag key={r} color={provisional.has(r) ? 'warning' : undefined} title={provisional.has(r) ? t('whatIfProvisional') : undefined}>
                        {r}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
