/** Four-colour labels, their publications and objections; the monitoring label is one current row per enterprise. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { organisations } from '../organisations/schema.ts';
import { enterpriseLabels, labelObjections, labelPublications } from './schema.ts';

export type EnterpriseLabelRow = typeof enterpriseLabels.$inferSelect;
export type NewEnterpriseLabelRow = typeof enterpriseLabels.$inferInsert;
export type LabelPublicationRow = typeof labelPublications.$inferSelect;
export type LabelObjectionRow = typeof labelObjections.$inferSelect;

export function labelRepository(orm: Orm) {
  return {
    async get(id: string): Promise<EnterpriseLabelRow | undefined> {
      const [row] = await orm.select().from(enterpriseLabels).where(eq(enterpriseLabels.id, id));
      return row;
    },
    /** Replaces the enterprise's current monitoring label. */
    async replaceMonitoring(row: NewEnterpriseLabelRow): Promise<void> {
      await orm.delete(enterpriseLabels).where(and(eq(enterpriseLabels.enterpriseId, row.enterpriseId), eq(enterpriseLabels.status, 'current')));
      await orm.insert(enterpriseLabels).values(row);
    },
    async clearMonitoring(enterpriseId: string): Promise<void> {
      await orm.delete(enterpriseLabels).where(and(eq(enterpriseLabels.enterpriseId, enterpriseId), eq(enterpriseLabels.status, 'current')));
    },
    /** Replaces the draft of an enterprise-year. */
    async replaceDraft(row: NewEnterpriseLabelRow): Promise<void> {
      await orm
        .delete(enterpriseLabels)
        .where(and(eq(enterpriseLabels.enterpriseId, row.enterpriseId), eq(enterpriseLabels.period, row.period), eq(enterpriseLabels.status, 'draft')));
      await orm.insert(enterpriseLabels).values(row);
    },
    /** Labels of an enterprise, newest first (official history and the monitoring label). */
    async ofEnterprise(enterpriseId: string): Promise<EnterpriseLabelRow[]> {
      return orm.select().from(enterpriseLabels).where(eq(enterpriseLabels.enterpriseId, enterpriseId)).orderBy(desc(enterpriseLabels.createdAt), desc(enterpriseLabels.id));
    },
    /** Labels of a period with the enterprise's name, USCC and area (lists and the banks' colour list). */
    async forPeriod(options: { period: string; statuses: readonly string[]; kind?: string }) {
      return orm
        .select({
          label: enterpriseLabels,
          nameZh: organisations.nameZh,
          nameEn: organisations.nameEn,
          uscc: organisations.uscc,
          areaId: organisations.areaId,
          sector: organisations.sector,
        })
        .from(enterpriseLabels)
        .innerJoin(organisations, eq(organisations.id, enterpriseLabels.enterpriseId))
        .where(
          and(
            eq(enterpriseLabels.period, options.period),
            inArray(enterpriseLabels.status, [...options.statuses]),
            options.kind ? eq(enterpriseLabels.kind, options.kind) : undefined,
          ),
        )
        .orderBy(asc(enterpriseLabels.enterpriseId));
    },
    /** Publishes every draft of a year: an earlier published label of the same enterprise-year is superseded. */
    async publishDrafts(options: { year: number; publication: typeof labelPublications.$inferInsert }): Promise<EnterpriseLabelRow[]> {
      const period = String(options.year);
      const drafts = await orm
        .select()
        .from(enterpriseLabels)
        .where(and(eq(enterpriseLabels.period, period), eq(enterpriseLabels.kind, 'official'), eq(enterpriseLabels.status, 'draft')));
      if (drafts.length === 0) return [];
      await orm.insert(labelPublications).values({ ...options.publication, labelCount: drafts.length });
      const ids = drafts.map((d) => d.enterpriseId);
      await orm
        .update(enterpriseLabels)
        .set({ status: 'superseded' })
        .where(and(eq(enterpriseLabels.period, period), eq(enterpriseLabels.status, 'published'), inArray(enterpriseLabels.enterpriseId, ids)));
      return orm
        .update(enterpriseLabels)
        .set({ status: 'published', publicationId: options.publication.id, publishedAt: options.publication.publishedAt })
        .where(and(eq(enterpriseLabels.period, period), eq(enterpriseLabels.status, 'draft'), eq(enterpriseLabels.kind, 'official')))
        .returning();
    },
    async publications(year?: number): Promise<LabelPublicationRow[]> {
      return orm
        .select()
        .from(labelPublications)
        .where(year === undefined ? undefined : eq(labelPublications.year, year))
        .orderBy(desc(labelPublications.publishedAt));
    },

    // ---- objections ----
    async insertObjection(row: typeof labelObjections.$inferInsert): Promise<LabelObjectionRow> {
      const [created] = await orm.insert(labelObjections).values(row).returning();
      return created!;
    },
    async objection(id: string): Promise<LabelObjectionRow | undefined> {
      const [row] = await orm.select().from(labelObjections).where(eq(labelObjections.id, id));
      return row;
    },
    async objections(options: { enterpriseId?: string; status?: string }): Promise<LabelObjectionRow[]> {
      return orm
        .select()
        .from(labelObjections)
        .where(
          and(options.enterpriseId ? eq(labelObjections.enterpriseId, options.enterpriseId) : undefined, options.status ? eq(labelObjections.status, options.status) : undefined),
        )
        .orderBy(desc(labelObjections.filedAt), desc(labelObjections.id));
    },
    async resolveObjection(options: {
      id: string;
      version: number;
      status: 'upheld' | 'rejected';
      resolution: string;
      resolvedBy: string;
      now: Date;
    }): Promise<LabelObjectionRow | undefined> {
      const [row] = await orm
        .update(labelObjections)
        .set({ status: options.status, resolution: options.resolution, resolvedBy: options.resolvedBy, resolvedAt: options.now, version: sql`${labelObjections.version} + 1` })
        .where(and(eq(labelObjections.id, options.id), eq(labelObjections.version, options.version), eq(labelObjections.status, 'open')))
        .returning();
      return row;
    },
  };
}
export type LabelRepository = ReturnType<typeof labelRepository>;
