/** Consents, their read log and verifier assignments. */
import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { organisations } from '../organisations/schema.ts';
import { consentReads, consents, verifierAssignments } from './schema.ts';

export type ConsentRow = typeof consents.$inferSelect;
export type ConsentReadRow = typeof consentReads.$inferSelect;
export type AssignmentRow = typeof verifierAssignments.$inferSelect;

export function consentRepository(orm: Orm) {
  return {
    async insert(row: typeof consents.$inferInsert): Promise<ConsentRow> {
      const [created] = await orm.insert(consents).values(row).returning();
      return created!;
    },
    async get(id: string): Promise<ConsentRow | undefined> {
      const [row] = await orm.select().from(consents).where(eq(consents.id, id));
      return row;
    },
    /** Consents of an enterprise, or granted to any of `granteeIds`; newest first. */
    async list(options: { enterpriseId?: string; granteeIds?: string[] }): Promise<ConsentRow[]> {
      const conditions = [
        options.enterpriseId ? eq(consents.enterpriseId, options.enterpriseId) : undefined,
        options.granteeIds?.length ? inArray(consents.granteeId, options.granteeIds) : undefined,
      ].filter(Boolean);
      if (conditions.length === 0 && (options.enterpriseId !== undefined || options.granteeIds !== undefined)) return [];
      return orm
        .select()
        .from(consents)
        .where(conditions.length ? or(...conditions) : undefined)
        .orderBy(desc(consents.grantedAt), desc(consents.id))
        .limit(1000);
    },
    async forEnterprise(enterpriseId: string): Promise<ConsentRow[]> {
      return orm.select().from(consents).where(eq(consents.enterpriseId, enterpriseId));
    },
    async revoke(options: { id: string; by: string; now: Date }): Promise<ConsentRow | undefined> {
      const [row] = await orm
        .update(consents)
        .set({ revokedAt: options.now, revokedBy: options.by })
        .where(and(eq(consents.id, options.id), isNull(consents.revokedAt)))
        .returning();
      return row;
    },
    async recordRead(row: typeof consentReads.$inferInsert): Promise<void> {
      await orm.insert(consentReads).values(row);
    },
    /** Who read the enterprise's data, newest first; the cursor is the last (readAt, id). */
    async reads(options: { enterpriseId: string; after?: { readAt: Date; id: string }; limit: number }) {
      const after = options.after;
      return orm
        .select({ read: consentReads, readerName: organisations.nameZh })
        .from(consentReads)
        .innerJoin(organisations, eq(organisations.id, consentReads.readerOrganisationId))
        .where(
          and(
            eq(consentReads.enterpriseId, options.enterpriseId),
            after ? or(lt(consentReads.readAt, after.readAt), and(eq(consentReads.readAt, after.readAt), lt(consentReads.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(consentReads.readAt), desc(consentReads.id))
        .limit(options.limit);
    },
    async insertAssignment(row: typeof verifierAssignments.$inferInsert): Promise<AssignmentRow> {
      const [created] = await orm.insert(verifierAssignments).values(row).returning();
      return created!;
    },
    async assignmentsFor(options: { enterpriseId?: string; verifierId?: string }): Promise<AssignmentRow[]> {
      return orm
        .select()
        .from(verifierAssignments)
        .where(
          and(
            options.enterpriseId ? eq(verifierAssignments.enterpriseId, options.enterpriseId) : undefined,
            options.verifierId ? eq(verifierAssignments.verifierId, options.verifierId) : undefined,
          ),
        )
        .orderBy(desc(verifierAssignments.createdAt));
    },
  };
}
export type ConsentRepository = ReturnType<typeof consentRepository>;
