/** Reads and writes of areas and organisations. Keyset pages are ordered by id. */
import { and, asc, eq, gt, ilike, or, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { areas, organisations } from './schema.ts';

export type OrganisationRow = typeof organisations.$inferSelect;
export type NewOrganisationRow = typeof organisations.$inferInsert;
export type AreaRow = typeof areas.$inferSelect;

export interface OrganisationFilter {
  type?: string;
  areaId?: string;
  parentId?: string;
  q?: string;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function organisationRepository(orm: Orm) {
  return {
    async list(options: { filter: OrganisationFilter; afterId?: string; limit: number }): Promise<OrganisationRow[]> {
      const { filter } = options;
      const pattern = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
      return orm
        .select()
        .from(organisations)
        .where(
          and(
            filter.type ? eq(organisations.type, filter.type) : undefined,
            filter.areaId ? eq(organisations.areaId, filter.areaId) : undefined,
            filter.parentId ? eq(organisations.parentId, filter.parentId) : undefined,
            pattern ? or(ilike(organisations.nameZh, pattern), ilike(organisations.nameEn, pattern), ilike(organisations.uscc, pattern)) : undefined,
            options.afterId ? gt(organisations.id, options.afterId) : undefined,
          ),
        )
        .orderBy(asc(organisations.id))
        .limit(options.limit);
    },

    async get(id: string): Promise<OrganisationRow | undefined> {
      const [row] = await orm.select().from(organisations).where(eq(organisations.id, id));
      return row;
    },

    async insert(row: NewOrganisationRow): Promise<OrganisationRow> {
      const [created] = await orm.insert(organisations).values(row).returning();
      return created!;
    },

    /** Applies `patch` only if the stored version is `version`; undefined when it is not (or no row). */
    async update(options: { id: string; version: number; patch: Partial<NewOrganisationRow>; now: Date }): Promise<OrganisationRow | undefined> {
      const [row] = await orm
        .update(organisations)
        .set({ ...options.patch, version: sql`${organisations.version} + 1`, updatedAt: options.now })
        .where(and(eq(organisations.id, options.id), eq(organisations.version, options.version)))
        .returning();
      return row;
    },

    /** Seed upsert: inserts missing organisations, leaves existing ones (and users' edits) alone. */
    async insertMissing(rows: NewOrganisationRow[]): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await orm.insert(organisations).values(rows).onConflictDoNothing({ target: organisations.id }).returning({ id: organisations.id });
      return inserted.length;
    },

    async count(): Promise<number> {
      const [row] = await orm.select({ n: sql<string>`count(*)` }).from(organisations);
      return Number(row?.n ?? 0);
    },

    async listAreas(): Promise<AreaRow[]> {
      return orm.select().from(areas).orderBy(asc(areas.id));
    },

    async getArea(id: string): Promise<AreaRow | undefined> {
      const [row] = await orm.select().from(areas).where(eq(areas.id, id));
      return row;
    },

    /** Reference areas are kept in step with the shipped reference data (names, codes, statuses). */
    async upsertAreas(rows: AreaRow[]): Promise<void> {
      if (rows.length === 0) return;
      await orm
        .insert(areas)
        .values(rows)
        .onConflictDoUpdate({
          target: areas.id,
          set: {
            type: sql`excluded.type`,
            parentId: sql`excluded.parent_id`,
            nameZh: sql`excluded.name_zh`,
            nameEn: sql`excluded.name_en`,
            adminCode: sql`excluded.admin_code`,
            adminCodeStatus: sql`excluded.admin_code_status`,
          },
        });
    },
  };
}
export type OrganisationRepository = ReturnType<typeof organisationRepository>;
