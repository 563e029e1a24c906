/**
 * One enterprise's carbon account as the pages show it: its labels (official history and the
 * monitoring label), its months (newest first) and its annual accounts. Banks, insurers and
 * guarantors state a purpose; the server refuses without a consent in force for it.
 */
import type { AccountMonth, CarbonAccount, EnterpriseLabel } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import { useAsync, type AsyncState } from '../common/use-async.tsx';

export interface EnterpriseAccountData {
  labels: EnterpriseLabel[];
  months: AccountMonth[];
  years: CarbonAccount[];
}

export type ConsentPurpose = 'pre_loan' | 'post_loan' | 'guarantee';

export function useEnterpriseAccount(options: { enterpriseId: string; purpose?: ConsentPurpose | undefined; enabled?: boolean }): AsyncState<EnterpriseAccountData> {
  const { api } = useApp();
  const { enterpriseId, purpose, enabled = true } = options;
  return useAsync(async () => {
    if (!enabled) return { labels: [], months: [], years: [] };
    const base = `/api/v1/enterprises/${encodeURIComponent(enterpriseId)}`;
    const query = purpose ? { purpose } : {};
    const [labels, months, years] = await Promise.all([
      api.get<{ items: EnterpriseLabel[] }>(`${base}/labels`, query),
      api.get<{ items: AccountMonth[] }>(`${base}/months`, query),
      api.get<{ items: CarbonAccount[] }>(`${base}/accounts`, { ...query, periodType: 'year' }),
    ]);
    return { labels: labels.items, months: months.items, years: years.items };
  }, [enterpriseId, purpose, enabled]);
}
