/**
 * An enterprise's months, newest first: direct (scope 1) and purchased-energy (scope 2) emissions,
 * exported, energy in tce, reported against metered electricity — a gap above 2 % is flagged and
 * the metered value used — data quality, and 「暂定」 for months computed with unverified factors.
 */
import { Table, Tag, Tooltip } from 'antd';
import type { AccountMonth } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { dynamicKey } from '../../app/i18n.ts';
import { formatDecimal } from './format-decimal.ts';

export function MonthsTable({ months, loading }: { months: AccountMonth[]; loading?: boolean }) {
  const { t } = useApp();
  return (
    <Table<AccountMonth>
      data-testid="months-table"
      rowKey="month"
      size="small"
      loading={loading}
      dataSource={months}
      pagination={months.length > 12 ? { pageSize: 12, showSizeChanger: false, size: 'small' } : false}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('noMonths') }}
      onRow={(m) => ({ style: m.electricity.flagged ? { background: '#fff7e6' } : undefined })}
      columns={[
        { title: t('month'), dataIndex: 'month', width: 90, fixed: 'left' },
        { title: `${t('scope1')} (tCO2e)`, dataIndex: 'scope1Tco2e', align: 'right', render: (v: string) => formatDecimal(v, 1) },
        { title: `${t('scope2')} (tCO2e)`, dataIndex: 'scope2Tco2e', align: 'right', render: (v: string) => formatDecimal(v, 1) },
        { title: `${t('exported')} (tCO2e)`, dataIndex: 'exportedTco2e', align: 'right', render: (v: string) => formatDecimal(v, 1) },
        { title: `${t('energy')} (tce)`, dataIndex: 'energyTce', align: 'right', render: (v: string) => formatDecimal(v, 1) },
        { title: `${t('electricityReported')} (kWh)`, key: 'reported', align: 'right', render: (_: unknown, m) => formatDecimal(m.electricity.reportedKwh, 0) },
        { title: `${t('electricityMetered')} (kWh)`, key: 'metered', align: 'right', render: (_: unknown, m) => formatDecimal(m.electricity.meteredKwh, 0) },
        {
          title: t('electricityGap'),
          key: 'gap',
          align: 'right',
          width: 120,
          render: (_: unknown, m) =>
            m.electricity.gapPercent === null ? (
              '—'
            ) : m.electricity.flagged ? (
              <Tooltip title={t('electricityGapFlagged')}>
                <Tag color="warning" data-testid={`gap-flag-${m.month}`} style={{ margin: 0 }}>
                  {formatDecimal(m.electricity.gapPercent, 2)} %
                </Tag>
              </Tooltip>
            ) : (
              `${formatDecimal(m.electricity.gapPercent, 2)} %`
            ),
        },
        { title: t('dataQuality'), dataIndex: 'quality', width: 100, render: (v: string) => t(dynamicKey('quality', v) ?? 'dataQuality') },
        {
          title: t('flags'),
          key: 'flags',
          width: 120,
          render: (_: unknown, m) => (
            <>
              {m.provisional && (
                <Tooltip title={t('provisionalMonthHint')}>
                  <Tag color="warning">{t('provisional')}</Tag>
                </Tooltip>
              )}
              {m.warnings.length > 0 && (
                <Tooltip title={m.warnings.join('\n')}>
                  <Tag>{t('warnings')}</Tag>
                </Tooltip>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
