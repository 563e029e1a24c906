/**
 * An enterprise's annual accounts: emissions (tCO2e), energy (tce), intensity per 10^4 CNY value
 * added, completeness (months with data of 12) and the year-on-year change.
 */
import { Progress, Table, Tag, Tooltip } from 'antd';
import type { CarbonAccount } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { formatChangePercent, formatDecimal } from './format-decimal.ts';

interface FiguresView {
  completeness?: { monthsExpected: number; monthsWithActivity: number; share: string; missingMonths: string[] };
  yoy?: { emissionsChangePercent: string | null; intensityChangePercent: string | null };
  valueAdded10kCny?: string | null;
}

export function AnnualAccountsTable({ accounts, loading }: { accounts: CarbonAccount[]; loading?: boolean }) {
  const { t } = useApp();
  const figures = (a: CarbonAccount) => a.figures as FiguresView;
  return (
    <Table<CarbonAccount>
      data-testid="annual-accounts"
      rowKey="period"
      size="small"
      loading={loading}
      dataSource={accounts}
      pagination={false}
      scroll={{ x: 980 }}
      locale={{ emptyText: t('noAccounts') }}
      columns={[
        { title: t('labelYear'), dataIndex: 'period', width: 80 },
        { title: `${t('emissions')} (tCO2e)`, dataIndex: 'emissionsTco2e', align: 'right', render: (v: string) => formatDecimal(v, 1) },
        { title: `${t('energy')} (tce)`, dataIndex: 'energyTce', align: 'right', render: (v: string) => formatDecimal(v, 1) },
        { title: `${t('valueAdded')} (${t('tenThousandCny')})`, key: 'va', align: 'right', render: (_: unknown, a) => formatDecimal(figures(a).valueAdded10kCny, 2) },
        { title: t('intensityPerValueAdded'), dataIndex: 'intensityPerValueAdded', align: 'right', render: (v: string | null) => formatDecimal(v, 4) },
        {
          title: t('completeness'),
          key: 'completeness',
          width: 170,
          render: (_: unknown, a) => {
            const c = figures(a).completeness;
            if (!c) return a.complete ? t('complete') : t('incomplete');
            const bar = (
              <Progress
                size="small"
                percent={Math.round(Number(c.share) * 100)}
                format={() => `${c.monthsWithActivity}/${c.monthsExpected}`}
                status={a.complete ? 'success' : 'normal'}
              />
            );
            return c.missingMonths.length ? <Tooltip title={`${t('missingMonths')}: ${c.missingMonths.join(', ')}`}>{bar}</Tooltip> : bar;
          },
        },
        { title: t('yoyEmissions'), key: 'yoyE', align: 'right', render: (_: unknown, a) => formatChangePercent(figures(a).yoy?.emissionsChangePercent) },
        { title: t('yoyIntensity'), key: 'yoyI', align: 'right', render: (_: unknown, a) => formatChangePercent(figures(a).yoy?.intensityChangePercent) },
        {
          title: t('dataQuality'),
          key: 'quality',
          render: (_: unknown, a) => (
            <>
              {t(dynamicKey('quality', a.quality) ?? 'dataQuality')}
              {a.provisional && (
                <Tag color="warning" style={{ marginLeft: 4 }}>
                  {t('provisional')}
                </Tag>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
