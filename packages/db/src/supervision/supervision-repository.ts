/**
 * Action-plan supervision: plans and their tasks, milestones, indicators and their values, progress
 * reports, reminders sent, and the reads of carbon-account tables the computed indicators need.
 * Writes that go together (a plan with its tasks) are joined by the caller's `inTransaction`.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { carbonAccounts, enterpriseLabels, enterpriseProfiles } from '../carbon-accounts/schema.ts';
import { organisations } from '../organisations/schema.ts';
import {
  supervisionIndicators,
  supervisionIndicatorValues,
  supervisionMilestones,
  supervisionPlans,
  supervisionReminders,
  supervisionReports,
  supervisionTasks,
} from './schema.ts';

export type SupervisionPlanRow = typeof supervisionPlans.$inferSelect;
export type SupervisionTaskRow = typeof supervisionTasks.$inferSelect;
export type SupervisionMilestoneRow = typeof supervisionMilestones.$inferSelect;
export type SupervisionIndicatorRow = typeof supervisionIndicators.$inferSelect;
export type SupervisionIndicatorValueRow = typeof supervisionIndicatorValues.$inferSelect;
export type SupervisionReportRow = typeof supervisionReports.$inferSelect;
export type { StoredContribution, StoredPlanAgency, StoredReview } from './schema.ts';

export function supervisionRepository(orm: Orm) {
  return {
    // ------------------------------------------------------------ plans
    async plans(): Promise<SupervisionPlanRow[]> {
      return orm.select().from(supervisionPlans).orderBy(desc(supervisionPlans.version));
    },
    async plan(id: string): Promise<SupervisionPlanRow | undefined> {
      const [row] = await orm.select().from(supervisionPlans).where(eq(supervisionPlans.id, id));
      return row;
    },
    async currentPlan(): Promise<SupervisionPlanRow | undefined> {
      const [row] = await orm.select().from(supervisionPlans).where(eq(supervisionPlans.isCurrent, true));
      return row;
    },
    async nextPlanVersion(): Promise<number> {
      const [row] = await orm.select({ v: sql<number | null>`max(${supervisionPlans.version})` }).from(supervisionPlans);
      return Number(row?.v ?? 0) + 1;
    },
    /** Inserts a plan with its tasks; when it is current, the previous current plan stops being so (it stays readable). */
    async insertPlan(options: { plan: typeof supervisionPlans.$inferInsert; tasks: Array<typeof supervisionTasks.$inferInsert> }): Promise<SupervisionPlanRow> {
      if (options.plan.isCurrent) await orm.update(supervisionPlans).set({ isCurrent: false }).where(eq(supervisionPlans.isCurrent, true));
      const [row] = await orm.insert(supervisionPlans).values(options.plan).returning();
      if (options.tasks.length > 0) await orm.insert(supervisionTasks).values(options.tasks);
      return row!;
    },

    /** Public bodies and regulators an agency of a plan can map to (and their names for reports). */
    async agencyOrganisations(): Promise<Array<{ id: string; nameZh: string; type: string }>> {
      return orm
        .select({ id: organisations.id, nameZh: organisations.nameZh, type: organisations.type })
        .from(organisations)
        .where(inArray(organisations.type, ['government', 'county_government', 'regulator']))
        .orderBy(asc(organisations.id));
    },

    // ------------------------------------------------------------ tasks
    async tasks(planId: string): Promise<SupervisionTaskRow[]> {
      return orm.select().from(supervisionTasks).where(eq(supervisionTasks.planId, planId)).orderBy(asc(supervisionTasks.position));
    },
    async task(planId: string, code: string): Promise<SupervisionTaskRow | undefined> {
      const [row] = await orm
        .select()
        .from(supervisionTasks)
        .where(and(eq(supervisionTasks.planId, planId), eq(supervisionTasks.code, code)));
      return row;
    },

    // ------------------------------------------------------------ milestones
    async milestones(planId: string, taskCode?: string): Promise<SupervisionMilestoneRow[]> {
      return orm
        .select()
        .from(supervisionMilestones)
        .where(and(eq(supervisionMilestones.planId, planId), taskCode === undefined ? undefined : eq(supervisionMilestones.taskCode, taskCode)))
        .orderBy(asc(supervisionMilestones.dueDate), asc(supervisionMilestones.createdAt), asc(supervisionMilestones.id));
    },
    async milestone(id: string): Promise<SupervisionMilestoneRow | undefined> {
      const [row] = await orm.select().from(supervisionMilestones).where(eq(supervisionMilestones.id, id));
      return row;
    },
    async insertMilestone(row: typeof supervisionMilestones.$inferInsert): Promise<SupervisionMilestoneRow> {
      const [created] = await orm.insert(supervisionMilestones).values(row).returning();
      return created!;
    },
    /** Optimistic update: undefined when the version is stale. */
    async updateMilestone(options: { id: string; version: number; set: Partial<typeof supervisionMilestones.$inferInsert> }): Promise<SupervisionMilestoneRow | undefined> {
      const [row] = await orm
        .update(supervisionMilestones)
        .set({ ...options.set, version: options.version + 1 })
        .where(and(eq(supervisionMilestones.id, options.id), eq(supervisionMilestones.version, options.version)))
        .returning();
      return row;
    },

    // ------------------------------------------------------------ indicators
    async indicators(planId: string, taskCode?: string): Promise<SupervisionIndicatorRow[]> {
      return orm
        .select()
        .from(supervisionIndicators)
        .where(and(eq(supervisionIndicators.planId, planId), taskCode === undefined ? undefined : eq(supervisionIndicators.taskCode, taskCode)))
        .orderBy(asc(supervisionIndicators.createdAt), asc(supervisionIndicators.id));
    },
    async indicator(id: string): Promise<SupervisionIndicatorRow | undefined> {
      const [row] = await orm.select().from(supervisionIndicators).where(eq(supervisionIndicators.id, id));
      return row;
    },
    async insertIndicator(row: typeof supervisionIndicators.$inferInsert): Promise<SupervisionIndicatorRow> {
      const [created] = await orm.insert(supervisionIndicators).values(row).returning();
      return created!;
    },
    async indicatorValues(indicatorIds: readonly string[]): Promise<SupervisionIndicatorValueRow[]> {
      if (indicatorIds.length === 0) return [];
      return orm
        .select()
        .from(supervisionIndicatorValues)
        .where(inArray(supervisionIndicatorValues.indicatorId, [...indicatorIds]))
        .orderBy(asc(supervisionIndicatorValues.period), asc(supervisionIndicatorValues.source));
    },
    /** Writes the value of a (indicator, period, source), replacing an earlier one. */
    async putIndicatorValue(row: typeof supervisionIndicatorValues.$inferInsert): Promise<SupervisionIndicatorValueRow> {
      const [saved] = await orm
        .insert(supervisionIndicatorValues)
        .values(row)
        .onConflictDoUpdate({
          target: [supervisionIndicatorValues.indicatorId, supervisionIndicatorValues.period, supervisionIndicatorValues.source],
          set: { value: row.value, detail: row.detail ?? null, enteredBy: row.enteredBy ?? null, evidenceFileIds: row.evidenceFileIds, at: row.at },
        })
        .returning();
      return saved!;
    },

    // ------------------------------------------------------------ reports
    async reports(planId: string, taskCode?: string): Promise<SupervisionReportRow[]> {
      return orm
        .select()
        .from(supervisionReports)
        .where(and(eq(supervisionReports.planId, planId), taskCode === undefined ? undefined : eq(supervisionReports.taskCode, taskCode)))
        .orderBy(desc(supervisionReports.period), desc(supervisionReports.updatedAt), asc(supervisionReports.id));
    },
    async report(id: string): Promise<SupervisionReportRow | undefined> {
      const [row] = await orm.select().from(supervisionReports).where(eq(supervisionReports.id, id));
      return row;
    },
    async reportFor(options: { planId: string; taskCode: string; period: string; organisationId: string }): Promise<SupervisionReportRow | undefined> {
      const [row] = await orm
        .select()
        .from(supervisionReports)
        .where(
          and(
            eq(supervisionReports.planId, options.planId),
            eq(supervisionReports.taskCode, options.taskCode),
            eq(supervisionReports.period, options.period),
            eq(supervisionReports.organisationId, options.organisationId),
          ),
        );
      return row;
    },
    async insertReport(row: typeof supervisionReports.$inferInsert): Promise<SupervisionReportRow> {
      const [created] = await orm.insert(supervisionReports).values(row).returning();
      return created!;
    },
    /** Optimistic update: undefined when the version is stale. */
    async updateReport(options: { id: string; version: number; set: Partial<typeof supervisionReports.$inferInsert> }): Promise<SupervisionReportRow | undefined> {
      const [row] = await orm
        .update(supervisionReports)
        .set({ ...options.set, version: options.version + 1 })
        .where(and(eq(supervisionReports.id, options.id), eq(supervisionReports.version, options.version)))
        .returning();
      return row;
    },

    // ------------------------------------------------------------ reminders
    /** Records a reminder; false when one was already recorded for the (kind, item, organisation, day). */
    async recordReminder(row: typeof supervisionReminders.$inferInsert): Promise<boolean> {
      const inserted = await orm.insert(supervisionReminders).values(row).onConflictDoNothing().returning({ kind: supervisionReminders.kind });
      return inserted.length === 1;
    },
    async reminderSent(options: { kind: string; itemKey: string; organisationId: string; day: string }): Promise<boolean> {
      const [row] = await orm
        .select({ kind: supervisionReminders.kind })
        .from(supervisionReminders)
        .where(
          and(
            eq(supervisionReminders.kind, options.kind),
            eq(supervisionReminders.itemKey, options.itemKey),
            eq(supervisionReminders.organisationId, options.organisationId),
            eq(supervisionReminders.day, options.day),
          ),
        );
      return row !== undefined;
    },

    // ------------------------------------------------------------ computed-indicator reads
    /** Enterprises with at least one annual or rolling-12-month carbon account. */
    async countEnterprisesWithCarbonAccounts(): Promise<number> {
      const [row] = await orm
        .select({ n: sql<string>`count(distinct ${carbonAccounts.enterpriseId})` })
        .from(carbonAccounts)
        .where(inArray(carbonAccounts.periodType, ['year', 'rolling12']));
      return Number(row?.n ?? 0);
    },
    /** The latest year with a published official label; null when none is published. */
    async latestPublishedLabelYear(): Promise<number | null> {
      const [row] = await orm
        .select({ year: sql<string | null>`max(${enterpriseLabels.period})` })
        .from(enterpriseLabels)
        .where(and(eq(enterpriseLabels.kind, 'official'), eq(enterpriseLabels.status, 'published')));
      return row?.year === null || row?.year === undefined ? null : Number(row.year);
    },
    /** Colours of the published official labels of a year (one per enterprise; labels without a colour are left out). */
    async publishedLabelColours(year: number): Promise<string[]> {
      const rows = await orm
        .select({ colour: enterpriseLabels.colour })
        .from(enterpriseLabels)
        .where(
          and(
            eq(enterpriseLabels.kind, 'official'),
            eq(enterpriseLabels.status, 'published'),
            eq(enterpriseLabels.period, String(year)),
            sql`${enterpriseLabels.colour} is not null`,
          ),
        );
      return rows.map((r) => r.colour!);
    },
    /** Key emitters (重点用能单位) and how many of them have a coloured published official label of `year`. */
    async keyEmittersLabelled(year: number | null): Promise<{ total: number; labelled: number }> {
      const [row] = await orm
        .select({
          total: sql<string>`count(*)`,
          labelled:
            year === null
              ? sql<string>`0`
              : sql<string>`count(*) filter (where exists (select 1 from ${enterpriseLabels} l where l.enterprise_id = ${enterpriseProfiles.organisationId} and l.kind = 'official' and l.status = 'published' and l.period = ${String(year)} and l.colour is not null))`,
        })
        .from(enterpriseProfiles)
        .where(eq(enterpriseProfiles.keyEmitter, true));
      return { total: Number(row?.total ?? 0), labelled: Number(row?.labelled ?? 0) };
    },
  };
}
