/** Users, sessions, API tokens and login throttling. */
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { apiTokens, loginThrottle, sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;
export interface OrganisationPathRow {
  id: string;
  type: string;
  areaId: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  bankLevel: string | null;
}

export function identityRepository(orm: Orm) {
  return {
    async userByUsername(username: string): Promise<UserRow | undefined> {
      const [row] = await orm.select().from(users).where(eq(users.username, username));
      return row;
    },
    async userById(id: string): Promise<UserRow | undefined> {
      const [row] = await orm.select().from(users).where(eq(users.id, id));
      return row;
    },
    async usersOf(options: { organisationId: string; afterId?: string; limit: number }): Promise<UserRow[]> {
      return orm
        .select()
        .from(users)
        .where(and(eq(users.organisationId, options.organisationId), options.afterId ? gt(users.id, options.afterId) : undefined))
        .orderBy(asc(users.id))
        .limit(options.limit);
    },
    async insertUser(row: NewUserRow): Promise<UserRow> {
      const [created] = await orm.insert(users).values(row).returning();
      return created!;
    },
    async insertMissingUsers(rows: NewUserRow[]): Promise<number> {
      if (rows.length === 0) return 0;
      return (await orm.insert(users).values(rows).onConflictDoNothing().returning({ id: users.id })).length;
    },

    /** The organisation, then its ancestors, nearest first: one recursive query (bounded depth). */
    async organisationPath(organisationId: string): Promise<OrganisationPathRow[]> {
      const result = (await orm.execute(sql`
        with recursive path as (
          select id, type, area_id, parent_id, name_zh, name_en, bank_level, 0 as depth from organisations where id = ${organisationId}
          union all
          select o.id, o.type, o.area_id, o.parent_id, o.name_zh, o.name_en, o.bank_level, path.depth + 1
          from organisations o join path on o.id = path.parent_id where path.depth < 16
        )
        select id, type, area_id, parent_id, name_zh, name_en, bank_level from path order by depth`)) as unknown as { rows: Array<Record<string, string | null>> };
      return result.rows.map((r) => ({
        id: r.id!,
        type: r.type!,
        areaId: r.area_id!,
        parentId: r.parent_id ?? null,
        nameZh: r.name_zh!,
        nameEn: r.name_en ?? '',
        bankLevel: r.bank_level ?? null,
      }));
    },

    async insertSession(row: typeof sessions.$inferInsert): Promise<void> {
      await orm.insert(sessions).values(row);
    },
    /** A live session (not revoked, not expired) with its user. */
    /** A live session and its (enabled) user, in one query. */
    async liveSessionWithUser(options: { id: string; now: Date }): Promise<{ session: SessionRow; user: UserRow } | undefined> {
      const [row] = await orm
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, options.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, options.now), isNull(users.disabledAt)));
      return row;
    },
    async liveSession(options: { id: string; now: Date }): Promise<SessionRow | undefined> {
      const [row] = await orm
        .select()
        .from(sessions)
        .where(and(eq(sessions.id, options.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, options.now)));
      return row;
    },
    async touchSession(options: { id: string; now: Date }): Promise<void> {
      await orm.update(sessions).set({ lastSeenAt: options.now }).where(eq(sessions.id, options.id));
    },
    async revokeSession(options: { id: string; now: Date }): Promise<void> {
      await orm
        .update(sessions)
        .set({ revokedAt: options.now })
        .where(and(eq(sessions.id, options.id), isNull(sessions.revokedAt)));
    },

    async insertToken(row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
      const [created] = await orm.insert(apiTokens).values(row).returning();
      return created!;
    },
    /** A live token and its (enabled) user, in one query: the whole cost of a bearer check. */
    async liveTokenWithUser(options: { tokenHash: string; now: Date }): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
      const [row] = await orm
        .select({ token: apiTokens, user: users })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(and(eq(apiTokens.tokenHash, options.tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, options.now), isNull(users.disabledAt)));
      return row;
    },
    async liveTokenByHash(options: { tokenHash: string; now: Date }): Promise<ApiTokenRow | undefined> {
      const [row] = await orm
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, options.tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, options.now)));
      return row;
    },
    async touchToken(options: { id: string; now: Date }): Promise<void> {
      await orm.update(apiTokens).set({ lastUsedAt: options.now }).where(eq(apiTokens.id, options.id));
    },
    async tokensOfUsers(userIds: string[]): Promise<ApiTokenRow[]> {
      if (userIds.length === 0) return [];
      return orm.select().from(apiTokens).where(inArray(apiTokens.userId, userIds)).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
    },
    async tokenById(id: string): Promise<ApiTokenRow | undefined> {
      const [row] = await orm.select().from(apiTokens).where(eq(apiTokens.id, id));
      return row;
    },
    async revokeToken(options: { id: string; now: Date }): Promise<void> {
      await orm
        .update(apiTokens)
        .set({ revokedAt: options.now })
        .where(and(eq(apiTokens.id, options.id), isNull(apiTokens.revokedAt)));
    },

    async throttle(keys: string[]): Promise<ThrottleRow[]> {
      return orm.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
    },
    /** Counts one more failure and sets the block that the backoff calls for. */
    async recordFailure(options: { key: string; now: Date; blockFor: (failures: number) => number }): Promise<void> {
      const [row] = await orm
        .insert(loginThrottle)
        .values({ key: options.key, failures: 1, updatedAt: options.now })
        .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: options.now } })
        .returning();
      const ms = options.blockFor(row!.failures);
      if (ms > 0)
        await orm
          .update(loginThrottle)
          .set({ blockedUntil: new Date(options.now.getTime() + ms) })
          .where(eq(loginThrottle.key, options.key));
    },
    async clearFailures(key: string): Promise<void> {
      await orm.delete(loginThrottle).where(eq(loginThrottle.key, key));
    },
  };
}
export type IdentityRepository = ReturnType<typeof identityRepository>;
