/**
 * The bulk path (issue 5 item 5, issue 6): every enterprise-month's totals recomputed in ONE SQL
 * statement from the stored lines — Σ quantity × per-unit coefficient in numeric, exact — with the
 * power utility's metered kWh in place of the reported purchased electricity (as the per-enterprise
 * path does), then the annual and quarterly totals from the months. Used to recalculate thousands
 * of enterprises at once (a new factor version, a restore); measured by `npm run bench`
 * (accounts.recalculate). Depends only on a query function, so the benchmark can run it on a plain
 * pg client.
 */

/** Runs one statement. */
export type ExecuteSql = (text: string, params: unknown[]) => Promise<unknown>;

/**
 * Recomputes account_months for every current submission (or those of some enterprises). `$1` is
 * the time of the computation, `$2` the coefficient key of one metered kWh (the default grid factor
 * and standard-coal conversion in force), `$3` null or an array of enterprise ids.
 */
export const recalculateMonthsSql = `
with coefficients as (
  -- per coefficient, once: is it purchased electricity, and how many kWh is one unit
  select k.*, k.key like 'electricity_purchased|%' as purchased,
         case when k.key like 'electricity_purchased|MWh|%' then 1000 when k.key like 'electricity_purchased|kWh|%' then 1 end as kwh_per_unit
    from emission_coefficients k
),
lines as (
  -- Σ per submission first (lines are stored by submission), purchased electricity apart
  select l.submission_id,
         sum(l.quantity * k.scope1_tco2e) as scope1,
         sum(l.quantity * k.scope2_tco2e) as scope2,
         sum(l.quantity * k.exported_tco2e) as exported,
         sum(l.quantity * k.energy_tce) as energy,
         sum(l.quantity * k.feedstock_tce) as feedstock,
         sum(l.quantity * k.non_fossil_mwh) as non_fossil,
         sum(l.quantity * k.scope2_tco2e) filter (where k.purchased) as purchased_scope2,
         sum(l.quantity * k.energy_tce) filter (where k.purchased) as purchased_energy,
         sum(l.quantity * k.kwh_per_unit) filter (where k.purchased) as reported_kwh,
         bool_or(k.provisional) as provisional
    from submission_lines l join coefficients k on k.key = l.coefficient_key
   group by l.submission_id
),
metered as (
  select m.enterprise_id, r.month, sum(r.kwh) as kwh
    from utility_readings r join meter_accounts m on m.account_no = r.account_no
   where r.is_current and ($3::text[] is null or m.enterprise_id = any($3))
   group by m.enterprise_id, r.month
)
insert into account_months as a (enterprise_id, month, submission_id, scope1_tco2e, scope2_tco2e, exported_tco2e, energy_tce, feedstock_tce, non_fossil_mwh,
                                 reported_kwh, metered_kwh, electricity_gap_percent, electricity_gap_flagged, quality, provisional, factor_refs, warnings, lines, computed_at)
select s.enterprise_id, s.month, s.id,
       x.scope1,
       -- the utility's metered kWh replaces the reported purchased electricity
       case when mt.kwh is null then x.scope2 else x.scope2 - coalesce(x.purchased_scope2, 0) + mt.kwh * mk.scope2_tco2e end,
       x.exported,
       case when mt.kwh is null then x.energy else x.energy - coalesce(x.purchased_energy, 0) + mt.kwh * mk.energy_tce end,
       x.feedstock, x.non_fossil,
       x.reported_kwh, mt.kwh,
       case when mt.kwh > 0 and x.reported_kwh is not null then round((x.reported_kwh - mt.kwh) / mt.kwh * 100, 2) end,
       coalesce(mt.kwh > 0 and x.reported_kwh is not null and abs(x.reported_kwh - mt.kwh) / mt.kwh > 0.02, false),
       s.quality,
       x.provisional or (mt.kwh is not null and mk.provisional),
       '[]'::jsonb, '[]'::jsonb, '[]'::jsonb, $1
  from period_submissions s
  join lines x on x.submission_id = s.id
  left join metered mt on mt.enterprise_id = s.enterprise_id and mt.month = s.month
  left join emission_coefficients mk on mk.key = $2
 where s.is_current and ($3::text[] is null or s.enterprise_id = any($3))
on conflict (enterprise_id, month) do update set
  submission_id = excluded.submission_id, scope1_tco2e = excluded.scope1_tco2e, scope2_tco2e = excluded.scope2_tco2e,
  exported_tco2e = excluded.exported_tco2e, energy_tce = excluded.energy_tce, feedstock_tce = excluded.feedstock_tce,
  non_fossil_mwh = excluded.non_fossil_mwh, reported_kwh = excluded.reported_kwh, metered_kwh = excluded.metered_kwh,
  electricity_gap_percent = excluded.electricity_gap_percent, electricity_gap_flagged = excluded.electricity_gap_flagged,
  quality = excluded.quality, provisional = excluded.provisional, computed_at = excluded.computed_at,
  -- per-line explanations and factor lists are the per-enterprise path's; kept when only totals are refreshed
  factor_refs = a.factor_refs, warnings = a.warnings, lines = a.lines
`;

/**
 * Annual and quarterly emissions and energy from the months, for the lists and dashboards: `$1`
 * the time, `$2` null or enterprise ids. Power generation (GB/T 4754 4411, 4412) counts gross
 * emissions, everyone else net (gross − exported).
 */
export const recalculatePeriodTotalsSql = `
with months as (
  select m.enterprise_id, m.month, m.scope1_tco2e + m.scope2_tco2e - case when p.industry_class in ('4411', '4412') then 0 else m.exported_tco2e end as emissions,
         m.energy_tce, m.provisional, m.quality
    from account_months m join enterprise_profiles p on p.organisation_id = m.enterprise_id
   where $2::text[] is null or m.enterprise_id = any($2)
),
periods as (
  select enterprise_id, left(month, 4) as period, 'year' as period_type, 12 as expected, emissions, energy_tce, provisional, quality from months
  union all
  select enterprise_id, left(month, 4) || '-Q' || ((substr(month, 6, 2)::int + 2) / 3), 'quarter', 3, emissions, energy_tce, provisional, quality from months
)
insert into carbon_accounts as a (enterprise_id, period, period_type, emissions_tco2e, energy_tce, intensity_per_value_added, complete, provisional, quality, figures, computed_at)
select enterprise_id, period, period_type, round(sum(emissions), 3), round(sum(energy_tce), 3), null, count(*) = max(expected), bool_or(provisional),
       case when bool_or(quality = 'reported') then 'reported' when bool_or(quality = 'utility_metered') then 'utility_metered' else 'verified' end,
       '{}'::jsonb, $1
  from periods group by enterprise_id, period, period_type
on conflict (enterprise_id, period) do update set
  emissions_tco2e = excluded.emissions_tco2e, energy_tce = excluded.energy_tce, complete = excluded.complete,
  provisional = excluded.provisional, quality = excluded.quality, computed_at = excluded.computed_at,
  -- the full figures (intensities, completeness detail, year-on-year) stay the domain's
  intensity_per_value_added = a.intensity_per_value_added, figures = a.figures
`;

/** Months, then periods. */
export async function recalculateAccountsInSql(options: { execute: ExecuteSql; computedAt: Date; meteredKwhKey: string; enterpriseIds?: readonly string[] }): Promise<void> {
  const ids = options.enterpriseIds ? [...options.enterpriseIds] : null;
  // Aggregating millions of lines in memory instead of sorting them on disk (for this transaction only).
  await options.execute(`set local work_mem = '128MB'`, []);
  await options.execute(recalculateMonthsSql, [options.computedAt, options.meteredKwhKey, ids]);
  await options.execute(recalculatePeriodTotalsSql, [options.computedAt, ids]);
}
