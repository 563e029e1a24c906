/**
 * `dashboard.overview` (issue 7): the carbon-account dashboard's reads and computations for
 * 10,000 generated enterprises on PostgreSQL — `dashboardRepository().enterpriseRows` (registry,
 * labels of two years, monitoring label, provincial list, annual account, the year's months), the
 * domain's list, colour distribution by county and division, completeness and conflicts, then
 * `monthSums` over every enterprise and `emissionTrend` — what GET /api/v1/carbon-dashboard/overview
 * does for the whole city. Baseline `count-scan-floor`: plain `select count(*)` over the same
 * tables (organisations, enterprise_profiles, enterprise_labels, carbon_accounts, account_months,
 * period_submissions, provincial_list_entries) in the same run. Metric seconds (best of 5);
 * ratio = how many times the floor it takes (lower is better).
 *
 * Runs on a fresh database created on BENCH_DATABASE_URL's (or TEST_DATABASE_URL's) server and
 * dropped at the end; migrated by the built CLI (`cfp db migrate`).
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { dashboardRepository } from '../../packages/db/src/carbon-accounts/dashboard-repository.ts';
import type { Orm } from '../../packages/db/src/client.ts';
import {
  colourConflicts,
  colourDistribution,
  completenessByArea,
  dashboardEnterprises,
  emissionTrend,
  type DashboardEnterpriseRow,
} from '../../packages/domain/src/carbon-accounts/dashboard.ts';
import type { Measurement } from './figures.ts';
import { withBenchDatabase } from './bench-database.ts';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

const areas = ['rencheng', 'yanzhou', 'qufu', 'zoucheng', 'weishan', 'yutai', 'jinxiang', 'jiaxiang', 'wenshang', 'sishui', 'liangshan'];

export async function measureDashboardRead(options: { serverUrl: string; cliEntry: string; enterprises?: number }): Promise<Measurement[]> {
  const n = options.enterprises ?? Number(process.env.BENCH_DASHBOARD_ENTERPRISES ?? 10_000);
  return withBenchDatabase({ serverUrl: options.serverUrl, cliEntry: options.cliEntry, label: 'dashboard.overview', prefix: 'cfp_bench_dash' }, async ({ client }) => {
    log(`  dashboard.overview: loading ${n} enterprises × 24 months, labels of 2023 and 2024, monitoring labels, a provincial list`);
    const loadStarted = performance.now();
    await client.query(`insert into areas (id, type, name_zh, name_en) values ('jining', 'city', '济宁市', 'Jining')`);
    for (const a of areas) await client.query(`insert into areas (id, type, parent_id, name_zh, name_en) values ($1, 'county', 'jining', $1, $1)`, [a]);
    await client.query(
      `insert into organisations (id, type, name_zh, uscc, area_id, sector, created_at, updated_at)
     select 'bench-' || g, 'enterprise', '基准企业' || g, '9137' || lpad(g::text, 14, '0'), ($2::text[])[1 + g % array_length($2::text[], 1)], 'bench', now(), now()
       from generate_series(1, $1) g`,
      [n, areas],
    );
    await client.query(
      `insert into enterprise_profiles (organisation_id, industry_class, created_at, updated_at)
     select 'bench-' || g, (array['4411', '3011', '2521', '0610', '2221', '3514'])[1 + g % 6], now(), now() from generate_series(1, $1) g`,
      [n],
    );
    await client.query(
      `insert into period_submissions (id, enterprise_id, month, revision, channel, activities, production, value_added_10k_cny, quality, submitted_at, is_current)
     select 'bs-' || e || '-' || m, 'bench-' || e, to_char(date '2023-01-01' + (m || ' month')::interval, 'YYYY-MM'), 1, 'demo', '[]', '[]',
            case when (e + m) % 17 = 0 then null else 1000 + e % 500 end, 'reported', now(), true
       from generate_series(1, $1) e, generate_series(0, 23) m`,
      [n],
    );
    await client.query(
      `insert into account_months (enterprise_id, month, submission_id, scope1_tco2e, scope2_tco2e, exported_tco2e, energy_tce, feedstock_tce, non_fossil_mwh,
                                 quality, provisional, factor_refs, warnings, lines, computed_at)
     select enterprise_id, month, id, 100 + abs(hashtext(id)) % 10000 / 7.0, 50 + abs(hashtext(id || 's2')) % 1000 / 3.0, 0, 10, 0, 0, 'reported', false, '[]', '[]', '[]', now()
       from period_submissions`,
    );
    await client.query(
      `insert into carbon_accounts (enterprise_id, period, period_type, emissions_tco2e, energy_tce, complete, provisional, quality, figures, computed_at)
     select enterprise_id, left(month, 4), 'year', round(sum(scope1_tco2e + scope2_tco2e), 3), sum(energy_tce), count(*) = 12, false, 'reported', '{}', now()
       from account_months group by enterprise_id, left(month, 4)`,
    );
    const colours = `(array['green', 'yellow', 'orange', 'red', null])`;
    await client.query(
      `insert into enterprise_labels (id, enterprise_id, kind, period, status, colour, provisional, scheme_ref, methods, inputs, factor_refs, reason, created_at, published_at)
     select 'bl-' || g || '-' || y, 'bench-' || g, 'official', y::text, 'published', ${colours}[1 + abs(hashtext(g || ':' || y)) % 5], false, 'bench', '[]', '{}', '[]', '{"zh":"","en":""}', now(), now()
       from generate_series(1, $1) g, generate_series(2023, 2024) y`,
      [n],
    );
    await client.query(
      `insert into enterprise_labels (id, enterprise_id, kind, period, status, colour, provisional, scheme_ref, methods, inputs, factor_refs, reason, created_at)
     select 'bm-' || g, 'bench-' || g, 'monitoring', '2024-12R12', 'current', ${colours}[1 + abs(hashtext(g || ':m')) % 5], false, 'bench', '[]', '{}', '[]', '{"zh":"","en":""}', now()
       from generate_series(1, $1) g`,
      [n],
    );
    await client.query(
      `insert into provincial_list_entries (list_year, uscc, enterprise_id, name_zh, colour, imported_at)
     select 2024, '9137' || lpad(g::text, 14, '0'), 'bench-' || g, '基准企业' || g, ${colours}[1 + g % 4], now() from generate_series(1, $1, 10) g`,
      [n],
    );
    await client.query('vacuum analyze');
    log(`  dashboard.overview: loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

    const orm = drizzle(client) as unknown as Orm;
    const repo = dashboardRepository(orm);
    const tables = ['organisations', 'enterprise_profiles', 'enterprise_labels', 'carbon_accounts', 'account_months', 'period_submissions', 'provincial_list_entries'];
    let best = Infinity;
    let floorBest = Infinity;
    for (let i = 0; i < 5; i++) {
      const floorStarted = performance.now();
      for (const table of tables) await client.query(`select count(*) from ${table}`);
      floorBest = Math.min(floorBest, (performance.now() - floorStarted) / 1000);

      const started = performance.now();
      const rows = await repo.enterpriseRows({ year: 2024 });
      const readAt = performance.now();
      const enterprises = dashboardEnterprises({ rows: rows as unknown as DashboardEnterpriseRow[], filters: {}, monthsExpected: 12 });
      colourDistribution({ enterprises, by: 'area' });
      colourDistribution({ enterprises, by: 'division' });
      completenessByArea(enterprises);
      colourConflicts(enterprises);
      const domainAt = performance.now();
      const sums = await repo.monthSums({ enterpriseIds: enterprises.map((e) => e.enterpriseId), from: '2022-01', to: '2024-12' });
      emissionTrend({ sums, endMonth: '2024-12' });
      const seconds = (performance.now() - started) / 1000;
      best = Math.min(best, seconds);
      if (enterprises.length !== n || sums.length !== 24)
        throw new Error(`dashboard.overview: ${enterprises.length} enterprises and ${sums.length} months read, expected ${n} and 24`);
      const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
      log(
        `  dashboard.overview run ${i + 1}: ${seconds.toFixed(3)} s (enterprise rows ${ms(started, readAt)}, domain ${ms(readAt, domainAt)}, month sums and trend ${ms(domainAt, performance.now())}), floor ${floorBest.toFixed(3)} s`,
      );
    }
    return [{ bench: 'dashboard.overview', metric: 'seconds', unit: 's', value: best, baseline: 'count-scan-floor', baselineValue: floorBest }];
  });
}
