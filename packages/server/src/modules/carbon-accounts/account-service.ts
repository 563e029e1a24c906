/**
 * Monthly data in, accounts out. A batch of months (a form, an import, the demo seed) is checked
 * completely before anything is written — every month against the accounting engine with the
 * published factor versions — and then written in the caller's transaction: the submission (a
 * correction supersedes the current one; history stays), its bulk-path lines, the engine's monthly
 * result with the utility's metered electricity applied, the period accounts that contain the month
 * (month, quarter, year, rolling 12 months) and the enterprise's monitoring label.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { carbonAccountRepository, type AccountMonthRow, type CarbonAccountRepository, type EmissionCoefficientRow, type PeriodSubmissionRow, type ProductionEntry } from '@cfp/db';
import {
  accountFigures,
  AccountingInputError,
  bulkLineOf,
  computeEmissions,
  parsePeriod,
  periodsContaining,
  previousYearPeriod,
  reconcileElectricity,
  type AccountFigures,
  type MonthlyFigures,
  type ReferenceLibrary,
} from '@cfp/domain';
import type { MonthInput } from '@cfp/contracts';
import { AppError } from '../../http/app-error.ts';
import type { Platform } from '../../http/context.ts';
import { publishedReferenceLibrary } from '../reference/reference-library-service.ts';
import { refreshMonitoringLabel } from './label-service.ts';

const exact = (d: { toFixed(): string }): string => d.toFixed();
const out3 = (d: Decimal): string => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3);

export interface MonthBatchItem extends MonthInput {
  month: string;
}

/** A rejected field of a batch: `months.<i>.<field…>` so a form or an import report can point at it. */
interface FieldError {
  path: string;
  code?: string;
  message: string;
}

/** kWh of purchased electricity the enterprise reported in a month (MWh converted); null when none. */
function reportedKwhOf(activities: readonly Record<string, unknown>[]): string | null {
  let total: Decimal | null = null;
  for (const a of activities) {
    if (a['type'] !== 'electricity_purchased') continue;
    const q = new Decimal(String(a['quantity']));
    total = (total ?? new Decimal(0)).add(a['unit'] === 'MWh' ? q.mul(1000) : q);
  }
  return total === null ? null : total.toFixed();
}

/** The activities the engine is given: reported purchased electricity replaced by the metered kWh when the utility sent a reading. */
export function activitiesWithMetered(activities: readonly Record<string, unknown>[], meteredKwh: string | null): Record<string, unknown>[] {
  if (meteredKwh === null) return [...activities];
  const others = activities.filter((a) => a['type'] !== 'electricity_purchased');
  return [...others, { type: 'electricity_purchased', quantity: meteredKwh, unit: 'kWh', source: 'utility_metered' }];
}

function coefficientRow(coefficient: ReturnType<typeof bulkLineOf>['coefficient'], key: string): EmissionCoefficientRow {
  return {
    key,
    scope1Tco2e: coefficient.scope1Tco2e,
    scope2Tco2e: coefficient.scope2Tco2e,
    exportedTco2e: coefficient.exportedTco2e,
    energyTce: coefficient.energyTce,
    feedstockTce: coefficient.feedstockTce,
    nonFossilMwh: coefficient.nonFossilElectricityMwh,
    provisional: coefficient.provisional,
    factorRefs: [...coefficient.factorIds],
    warnings: [...coefficient.warnings],
  };
}

/**
 * A month's bulk-path lines with the library's factor versions: quantity × coefficient, the key
 * naming the versions; a line with measured values gets a content-addressed coefficient of its own.
 */
export function keyedBulkLines(options: {
  activities: readonly Record<string, unknown>[];
  library: ReferenceLibrary;
}): { key: string; quantity: string; coefficient: EmissionCoefficientRow }[] {
  return options.activities.map((activity) => {
    const line = bulkLineOf({ activity, library: options.library });
    const key =
      line.coefficient.key ??
      `one-off|${createHash('sha256')
        .update(JSON.stringify([activity, line.coefficient]))
        .digest('hex')}`;
    return { key, quantity: line.quantity, coefficient: coefficientRow(line.coefficient, key) };
  });
}

/** A submission's production with the unit and benchmark of the enterprise's registered product (the registry wins). */
export function productionOf(
  submission: Pick<PeriodSubmissionRow, 'production'>,
  products: ReadonlyMap<string, { unit: string; benchmarkId: string | null }>,
): MonthlyFigures['production'] {
  return (submission.production as ProductionEntry[]).map((p) => ({
    productId: p.productId,
    output: p.output,
    unit: products.get(p.productId)?.unit ?? p.unit,
    unitEnergyConsumption: p.unitEnergyConsumption ?? null,
    benchmarkId: products.get(p.productId)?.benchmarkId ?? null,
  }));
}

export function carbonAccountService(platform: Pick<Platform, 'db' | 'clock'>) {
  const repo = (): CarbonAccountRepository => carbonAccountRepository(platform.db.orm);

  /** Checks a batch completely; throws VALIDATION_FAILED (all fields), PERIOD_EXISTS or VERSION_CONFLICT before anything is written. */
  async function check(options: { enterpriseId: string; months: readonly MonthBatchItem[]; library: ReferenceLibrary }): Promise<Map<string, PeriodSubmissionRow | undefined>> {
    const r = repo();
    const profile = await r.profile(options.enterpriseId);
    if (!profile) throw new AppError('NOT_FOUND');
    const products = new Map((await r.products(options.enterpriseId)).map((p) => [p.productId, p]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const current = new Map<string, PeriodSubmissionRow | undefined>();
    for (const [i, item] of options.months.entries()) {
      if (seen.has(item.month)) errors.push({ path: `months.${i}.month`, message: `${item.month} appears twice in one batch` });
      seen.add(item.month);
      try {
        computeEmissions({ activities: item.activities }, options.library);
      } catch (error) {
        if (!(error instanceof AccountingInputError)) throw error;
        errors.push({ path: error.index === null ? `months.${i}.activities` : `months.${i}.activities.${error.index}`, code: error.code, message: error.message });
      }
      for (const [j, p] of item.production.entries()) {
        if (!products.has(p.productId))
          errors.push({ path: `months.${i}.production.${j}.productId`, message: `${p.productId} is not one of the enterprise's registered products` });
      }
      current.set(item.month, await r.currentSubmission({ enterpriseId: options.enterpriseId, month: item.month }));
    }
    if (errors.length) throw new AppError('VALIDATION_FAILED', { fields: errors });
    for (const item of options.months) {
      const existing = current.get(item.month);
      if (existing && item.supersedes === undefined) throw new AppError('PERIOD_EXISTS', { month: item.month, currentSubmissionId: existing.id, revision: existing.revision });
      if (item.supersedes !== undefined && existing?.id !== item.supersedes) {
        throw new AppError('VERSION_CONFLICT', { month: item.month, reason: existing ? `the current submission is ${existing.id}` : 'the month has no data to supersede' });
      }
    }
    return current;
  }

  /** The engine's result for one enterprise-month from its current submission; deletes the result when there is none. */
  async function recomputeMonth(options: { enterpriseId: string; month: string; library: ReferenceLibrary }): Promise<AccountMonthRow | undefined> {
    const r = repo();
    const submission = await r.currentSubmission(options);
    if (!submission) {
      await r.deleteMonth(options);
      return undefined;
    }
    const meteredKwh = await r.meteredKwh(options);
    const reportedKwh = reportedKwhOf(submission.activities);
    const reconciliation = reconcileElectricity({ reportedKwh, meteredKwh });
    const result = computeEmissions({ activities: activitiesWithMetered(submission.activities, meteredKwh) }, options.library);
    const factorRefs = [...new Set(result.lines.flatMap((l) => l.factorIds))].sort();
    const row: AccountMonthRow = {
      enterpriseId: options.enterpriseId,
      month: options.month,
      submissionId: submission.id,
      scope1Tco2e: exact(result.scope1Tco2e),
      scope2Tco2e: exact(result.scope2Tco2e),
      exportedTco2e: exact(result.exportedTco2e),
      energyTce: exact(result.energyTce),
      feedstockTce: exact(result.feedstockTce),
      nonFossilMwh: exact(result.nonFossilElectricityMwh),
      reportedKwh,
      meteredKwh,
      electricityGapPercent: reconciliation.gapPercent,
      electricityGapFlagged: reconciliation.flagged,
      quality: submission.quality,
      provisional: result.provisional,
      factorRefs,
      warnings: [
        ...result.warnings,
        ...(reconciliation.flagged ? [`metered electricity differs from the reported by ${reconciliation.gapPercent ?? '?'} %: the metered value is used`] : []),
      ],
      lines: result.lines.map((l) => ({ index: l.index, tco2e: out3(new Decimal(exact(l.tco2e))), tce: out3(new Decimal(exact(l.tce))), factorIds: l.factorIds })),
      computedAt: platform.clock.now(),
    };
    await r.upsertMonth(row);
    return row;
  }

  function monthlyFigures(row: AccountMonthRow, submission: PeriodSubmissionRow, products: Map<string, { unit: string; benchmarkId: string | null }>): MonthlyFigures {
    return {
      month: row.month,
      scope1Tco2e: row.scope1Tco2e,
      scope2Tco2e: row.scope2Tco2e,
      exportedTco2e: row.exportedTco2e,
      energyTce: row.energyTce,
      feedstockTce: row.feedstockTce,
      nonFossilElectricityMwh: row.nonFossilMwh,
      production: productionOf(submission, products),
      outputValue10kCny: submission.outputValue10kCny,
      valueAdded10kCny: submission.valueAdded10kCny,
      quality: row.quality as MonthlyFigures['quality'],
      provisional: row.provisional,
      factorRefs: row.factorRefs,
      warnings: row.warnings,
    };
  }

  /** Recomputes the period accounts (and the monitoring label) containing any of the months. */
  async function recomputePeriods(options: { enterpriseId: string; months: readonly string[] }): Promise<void> {
    const r = repo();
    const profile = await r.profile(options.enterpriseId);
    if (!profile) return;
    const products = new Map((await r.products(options.enterpriseId)).map((p) => [p.productId, { unit: p.unit, benchmarkId: p.benchmarkId }]));
    const periods = [...new Set(options.months.flatMap((m) => periodsContaining(m)))].map(parsePeriod).sort((a, b) => (a.key < b.key ? -1 : 1));
    const from = periods.reduce((m, p) => (p.months[0]! < m ? p.months[0]! : m), '9999-12');
    const to = periods.reduce((m, p) => (p.months.at(-1)! > m ? p.months.at(-1)! : m), '0000-01');
    const rows = new Map((await r.months({ enterpriseId: options.enterpriseId, from, to })).map((row) => [row.month, row]));
    const submissions = new Map((await r.currentSubmissions({ enterpriseId: options.enterpriseId, from, to })).map((s) => [s.month, s]));
    // Years first, so a rolling window or a quarter finds its previous year's figures computed.
    for (const period of periods) {
      const months = period.months.flatMap((m) => {
        const row = rows.get(m);
        const submission = submissions.get(m);
        return row && submission ? [monthlyFigures(row, submission, products)] : [];
      });
      if (months.length === 0) {
        await r.deleteAccount({ enterpriseId: options.enterpriseId, period: period.key });
        continue;
      }
      const previous = await r.account({ enterpriseId: options.enterpriseId, period: previousYearPeriod(period.key) });
      const figures: AccountFigures = accountFigures({
        period: period.key,
        industryClass: profile.industryClass,
        months,
        previousYear: previous ? (previous.figures as unknown as AccountFigures) : null,
      });
      await r.upsertAccount({
        enterpriseId: options.enterpriseId,
        period: period.key,
        periodType: period.type,
        emissionsTco2e: figures.emissionsTco2e,
        energyTce: figures.energyTce,
        intensityPerValueAdded: figures.intensityPerValueAdded,
        complete: figures.completeness.complete,
        provisional: figures.provisional,
        quality: figures.quality.level,
        figures: figures as unknown as Record<string, unknown>,
        computedAt: platform.clock.now(),
      });
    }
    await refreshMonitoringLabel(platform, { enterpriseId: options.enterpriseId });
  }

  return {
    /**
     * Writes a checked batch of months for one enterprise (all or nothing: call inside the command's
     * transaction). Returns the new submissions and the monthly results.
     */
    async submitMonths(options: {
      enterpriseId: string;
      months: readonly MonthBatchItem[];
      channel: 'form' | 'import' | 'demo';
      submittedBy: string | null;
      fileId?: string;
      importJobId?: string;
      library?: ReferenceLibrary;
    }): Promise<{ submission: PeriodSubmissionRow; result: AccountMonthRow }[]> {
      const library = options.library ?? (await publishedReferenceLibrary(platform));
      const current = await check({ enterpriseId: options.enterpriseId, months: options.months, library });
      const r = repo();
      const now = platform.clock.now();
      const units = new Map((await r.products(options.enterpriseId)).map((p) => [p.productId, p.unit]));
      const written: { submission: PeriodSubmissionRow; result: AccountMonthRow }[] = [];
      for (const item of options.months) {
        const existing = current.get(item.month);
        if (existing) await r.retire(existing.id);
        const submission = await r.insertSubmission({
          id: randomUUID(),
          enterpriseId: options.enterpriseId,
          month: item.month,
          revision: (existing?.revision ?? 0) + 1,
          supersedesId: existing?.id ?? null,
          channel: options.channel,
          activities: item.activities,
          production: item.production.map((p) => ({
            productId: p.productId,
            output: p.output,
            unit: units.get(p.productId) ?? '',
            unitEnergyConsumption: p.unitEnergyConsumption ?? null,
          })),
          outputValue10kCny: item.outputValue10kCny ?? null,
          valueAdded10kCny: item.valueAdded10kCny ?? null,
          quality: 'reported',
          importJobId: options.importJobId ?? null,
          fileId: options.fileId ?? null,
          note: item.note ?? null,
          submittedBy: options.submittedBy,
          submittedAt: now,
          isCurrent: true,
        });
        // Bulk-path lines: quantity × coefficient.
        const keyed = keyedBulkLines({ activities: item.activities, library });
        await r.insertCoefficients(keyed.map((l) => l.coefficient));
        await r.insertLines(keyed.map((l, lineNo) => ({ submissionId: submission.id, lineNo, quantity: l.quantity, coefficientKey: l.key })));
        const result = await recomputeMonth({ enterpriseId: options.enterpriseId, month: item.month, library });
        written.push({ submission, result: result! });
      }
      await recomputePeriods({ enterpriseId: options.enterpriseId, months: options.months.map((m) => m.month) });
      return written;
    },

    recomputeMonth,
    recomputePeriods,

    /** Recomputes months (e.g. after a utility reading) and the periods containing them. */
    async recompute(options: { enterpriseId: string; months: readonly string[] }): Promise<AccountMonthRow[]> {
      const library = await publishedReferenceLibrary(platform);
      const rows: AccountMonthRow[] = [];
      for (const month of options.months) {
        const row = await recomputeMonth({ enterpriseId: options.enterpriseId, month, library });
        if (row) rows.push(row);
      }
      await recomputePeriods(options);
      return rows;
    },
  };
}
export type CarbonAccountService = ReturnType<typeof carbonAccountService>;

/** Checks that a period key is well formed (404 otherwise, as for an unknown record). */
export function periodOrNotFound(key: string): ReturnType<typeof parsePeriod> {
  try {
    return parsePeriod(key);
  } catch {
    throw new AppError('NOT_FOUND');
  }
}
