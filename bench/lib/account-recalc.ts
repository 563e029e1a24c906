/**
 * `accounts.recalculate` (issue 6): a full recalculation of carbon accounts for 10,000 generated
 * enterprises × 24 months × 12 activity lines (2.88 million lines) on PostgreSQL — the bulk path's
 * SQL (packages/db/src/carbon-accounts/bulk-recalculation.ts: Σ quantity × 34-digit coefficient per
 * enterprise-month, metered electricity applied, upserted into account_months, then quarterly and
 * annual totals). Baseline `sql-aggregate-floor`: ONE aggregate over the same lines' emissions
 * precomputed (enterprise, month, tCO2e) written to a table — the I/O floor of reading every line
 * and writing every enterprise-month. Metric enterprise_months_per_second; ratio = recalculation ÷
 * floor speed (goal: ≥ 0.5, i.e. within 2× the floor).
 *
 * Runs on a fresh database created on BENCH_DATABASE_URL's (or TEST_DATABASE_URL's) server and
 * dropped at the end; migrated by the built CLI (`cfp db migrate`).
 */
import pg from 'pg';
import { bulkCoefficients } from '../../packages/domain/src/index.ts';
import { bulkLineOf } from '../../packages/domain/src/accounting/bulk-coefficients.ts';
import { recalculateAccountsInSql } from '../../packages/db/src/carbon-accounts/bulk-recalculation.ts';
import type { Measurement } from './figures.ts';
import { withBenchDatabase } from './bench-database.ts';

export interface RecalcSize {
  enterprises: number;
  months: number;
  linesPerMonth: number;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function timed(client: pg.Client, text: string, params: unknown[] = []): Promise<number> {
  const started = performance.now();
  await client.query(text, params);
  return (performance.now() - started) / 1000;
}

export async function measureAccountRecalculation(options: { serverUrl: string; cliEntry: string; size?: RecalcSize }): Promise<Measurement[]> {
  const size = options.size ?? { enterprises: Number(process.env.BENCH_RECALC_ENTERPRISES ?? 10_000), months: 24, linesPerMonth: 12 };
  return withBenchDatabase({ serverUrl: options.serverUrl, cliEntry: options.cliEntry, label: 'accounts.recalculate', prefix: 'cfp_bench' }, async ({ client }) => {
    const coefficients = bulkCoefficients().filter((c) => c.key !== null);
    const metered = bulkLineOf({ activity: { type: 'electricity_purchased', quantity: '1', unit: 'kWh' } }).coefficient;
    log(`  accounts.recalculate: loading ${size.enterprises} enterprises × ${size.months} months × ${size.linesPerMonth} lines (${coefficients.length} coefficients)`);
    const loadStarted = performance.now();
    await client.query(`insert into areas (id, type, name_zh, name_en) values ('jining', 'city', '济宁市', 'Jining')`);
    await client.query(
      `insert into organisations (id, type, name_zh, area_id, sector, created_at, updated_at)
     select 'bench-' || g, 'enterprise', '基准企业' || g, 'jining', 'bench', now(), now() from generate_series(1, $1) g`,
      [size.enterprises],
    );
    // A spread of classes: power plants (gross) and others (net).
    await client.query(
      `insert into enterprise_profiles (organisation_id, industry_class, created_at, updated_at)
     select 'bench-' || g, (array['4411', '3011', '2521', '0610', '2221', '3514'])[1 + g % 6], now(), now() from generate_series(1, $1) g`,
      [size.enterprises],
    );
    await client.query(
      `insert into meter_accounts (account_no, enterprise_id, created_at) select '3708' || lpad(g::text, 9, '0'), 'bench-' || g, now() from generate_series(1, $1) g`,
      [size.enterprises],
    );
    for (const c of [...coefficients, metered]) {
      await client.query(`insert into emission_coefficients values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '[]') on conflict do nothing`, [
        c.key,
        c.scope1Tco2e,
        c.scope2Tco2e,
        c.exportedTco2e,
        c.energyTce,
        c.feedstockTce,
        c.nonFossilElectricityMwh,
        c.provisional,
        JSON.stringify(c.factorIds),
      ]);
    }
    await client.query(
      `insert into period_submissions (id, enterprise_id, month, revision, channel, activities, production, value_added_10k_cny, quality, submitted_at, is_current)
     select 'bs-' || e || '-' || m, 'bench-' || e, to_char(date '2023-01-01' + (m || ' month')::interval, 'YYYY-MM'), 1, 'demo', '[]', '[]', 1000 + e % 500, 'reported', now(), true
       from generate_series(1, $1) e, generate_series(0, $2 - 1) m`,
      [size.enterprises, size.months],
    );
    // Lines: each picks a coefficient by a hash of (enterprise, month, line); quantities up to 10^4 with 3 decimals.
    await client.query(`create temporary table bench_keys as select row_number() over (order by key) as n, key from emission_coefficients where key <> $1`, [metered.key]);
    const keyCount = Number((await client.query<{ n: string }>('select count(*)::text as n from bench_keys')).rows[0]!.n);
    await client.query(
      `insert into submission_lines (submission_id, line_no, quantity, coefficient_key)
     select s.id, l, round((abs(hashtext(s.id || l)) % 10000000) / 1000.0, 3), k.key
       from period_submissions s, generate_series(0, $1 - 1) l, bench_keys k
      where k.n = 1 + abs(hashtext(s.id || ':' || l)) % $2`,
      [size.linesPerMonth, keyCount],
    );
    // A tenth of the enterprise-months have the utility's metered kWh.
    await client.query(
      `insert into utility_readings (id, account_no, month, kwh, partner_id, received_at, is_current)
     select 'br-' || s.id, '3708' || lpad(substr(s.enterprise_id, 7), 9, '0'), s.month, 1000 + abs(hashtext(s.id)) % 100000, s.enterprise_id, now(), true
       from period_submissions s where abs(hashtext(s.id)) % 10 = 0`,
    );
    // The floor's input: the same lines' emissions precomputed, with enterprise and month beside them.
    await client.query(
      `create table bench_line_emissions as
     select s.enterprise_id, s.month, l.quantity * (k.scope1_tco2e + k.scope2_tco2e - k.exported_tco2e) as tco2e
       from submission_lines l join period_submissions s on s.id = l.submission_id join emission_coefficients k on k.key = l.coefficient_key`,
    );
    await client.query('create table bench_floor (enterprise_id text, month text, tco2e numeric)');
    await client.query('vacuum analyze');
    log(`  accounts.recalculate: loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

    const enterpriseMonths = size.enterprises * size.months;
    const runs = 3;
    let best = Infinity;
    let floorBest = Infinity;
    for (let i = 0; i < runs; i++) {
      await client.query('truncate bench_floor');
      // The same memory for the floor's aggregate as the recalculation gives itself.
      await client.query('begin');
      await client.query(`set local work_mem = '128MB'`);
      floorBest = Math.min(
        floorBest,
        await timed(client, 'insert into bench_floor select enterprise_id, month, sum(tco2e) from bench_line_emissions group by enterprise_id, month'),
      );
      await client.query('commit');
      await client.query('begin');
      const started = performance.now();
      let monthsDone = 0;
      await recalculateAccountsInSql({
        execute: async (text, params) => {
          await client.query(text, params);
          if (text.includes('account_months as a')) monthsDone = performance.now();
        },
        computedAt: new Date(),
        meteredKwhKey: metered.key!,
      });
      await client.query('commit');
      const seconds = (performance.now() - started) / 1000;
      best = Math.min(best, seconds);
      log(`  accounts.recalculate run ${i + 1}: ${seconds.toFixed(2)} s (months ${((monthsDone - started) / 1000).toFixed(2)} s), floor ${floorBest.toFixed(2)} s`);
    }
    const rows = Number((await client.query<{ n: string }>('select count(*)::text as n from account_months')).rows[0]!.n);
    if (rows !== enterpriseMonths) throw new Error(`accounts.recalculate: ${rows} enterprise-months written, expected ${enterpriseMonths}`);
    return [
      {
        bench: 'accounts.recalculate',
        metric: 'enterprise_months_per_second',
        unit: 'enterprise-months/s',
        value: enterpriseMonths / best,
        baseline: 'sql-aggregate-floor',
        baselineValue: enterpriseMonths / floorBest,
      },
    ];
  });
}
