/**
 * Reads and writes of the enterprise registry, monthly submissions, utility readings, the engine's
 * monthly results and period accounts. Services call these inside the command's transaction.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { organisations } from '../organisations/schema.ts';
import {
  accountMonths,
  carbonAccounts,
  emissionCoefficients,
  enterpriseProducts,
  enterpriseProfiles,
  etsVerifiedEmissions,
  meterAccounts,
  provincialListEntries,
  periodSubmissions,
  submissionLines,
  utilityReadings,
} from './schema.ts';

export type EnterpriseProfileRow = typeof enterpriseProfiles.$inferSelect;
export type EnterpriseProductRow = typeof enterpriseProducts.$inferSelect;
export type MeterAccountRow = typeof meterAccounts.$inferSelect;
export type PeriodSubmissionRow = typeof periodSubmissions.$inferSelect;
export type NewPeriodSubmissionRow = typeof periodSubmissions.$inferInsert;
export type UtilityReadingRow = typeof utilityReadings.$inferSelect;
export type AccountMonthRow = typeof accountMonths.$inferSelect;
export type NewAccountMonthRow = typeof accountMonths.$inferInsert;
export type CarbonAccountRow = typeof carbonAccounts.$inferSelect;
export type NewCarbonAccountRow = typeof carbonAccounts.$inferInsert;
export type EmissionCoefficientRow = typeof emissionCoefficients.$inferInsert;

/** An enterprise as the registry shows it: organisation fields and the carbon-account profile. */
export interface EnterpriseRecord {
  organisation: typeof organisations.$inferSelect;
  profile: EnterpriseProfileRow;
}

export function carbonAccountRepository(orm: Orm) {
  return {
    // ---- registry ----
    async profile(enterpriseId: string): Promise<EnterpriseProfileRow | undefined> {
      const [row] = await orm.select().from(enterpriseProfiles).where(eq(enterpriseProfiles.organisationId, enterpriseId));
      return row;
    },
    async enterprise(enterpriseId: string): Promise<EnterpriseRecord | undefined> {
      const [row] = await orm
        .select({ organisation: organisations, profile: enterpriseProfiles })
        .from(enterpriseProfiles)
        .innerJoin(organisations, eq(organisations.id, enterpriseProfiles.organisationId))
        .where(eq(enterpriseProfiles.organisationId, enterpriseId));
      return row;
    },
    /** Every registered enterprise, optionally of some areas; ordered by id. */
    async enterprises(options: { areaIds?: readonly string[] } = {}): Promise<EnterpriseRecord[]> {
      return orm
        .select({ organisation: organisations, profile: enterpriseProfiles })
        .from(enterpriseProfiles)
        .innerJoin(organisations, eq(organisations.id, enterpriseProfiles.organisationId))
        .where(options.areaIds ? inArray(organisations.areaId, [...options.areaIds]) : undefined)
        .orderBy(asc(enterpriseProfiles.organisationId));
    },
    async insertProfiles(rows: (typeof enterpriseProfiles.$inferInsert)[]): Promise<void> {
      if (rows.length) await orm.insert(enterpriseProfiles).values(rows).onConflictDoNothing();
    },
    async updateProfile(options: {
      enterpriseId: string;
      version: number;
      patch: Partial<typeof enterpriseProfiles.$inferInsert>;
      now: Date;
    }): Promise<EnterpriseProfileRow | undefined> {
      const [row] = await orm
        .update(enterpriseProfiles)
        .set({ ...options.patch, version: sql`${enterpriseProfiles.version} + 1`, updatedAt: options.now })
        .where(and(eq(enterpriseProfiles.organisationId, options.enterpriseId), eq(enterpriseProfiles.version, options.version)))
        .returning();
      return row;
    },
    async products(enterpriseId: string): Promise<EnterpriseProductRow[]> {
      return orm.select().from(enterpriseProducts).where(eq(enterpriseProducts.enterpriseId, enterpriseId)).orderBy(asc(enterpriseProducts.productId));
    },
    async allProducts(): Promise<EnterpriseProductRow[]> {
      return orm.select().from(enterpriseProducts).orderBy(asc(enterpriseProducts.enterpriseId), asc(enterpriseProducts.productId));
    },
    async replaceProducts(enterpriseId: string, rows: readonly EnterpriseProductRow[]): Promise<void> {
      await orm.delete(enterpriseProducts).where(eq(enterpriseProducts.enterpriseId, enterpriseId));
      if (rows.length) await orm.insert(enterpriseProducts).values([...rows]);
    },
    async insertProducts(rows: readonly EnterpriseProductRow[]): Promise<void> {
      if (rows.length)
        await orm
          .insert(enterpriseProducts)
          .values([...rows])
          .onConflictDoNothing();
    },
    async meters(enterpriseId: string): Promise<MeterAccountRow[]> {
      return orm.select().from(meterAccounts).where(eq(meterAccounts.enterpriseId, enterpriseId)).orderBy(asc(meterAccounts.accountNo));
    },
    async metersByNumber(accountNos: readonly string[]): Promise<MeterAccountRow[]> {
      if (accountNos.length === 0) return [];
      return orm
        .select()
        .from(meterAccounts)
        .where(inArray(meterAccounts.accountNo, [...accountNos]));
    },
    async deleteMeters(enterpriseId: string): Promise<void> {
      await orm.delete(meterAccounts).where(eq(meterAccounts.enterpriseId, enterpriseId));
    },
    /** ETS key emitters' verified emissions of a year (tCO2e), by enterprise. */
    async etsVerified(year: number): Promise<Map<string, string>> {
      const rows = await orm
        .select({ enterpriseId: etsVerifiedEmissions.enterpriseId, tco2e: etsVerifiedEmissions.verifiedTco2e })
        .from(etsVerifiedEmissions)
        .innerJoin(enterpriseProfiles, and(eq(enterpriseProfiles.organisationId, etsVerifiedEmissions.enterpriseId), eq(enterpriseProfiles.etsKeyEmitter, true)))
        .where(eq(etsVerifiedEmissions.year, year));
      return new Map(rows.map((r) => [r.enterpriseId, r.tco2e]));
    },
    /** The province's colour tags of a year, by USCC (null: listed without a colour). */
    async provincialColours(year: number): Promise<Map<string, string | null>> {
      const rows = await orm
        .select({ uscc: provincialListEntries.uscc, colour: provincialListEntries.colour })
        .from(provincialListEntries)
        .where(eq(provincialListEntries.listYear, year));
      return new Map(rows.map((r) => [r.uscc, r.colour]));
    },
    async insertMeters(rows: readonly MeterAccountRow[]): Promise<void> {
      if (rows.length)
        await orm
          .insert(meterAccounts)
          .values([...rows])
          .onConflictDoNothing();
    },

    // ---- submissions ----
    async currentSubmission(options: { enterpriseId: string; month: string }): Promise<PeriodSubmissionRow | undefined> {
      const [row] = await orm
        .select()
        .from(periodSubmissions)
        .where(and(eq(periodSubmissions.enterpriseId, options.enterpriseId), eq(periodSubmissions.month, options.month), eq(periodSubmissions.isCurrent, true)));
      return row;
    },
    async submission(id: string): Promise<PeriodSubmissionRow | undefined> {
      const [row] = await orm.select().from(periodSubmissions).where(eq(periodSubmissions.id, id));
      return row;
    },
    /** Every revision of a month, newest first (the history). */
    async revisions(options: { enterpriseId: string; month: string }): Promise<PeriodSubmissionRow[]> {
      return orm
        .select()
        .from(periodSubmissions)
        .where(and(eq(periodSubmissions.enterpriseId, options.enterpriseId), eq(periodSubmissions.month, options.month)))
        .orderBy(desc(periodSubmissions.revision));
    },
    /** Current submissions of an enterprise between two months (inclusive). */
    async currentSubmissions(options: { enterpriseId: string; from: string; to: string }): Promise<PeriodSubmissionRow[]> {
      return orm
        .select()
        .from(periodSubmissions)
        .where(
          and(
            eq(periodSubmissions.enterpriseId, options.enterpriseId),
            eq(periodSubmissions.isCurrent, true),
            gte(periodSubmissions.month, options.from),
            lte(periodSubmissions.month, options.to),
          ),
        )
        .orderBy(asc(periodSubmissions.month));
    },
    async retire(submissionId: string): Promise<void> {
      await orm.update(periodSubmissions).set({ isCurrent: false }).where(eq(periodSubmissions.id, submissionId));
    },
    async insertSubmission(row: NewPeriodSubmissionRow): Promise<PeriodSubmissionRow> {
      const [created] = await orm.insert(periodSubmissions).values(row).returning();
      return created!;
    },
    async insertCoefficients(rows: readonly EmissionCoefficientRow[]): Promise<void> {
      if (rows.length)
        await orm
          .insert(emissionCoefficients)
          .values([...rows])
          .onConflictDoNothing();
    },
    async insertLines(rows: readonly (typeof submissionLines.$inferInsert)[]): Promise<void> {
      if (rows.length) await orm.insert(submissionLines).values([...rows]);
    },
    async lines(submissionId: string): Promise<(typeof submissionLines.$inferSelect)[]> {
      return orm.select().from(submissionLines).where(eq(submissionLines.submissionId, submissionId)).orderBy(asc(submissionLines.lineNo));
    },
    /** A recalculation with new factor versions: the submission's bulk-path lines point at the new coefficients. */
    async replaceLines(submissionId: string, rows: readonly (typeof submissionLines.$inferInsert)[]): Promise<void> {
      await orm.delete(submissionLines).where(eq(submissionLines.submissionId, submissionId));
      if (rows.length) await orm.insert(submissionLines).values([...rows]);
    },

    // ---- utility readings ----
    /** Σ current kWh over the enterprise's meter accounts for a month; null when no reading. */
    async meteredKwh(options: { enterpriseId: string; month: string }): Promise<string | null> {
      const [row] = await orm
        .select({ kwh: sql<string | null>`sum(${utilityReadings.kwh})::text`, n: sql<string>`count(*)::text` })
        .from(utilityReadings)
        .innerJoin(meterAccounts, eq(meterAccounts.accountNo, utilityReadings.accountNo))
        .where(and(eq(meterAccounts.enterpriseId, options.enterpriseId), eq(utilityReadings.month, options.month), eq(utilityReadings.isCurrent, true)));
      return row && row.n !== '0' ? row.kwh : null;
    },
    async replaceReading(row: typeof utilityReadings.$inferInsert): Promise<void> {
      await orm
        .update(utilityReadings)
        .set({ isCurrent: false })
        .where(and(eq(utilityReadings.accountNo, row.accountNo), eq(utilityReadings.month, row.month), eq(utilityReadings.isCurrent, true)));
      await orm.insert(utilityReadings).values(row);
    },

    // ---- results ----
    async upsertMonth(row: NewAccountMonthRow): Promise<void> {
      await orm
        .insert(accountMonths)
        .values(row)
        .onConflictDoUpdate({ target: [accountMonths.enterpriseId, accountMonths.month], set: row });
    },
    async deleteMonth(options: { enterpriseId: string; month: string }): Promise<void> {
      await orm.delete(accountMonths).where(and(eq(accountMonths.enterpriseId, options.enterpriseId), eq(accountMonths.month, options.month)));
    },
    async months(options: { enterpriseId: string; from: string; to: string }): Promise<AccountMonthRow[]> {
      return orm
        .select()
        .from(accountMonths)
        .where(and(eq(accountMonths.enterpriseId, options.enterpriseId), gte(accountMonths.month, options.from), lte(accountMonths.month, options.to)))
        .orderBy(asc(accountMonths.month));
    },
    async upsertAccount(row: NewCarbonAccountRow): Promise<void> {
      await orm
        .insert(carbonAccounts)
        .values(row)
        .onConflictDoUpdate({ target: [carbonAccounts.enterpriseId, carbonAccounts.period], set: row });
    },
    async deleteAccount(options: { enterpriseId: string; period: string }): Promise<void> {
      await orm.delete(carbonAccounts).where(and(eq(carbonAccounts.enterpriseId, options.enterpriseId), eq(carbonAccounts.period, options.period)));
    },
    async account(options: { enterpriseId: string; period: string }): Promise<CarbonAccountRow | undefined> {
      const [row] = await orm
        .select()
        .from(carbonAccounts)
        .where(and(eq(carbonAccounts.enterpriseId, options.enterpriseId), eq(carbonAccounts.period, options.period)));
      return row;
    },
    async accountsOf(options: { enterpriseId: string; periodType?: string }): Promise<CarbonAccountRow[]> {
      return orm
        .select()
        .from(carbonAccounts)
        .where(and(eq(carbonAccounts.enterpriseId, options.enterpriseId), options.periodType ? eq(carbonAccounts.periodType, options.periodType) : undefined))
        .orderBy(desc(carbonAccounts.period));
    },
    /** Every enterprise's account for one period with its industry class (the peers of an industry average). */
    async accountsForPeriod(period: string): Promise<(CarbonAccountRow & { industryClass: string })[]> {
      const rows = await orm
        .select({ account: carbonAccounts, industryClass: enterpriseProfiles.industryClass })
        .from(carbonAccounts)
        .innerJoin(enterpriseProfiles, eq(enterpriseProfiles.organisationId, carbonAccounts.enterpriseId))
        .where(eq(carbonAccounts.period, period))
        .orderBy(asc(carbonAccounts.enterpriseId));
      return rows.map((r) => ({ ...r.account, industryClass: r.industryClass }));
    },
    /**
     * Every enterprise's rolling-12-month account ending with its own latest month (the monitoring
     * view: each enterprise's most recent year, whatever month it reached).
     */
    async latestRollingAccounts(): Promise<(CarbonAccountRow & { industryClass: string })[]> {
      const latest = orm
        .select({ enterpriseId: accountMonths.enterpriseId, month: sql<string>`max(${accountMonths.month})`.as('latest_month') })
        .from(accountMonths)
        .groupBy(accountMonths.enterpriseId)
        .as('latest');
      const rows = await orm
        .select({ account: carbonAccounts, industryClass: enterpriseProfiles.industryClass })
        .from(carbonAccounts)
        .innerJoin(latest, and(eq(latest.enterpriseId, carbonAccounts.enterpriseId), eq(carbonAccounts.period, sql`${latest.month} || 'R12'`)))
        .innerJoin(enterpriseProfiles, eq(enterpriseProfiles.organisationId, carbonAccounts.enterpriseId))
        .orderBy(asc(carbonAccounts.enterpriseId));
      return rows.map((r) => ({ ...r.account, industryClass: r.industryClass }));
    },
    /** The latest month with a result for an enterprise (the end of its monitoring window). */
    async latestMonth(enterpriseId: string): Promise<string | null> {
      const [row] = await orm
        .select({ month: sql<string | null>`max(${accountMonths.month})` })
        .from(accountMonths)
        .where(eq(accountMonths.enterpriseId, enterpriseId));
      return row?.month ?? null;
    },
  };
}
export type CarbonAccountRepository = ReturnType<typeof carbonAccountRepository>;
