import { describe, expect, it } from 'vitest';
import { Decimal as DecimalBase } from 'decimal.js';
import accountingCases from './cases/accounting.json' with { type: 'json' };
import { bulkCoefficients, bulkLineOf, bulkSignificantDigits, type BulkLine } from './bulk-coefficients.ts';
import { AccountingInputError, calculateEmissions, type EmissionsRequest } from './calculate-emissions.ts';

/** Unbounded enough for Σ quantity × coefficient to be exact, like SQL numeric. */
const Exact = DecimalBase.clone({ precision: 200, rounding: DecimalBase.ROUND_HALF_UP });
const totals = ['scope1Tco2e', 'scope2Tco2e', 'exportedTco2e', 'energyTce', 'feedstockTce', 'nonFossilElectricityMwh'] as const;

/** What the SQL path computes: Σ quantity × coefficient per total, rounded half away from zero at the end. */
export function sumBulk(lines: readonly BulkLine[]): Record<(typeof totals)[number], string> {
  const out = {} as Record<(typeof totals)[number], string>;
  for (const total of totals) {
    const sum = lines.reduce((acc, l) => acc.add(new Exact(l.quantity).mul(l.coefficient[total])), new Exact(0));
    out[total] = sum
      .toDecimalPlaces(3, Exact.ROUND_HALF_UP)
      .toFixed(3)
      .replace(/^-0\.000$/, '0.000');
  }
  return out;
}

const cases = accountingCases.cases as unknown as readonly { name: string; request: EmissionsRequest }[];
const linesOf = (request: EmissionsRequest): BulkLine[] => request.activities.map((activity) => bulkLineOf({ activity: activity as Record<string, unknown>, references: request }));

describe('bulk path: per-unit coefficients', () => {
  it.each(cases.map((c) => [c.name, c.request] as const))('agrees with the engine after rounding: %s', (_name, request) => {
    const engine = calculateEmissions(request);
    expect(sumBulk(linesOf(request))).toEqual(Object.fromEntries(totals.map((t) => [t, engine[t]])));
  });

  it('keys a plain activity by type, unit, use and factor versions; measured values make a one-off line', () => {
    const plain = bulkLineOf({ activity: { type: 'fuel', fuel: 'anthracite', quantity: '12.5', unit: 'kg' } });
    expect(plain.quantity).toBe('12.5');
    expect(plain.coefficient.key).toBe('fuel|kg|combustion|cn_industry_other_2015@1/anthracite|tce_definition@1');
    const measured = bulkLineOf({ activity: { type: 'fuel', fuel: 'anthracite', quantity: '12.5', unit: 'kg', ncvGjPerUnit: '25' } });
    expect(measured).toMatchObject({ quantity: '1', coefficient: { key: null } });
    expect(
      bulkLineOf({ activity: { type: 'electricity_purchased', quantity: '1', unit: 'MWh' }, references: { electricityFactor: 'cn_ets_grid_2022' } }).coefficient,
    ).toMatchObject({
      key: 'electricity_purchased|MWh||cn_ets_grid_2022@1|electricity_equivalent@1',
      scope2Tco2e: '0.5703',
      energyTce: '0.1229',
    });
  });

  it('coefficients carry at most 34 significant digits, no exponent, and are unique per key', () => {
    const all = bulkCoefficients();
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all.map((c) => c.key)).size).toBe(all.length);
    for (const c of all) {
      for (const t of totals) {
        expect(c[t]).toMatch(/^-?[0-9]+(\.[0-9]+)?$/);
        expect(c[t].replace(/^-?0*\.?0*/, '').replace('.', '').length).toBeLessThanOrEqual(bulkSignificantDigits);
      }
    }
    // ÷ 29.3076 GJ/tce makes fuel energy coefficients non-terminating: they must use the full 34 digits.
    const coal = all.find((c) => c.key?.startsWith('fuel|t|combustion|cn_industry_other_2015@1/bituminous_coal'));
    expect(coal?.energyTce.replace('.', '').replace(/^0+/, '')).toHaveLength(34);
  });

  it('rejects bad input exactly as the engine does', () => {
    expect(() => bulkLineOf({ activity: { type: 'fuel', fuel: 'anthracite', quantity: '-1', unit: 't' } })).toThrow(AccountingInputError);
    expect(() => bulkLineOf({ activity: { type: 'fuel', fuel: 'unobtainium', quantity: '1', unit: 't' } })).toThrow(/unknown fuel/);
  });
});
