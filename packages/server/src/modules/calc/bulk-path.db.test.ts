/**
 * Issue 5 item 5: the bulk path in SQL numeric agrees with the engine. Every shared accounting
 * case is loaded as (quantity, coefficient key) lines and per-unit coefficients at 34 significant
 * digits, summed by one SQL aggregate, rounded by PostgreSQL (half away from zero) and compared
 * with calculateEmissions. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLineOf, calculateEmissions, type EmissionsRequest } from '@cfp/domain';
import { testDatabase } from '@cfp/db/testing';
import type { Database } from '@cfp/db';
import accountingCases from '../../../../domain/src/accounting/cases/accounting.json' with { type: 'json' };

const totals = ['scope1Tco2e', 'scope2Tco2e', 'exportedTco2e', 'energyTce', 'feedstockTce', 'nonFossilElectricityMwh'] as const;
const columns = ['scope1', 'scope2', 'exported', 'energy', 'feedstock', 'non_fossil'] as const;
const cases = accountingCases.cases as unknown as { name: string; request: EmissionsRequest }[];

let db: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await db.exec(`
    create table bulk_coefficients (key text primary key, ${columns.map((c) => `${c} numeric not null`).join(', ')});
    create table bulk_lines (case_no integer not null, quantity numeric not null, key text not null references bulk_coefficients (key));
  `);
  const coefficients = new Map<string, readonly string[]>();
  const lines: [number, string, string][] = [];
  cases.forEach((c, caseNo) => {
    c.request.activities.forEach((activity, index) => {
      const line = bulkLineOf({ activity: activity as Record<string, unknown>, references: c.request });
      // A one-off line (measured values) gets a key of its own; quantity 1 × its exact totals.
      const key = line.coefficient.key ?? `one-off ${caseNo}/${index}`;
      coefficients.set(
        key,
        totals.map((t) => line.coefficient[t]),
      );
      lines.push([caseNo, line.quantity, key]);
    });
  });
  for (const [key, values] of coefficients) {
    await db.query(`insert into bulk_coefficients values ($1, ${columns.map((_, i) => `$${i + 2}::numeric`).join(', ')})`, [key, ...values]);
  }
  for (const [caseNo, quantity, key] of lines) await db.query('insert into bulk_lines values ($1, $2::numeric, $3)', [caseNo, quantity, key]);
});
afterAll(() => close());

describe('bulk path in SQL numeric', () => {
  it('stores the coefficients without losing a digit', async () => {
    const rows = await db.query<{ energy: string }>(
      `select energy::text as energy from bulk_coefficients where key like 'fuel|t|combustion|cn_industry_other_2015@1/bituminous_coal|%'`,
    );
    expect(rows[0]?.energy.replace('.', '').replace(/^0+/, '')).toHaveLength(34);
  });

  it('Σ quantity × coefficient, rounded by PostgreSQL, equals the engine on every shared case', async () => {
    const rows = await db.query<Record<string, string> & { case_no: number }>(
      `select l.case_no, ${columns.map((c) => `round(sum(l.quantity * k.${c}), 3)::text as ${c}`).join(', ')}
         from bulk_lines l join bulk_coefficients k using (key) group by l.case_no order by l.case_no`,
    );
    expect(rows).toHaveLength(cases.length);
    for (const row of rows) {
      const c = cases[row.case_no]!;
      const engine = calculateEmissions(c.request);
      const sql = Object.fromEntries(totals.map((t, i) => [t, row[columns[i]!]]));
      expect({ case: c.name, ...sql }).toEqual({ case: c.name, ...Object.fromEntries(totals.map((t) => [t, engine[t]])) });
    }
  });
});
