/**
 * What-if through the API: a year of demo data for the city's coal mines (class 0610, eight
 * peers); each kind of change moves the figures the expected way, exactly where it can be computed
 * independently; an orange mine turns yellow; bad changes name their field; only the enterprise,
 * the commission, the environment bureau, platform admins and consenting banks may run it; and
 * nothing is written — no submission, account, label or audit entry. PGlite and PostgreSQL.
 */
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingDefaults, computeEmissions, demoIds, monthsBetween, shippedReferenceLibrary as library } from '@cfp/domain';
import type { CarbonAccount, EnterpriseLabel, WhatIfResultBody } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { carbonAccountService } from './account-service.ts';
import { demoEnterprises, demoMonthInput } from './demo-seed.ts';
import { refreshMonitoringLabel } from './label-service.ts';

let t: TestPlatform;
const ent1 = demoIds.enterprise1;
const year = monthsBetween('2024-01', '2024-12');
const mines = demoEnterprises().filter((e) => e.sector === 'coal_mining');
/** The demo mine that is orange on 2024 (the demo data spread the eight mines over all four colours). */
const orangeMine = 'ent-001';
type ErrorBody = { error?: { code: string; details?: { fields?: { path: string; code?: string; message: string }[] } } };
const path = (id: string) => `/api/v1/enterprises/${id}/what-if`;
const count = async (table: string): Promise<number> => Number((await t.db.query<{ n: string }>(`select count(*)::text as n from ${table}`))[0]!.n);
const D = (v: { toFixed(): string } | string) => new Decimal(typeof v === 'string' ? v : v.toFixed());
const r3 = (v: Decimal) => v.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3);

beforeAll(async () => {
  t = await testPlatform();
  const service = carbonAccountService(t.platform);
  for (const e of mines) {
    await t.db.inTransaction(() =>
      service.submitMonths({ enterpriseId: e.id, channel: 'demo', submittedBy: null, library, months: year.map((month) => demoMonthInput(e, month)) }),
    );
  }
  // As the demo seed: monitoring labels decided again once every peer has its data.
  await t.db.inTransaction(async () => {
    for (const e of mines) await refreshMonitoringLabel(t.platform, { enterpriseId: e.id });
  });
  // bank1 holds enterprise1's consent to read its carbon account before a loan (the clock says 2024-06-30).
  const consent = await t.as('enterprise1')('POST', '/api/v1/consents', {
    body: { granteeId: demoIds.bank1, dataScopes: ['carbon_account'], purpose: 'pre_loan', validFrom: '2024-01-01', validTo: '2024-12-31' },
  });
  expect(consent.status).toBe(201);
}, 180_000);
afterAll(() => t?.close());

const run = (user: string, id: string, body: unknown, query = '') => t.as(user)<WhatIfResultBody & ErrorBody>('POST', `${path(id)}${query}`, { body });

describe('what-if', () => {
  it('without changes the baseline is the stored account and the label the monitoring label', async () => {
    const r = await run('enterprise1', ent1, { period: '2024-12R12', changes: [] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const account = await t.as('enterprise1')<CarbonAccount>('GET', `/api/v1/enterprises/${ent1}/accounts/2024-12R12`);
    expect(r.body.baseline.figures.emissionsTco2e).toBe(account.body.emissionsTco2e);
    expect(r.body.baseline.figures.intensityPerValueAdded).toBe(account.body.intensityPerValueAdded);
    const labels = await t.as('enterprise1')<{ items: EnterpriseLabel[] }>('GET', `/api/v1/enterprises/${ent1}/labels`);
    const monitoring = labels.body.items.find((l) => l.kind === 'monitoring')!;
    expect(monitoring.period).toBe('2024-12R12');
    expect(r.body.baseline.label.colour).toBe(monitoring.colour);
    expect(r.body.baseline.label.reason.zh).toBe(monitoring.reason.zh);
    expect(r.body.scenario.figures).toEqual(r.body.baseline.figures);
    expect(r.body).toMatchObject({ saved: false, periodType: 'rolling12', months: year });
    expect(r.body.activities.map((a) => a.activity)).toEqual(expect.arrayContaining(['fuel:raw_coal', 'electricity_purchased']));
  });

  it('switching 100 % of coal to gas gives the baseline − the coal lines + the gas lines, as the engine computes each', async () => {
    const r = await run('enterprise1', ent1, { period: '2024', changes: [{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '100' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const gjPerTce = D(library.findStandardCoalFactor('tce_definition').value.gjPerTce!);
    const gasNcv = D(library.findFuel({ factorSet: accountingDefaults.factorSet, fuel: 'natural_gas' }).value.ncvGjPerUnit);
    let exact = new Decimal(0);
    for (const month of year) {
      const activities = demoMonthInput(
        demoEnterprises().find((e) => e.id === ent1)!,
        month,
      ).activities as Record<string, unknown>[];
      const coal = activities.filter((a) => a['type'] === 'fuel' && a['fuel'] === 'raw_coal');
      const coalLines = computeEmissions({ activities: coal }, library);
      const gasQuantity = D(coalLines.energyTce).times(gjPerTce).dividedBy(gasNcv).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6);
      const gas = computeEmissions({ activities: [{ type: 'fuel', fuel: 'natural_gas', quantity: gasQuantity, unit: '10^4 Nm3' }] }, library);
      exact = exact
        .plus(D(computeEmissions({ activities }, library).scope1Tco2e))
        .minus(D(coalLines.scope1Tco2e))
        .plus(D(gas.scope1Tco2e));
    }
    expect(r.body.scenario.figures.scope1Tco2e).toBe(r3(exact));
    expect(D(r.body.deltas.emissionsTco2e).isNegative()).toBe(true);
    expect(r.body.scenario.figures.scope2Tco2e).toBe(r.body.baseline.figures.scope2Tco2e);
    expect(r.body.changes[0]!.moved.find((m) => m.activity === 'fuel:raw_coal')).toMatchObject({ after: '0.000000' });
    expect(r.body.factorRefs).toEqual(expect.arrayContaining(['cn_industry_other_2015@1/natural_gas', 'tce_definition@1']));
  });

  it('green electricity cuts scope 2 by its MWh × the grid factor; an efficiency gain cuts energy', async () => {
    const green = await run('enterprise1', ent1, { period: '2024', changes: [{ kind: 'green_electricity', mwh: '10000' }] });
    expect(green.status, JSON.stringify(green.body)).toBe(200);
    const grid = D(library.findElectricityFactor(accountingDefaults.electricityFactor).value.valueTco2PerMwh);
    expect(D(green.body.baseline.figures.scope2Tco2e).minus(D(green.body.scenario.figures.scope2Tco2e)).toFixed(3)).toBe(grid.times(10000).toFixed(3));
    expect(green.body.deltas).toMatchObject({ energyTce: '0.000', nonFossilElectricityMwh: '10000.000' });
    const saving = await run('enterprise1', ent1, { period: '2024', changes: [{ kind: 'efficiency', activity: 'all_energy', reductionPercent: '10' }] });
    expect(saving.status).toBe(200);
    expect(D(saving.body.deltas.energyTce).isNegative()).toBe(true);
    expect(D(saving.body.deltas.emissionsTco2e).isNegative()).toBe(true);
    // The mine's ventilation methane is not energy use: unchanged.
    const ch4 = saving.body.sources.find((s) => s.source === 'direct_gas:CH4')!;
    expect(ch4.scenarioTco2e).toBe(ch4.baselineTco2e);
  });

  it('an orange mine buying 80 % of its power green turns yellow', async () => {
    const r = await run('drc', orangeMine, { period: '2024-12R12', changes: [{ kind: 'green_electricity', sharePercent: '80' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.baseline.label.colour).toBe('orange');
    expect(r.body.scenario.label.colour).toBe('yellow');
    expect(r.body.deltas.colour).toEqual({ from: 'orange', to: 'yellow', change: 'better' });
    expect(r.body.scenario.label.reason.zh).toContain('黄');
  });

  it('bad changes are refused with the field named', async () => {
    const cases: [unknown, string, string][] = [
      [{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'unobtainium', sharePercent: '50' }, 'changes.0.toFuel', 'unknown_fuel'],
      [{ kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '150' }, 'changes.0.sharePercent', 'out_of_range'],
      [{ kind: 'green_electricity', mwh: '99999999' }, 'changes.0.mwh', 'exceeds_purchased'],
      [{ kind: 'efficiency', activity: 'heat_purchased', reductionPercent: '10' }, 'changes.0.activity', 'activity_not_found'],
      [{ kind: 'fuel_switch', fromFuel: 'coke', toFuel: 'natural_gas', sharePercent: '10' }, 'changes.0.fromFuel', 'activity_not_found'],
    ];
    for (const [change, field, code] of cases) {
      const r = await run('enterprise1', ent1, { period: '2024', changes: [change] });
      expect(r.status, JSON.stringify(change)).toBe(400);
      expect(r.body.error?.code).toBe('VALIDATION_FAILED');
      expect(r.body.error?.details?.fields).toEqual([expect.objectContaining({ path: field, code })]);
    }
    expect((await run('enterprise1', ent1, { period: '2024-Q1', changes: [] })).body.error?.details?.fields?.[0]).toMatchObject({ path: 'period', code: 'invalid_period' });
    expect((await run('enterprise1', ent1, { period: '2019', changes: [] })).body.error?.details?.fields?.[0]).toMatchObject({ path: 'period', code: 'no_data' });
    expect((await run('enterprise1', ent1, { period: '2024', changes: [{ kind: 'magic' }] })).status).toBe(400);
    expect((await run('drc', 'ent-nope', { period: '2024', changes: [] })).status).toBe(404);
  });

  it('the enterprise, the commission, the bureau, admins and a consenting bank may run it; others may not', async () => {
    const body = { period: '2024', changes: [] };
    for (const user of ['enterprise1', 'drc', 'eeb', 'admin']) expect((await run(user, ent1, body)).status, user).toBe(200);
    const reads = await count('consent_reads');
    expect((await run('bank1', ent1, body, '?purpose=pre_loan')).status).toBe(200);
    expect(await count('consent_reads')).toBe(reads + 1);
    expect((await run('bank1', ent1, body)).status).toBe(400);
    expect((await run('bank2', ent1, body, '?purpose=pre_loan')).status).toBe(403);
    for (const user of ['enterprise2', 'verifier1', 'nfra', 'finance']) expect((await run(user, ent1, body)).status, user).toBe(403);
    // Zoucheng sees enterprise1 (in its area) elsewhere, but a what-if is not for supervision.
    expect((await run('zoucheng', ent1, body)).status).toBe(403);
  });

  it('writes nothing: submissions, months, accounts, labels and the audit log are unchanged', async () => {
    const tables = ['period_submissions', 'submission_lines', 'account_months', 'carbon_accounts', 'enterprise_labels', 'audit_entries', 'idempotency_keys'];
    const before = await Promise.all(tables.map(count));
    const label = JSON.stringify((await t.as('enterprise1')<{ items: EnterpriseLabel[] }>('GET', `/api/v1/enterprises/${ent1}/labels`)).body.items);
    const r = await run('enterprise1', ent1, {
      period: '2024-12R12',
      changes: [
        { kind: 'fuel_switch', fromFuel: 'raw_coal', toFuel: 'natural_gas', sharePercent: '100' },
        { kind: 'green_electricity', sharePercent: '100' },
        { kind: 'efficiency', activity: 'all_energy', reductionPercent: '30' },
      ],
    });
    expect(r.status).toBe(200);
    expect(D(r.body.deltas.emissionsTco2e).isNegative()).toBe(true);
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(JSON.stringify((await t.as('enterprise1')<{ items: EnterpriseLabel[] }>('GET', `/api/v1/enterprises/${ent1}/labels`)).body.items)).toBe(label);
  });
});
