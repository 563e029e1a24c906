/**
 * The registry of computed indicators (计算指标): each metric reads platform data through a
 * repository and makes its figure with the domain's exact arithmetic. Later modules (loans,
 * projects) add their providers to `metricProviders`; an indicator names one by its key.
 *
 * @example
 * const value = await metricProviders.enterprises_with_carbon_accounts!.evaluate(platform.db.orm); // { value: '66', … }
 */
import { supervisionRepository, type Orm } from '@cfp/db';
import { countByColour, labelledSharePercent } from '@cfp/domain';

export interface MetricValue {
  /** Exact decimal as a string. */
  value: string;
  /** The parts of the figure, e.g. counts per colour, as decimal strings. */
  detail: Record<string, string> | null;
  /** What the figure counts, in Chinese (data year, numerator and denominator). */
  basis: string;
}

export interface MetricProvider {
  metric: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  evaluate(orm: Orm): Promise<MetricValue>;
}

const providers: MetricProvider[] = [
  {
    metric: 'enterprises_with_carbon_accounts',
    nameZh: '建立碳账户的企业数',
    nameEn: 'Enterprises with carbon accounts',
    unit: '家',
    async evaluate(orm) {
      const n = await supervisionRepository(orm).countEnterprisesWithCarbonAccounts();
      return { value: String(n), detail: null, basis: '至少有一个年度或滚动12个月碳账户的企业' };
    },
  },
  {
    metric: 'key_enterprises_labelled_share',
    nameZh: '重点企业贴标率',
    nameEn: 'Share of key enterprises labelled',
    unit: '%',
    async evaluate(orm) {
      const repo = supervisionRepository(orm);
      const year = await repo.latestPublishedLabelYear();
      const { total, labelled } = await repo.keyEmittersLabelled(year);
      const share = labelledSharePercent({ labelled, total }) ?? '0.00';
      return {
        value: share,
        detail: { labelled: String(labelled), keyEmitters: String(total), year: year === null ? '' : String(year) },
        basis: year === null ? '尚无已发布的年度碳效标识' : `${year} 年度已发布碳效标识的重点用能单位 ${labelled} 家 ÷ 重点用能单位 ${total} 家`,
      };
    },
  },
  {
    metric: 'published_labels_by_colour',
    nameZh: '已发布碳效标识数（按颜色）',
    nameEn: 'Published labels by colour',
    unit: '个',
    async evaluate(orm) {
      const repo = supervisionRepository(orm);
      const year = await repo.latestPublishedLabelYear();
      const { counts, total } = countByColour(year === null ? [] : await repo.publishedLabelColours(year));
      return {
        value: String(total),
        detail: { green: String(counts.green), yellow: String(counts.yellow), orange: String(counts.orange), red: String(counts.red), year: year === null ? '' : String(year) },
        basis: year === null ? '尚无已发布的年度碳效标识' : `${year} 年度已发布碳效标识：绿 ${counts.green}、黄 ${counts.yellow}、橙 ${counts.orange}、红 ${counts.red}`,
      };
    },
  },
];

/** Metric key → provider. Append new providers to the list above. */
export const metricProviders: Readonly<Record<string, MetricProvider>> = Object.fromEntries(providers.map((p) => [p.metric, p]));

/** Evaluates each metric at most once per call site (a request, a report submission). */
export function metricEvaluator(orm: Orm): (metric: string) => Promise<MetricValue | null> {
  const cache = new Map<string, Promise<MetricValue>>();
  return (metric) => {
    const provider = metricProviders[metric];
    if (provider === undefined) return Promise.resolve(null);
    let pending = cache.get(metric);
    if (pending === undefined) {
      pending = provider.evaluate(orm);
      cache.set(metric, pending);
    }
    return pending;
  };
}
