/**
 * Reads for the carbon-account dashboards: one query for every enterprise of a year (registry,
 * official labels of the year and the year before, the monitoring label, the provincial list,
 * the annual account and the year's months), and one for monthly sums over a set of enterprises.
 * Both read indexed keys only (labels by enterprise and period, accounts by enterprise and period,
 * months by enterprise and month); the sums are exact numerics, returned as text.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';

export interface DashboardEnterpriseRecord {
  enterpriseId: string;
  nameZh: string;
  nameEn: string | null;
  uscc: string | null;
  areaId: string;
  sector: string | null;
  industryClass: string;
  officialColour: string | null;
  officialProvisional: boolean | null;
  previousColour: string | null;
  monitoringColour: string | null;
  provincialListed: boolean;
  provincialColour: string | null;
  monthsSubmitted: number;
  monthsWithValueAdded: number;
  /** tCO2e, the annual account's total. */
  emissionsTco2e: string | null;
  /** 万元, Σ over the year's current submissions. */
  valueAdded10kCny: string | null;
  accountProvisional: boolean;
}

export interface DashboardMonthSumRecord {
  month: string;
  emissionsTco2e: string;
  emissionsWithValueAddedTco2e: string;
  valueAdded10kCny: string;
  enterprises: number;
}

/** GB/T 4754 classes whose account total is gross emissions (domain isPowerGeneration; as in bulk-recalculation.ts). */
const grossClasses = sql`('4411', '4412')`;

type Rows<T> = { rows: T[] };

export function dashboardRepository(orm: Orm) {
  return {
    /** Every registered enterprise (of `areaIds` when given) with its figures of `year`, by id. */
    async enterpriseRows(options: { year: number; areaIds?: readonly string[] }): Promise<DashboardEnterpriseRecord[]> {
      const year = String(options.year);
      const previous = String(options.year - 1);
      const areas = options.areaIds ? JSON.stringify([...options.areaIds]) : null;
      const result = (await orm.execute(sql`
        with year_months as (
          select m.enterprise_id, count(*)::int as months_submitted, count(s.value_added_10k_cny)::int as months_va,
                 sum(s.value_added_10k_cny)::text as va
            from account_months m join period_submissions s on s.id = m.submission_id
           where m.month >= ${`${year}-01`} and m.month <= ${`${year}-12`}
           group by m.enterprise_id
        )
        select o.id as "enterpriseId", o.name_zh as "nameZh", nullif(o.name_en, '') as "nameEn", o.uscc, o.area_id as "areaId", o.sector,
               p.industry_class as "industryClass",
               lo.colour as "officialColour", lo.provisional as "officialProvisional", lp.colour as "previousColour",
               lm.colour as "monitoringColour", (pl.uscc is not null) as "provincialListed", pl.colour as "provincialColour",
               coalesce(ym.months_submitted, 0) as "monthsSubmitted", coalesce(ym.months_va, 0) as "monthsWithValueAdded",
               ca.emissions_tco2e::text as "emissionsTco2e", ym.va as "valueAdded10kCny", coalesce(ca.provisional, false) as "accountProvisional"
          from enterprise_profiles p
          join organisations o on o.id = p.organisation_id
          left join enterprise_labels lo on lo.enterprise_id = o.id and lo.period = ${year} and lo.status = 'published' and lo.kind = 'official'
          left join enterprise_labels lp on lp.enterprise_id = o.id and lp.period = ${previous} and lp.status = 'published' and lp.kind = 'official'
          left join enterprise_labels lm on lm.enterprise_id = o.id and lm.status = 'current' and lm.kind = 'monitoring'
          left join provincial_list_entries pl on pl.list_year = ${options.year} and pl.uscc = o.uscc
          left join carbon_accounts ca on ca.enterprise_id = o.id and ca.period = ${year}
          left join year_months ym on ym.enterprise_id = o.id
         where ${areas}::jsonb is null or o.area_id in (select jsonb_array_elements_text(${areas}::jsonb))
         order by o.id`)) as unknown as Rows<DashboardEnterpriseRecord>;
      return result.rows.map((r) => ({ ...r, monthsSubmitted: Number(r.monthsSubmitted), monthsWithValueAdded: Number(r.monthsWithValueAdded) }));
    },

    /**
     * Σ emissions (the account basis: gross for power generation, net otherwise), Σ emissions of
     * the months with value added, Σ value added and the enterprise count, per month from `from`
     * to `to` (YYYY-MM, inclusive), over the given enterprises.
     */
    async monthSums(options: { enterpriseIds: readonly string[]; from: string; to: string }): Promise<DashboardMonthSumRecord[]> {
      if (options.enterpriseIds.length === 0) return [];
      const ids = JSON.stringify([...options.enterpriseIds]);
      const result = (await orm.execute(sql`
        with chosen as (select jsonb_array_elements_text(${ids}::jsonb) as id),
        months as (
          select m.month, s.value_added_10k_cny as va,
                 m.scope1_tco2e + m.scope2_tco2e - case when p.industry_class in ${grossClasses} then 0 else m.exported_tco2e end as emissions
            from account_months m
            join chosen c on c.id = m.enterprise_id
            join enterprise_profiles p on p.organisation_id = m.enterprise_id
            join period_submissions s on s.id = m.submission_id
           where m.month >= ${options.from} and m.month <= ${options.to}
        )
        select month, sum(emissions)::text as "emissionsTco2e",
               coalesce(sum(emissions) filter (where va is not null), 0)::text as "emissionsWithValueAddedTco2e",
               coalesce(sum(va), 0)::text as "valueAdded10kCny", count(*)::int as enterprises
          from months group by month order by month`)) as unknown as Rows<DashboardMonthSumRecord>;
      return result.rows.map((r) => ({ ...r, enterprises: Number(r.enterprises) }));
    },

    /** The latest year with a publication of official labels, or null. */
    async latestPublishedYear(): Promise<number | null> {
      const result = (await orm.execute(sql`select max(year) as year from label_publications`)) as unknown as Rows<{ year: number | string | null }>;
      const year = result.rows[0]?.year;
      return year === null || year === undefined ? null : Number(year);
    },
  };
}
export type DashboardRepository = ReturnType<typeof dashboardRepository>;
