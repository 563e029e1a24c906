/**
 * The in-app inbox. A user sees the notifications addressed to them and to their organisation
 * (members only: not the offices above or below it); read state is per user, so each member of an
 * organisation reads its notifications on their own.
 */
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { notificationReads, notifications } from './schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export interface InboxItem {
  notification: NotificationRow;
  /** When this user read it; null: unread. */
  readAt: Date | null;
}
export interface InboxOwner {
  userId: string;
  organisationId: string;
}

const addressedTo = (owner: InboxOwner): SQL => or(eq(notifications.recipientUserId, owner.userId), eq(notifications.recipientOrganisationId, owner.organisationId))!;

export function notificationRepository(orm: Orm) {
  const withReadState = (owner: InboxOwner) =>
    orm
      .select({ notification: notifications, readAt: notificationReads.readAt })
      .from(notifications)
      .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, owner.userId)));

  return {
    async insert(row: typeof notifications.$inferInsert): Promise<NotificationRow> {
      const [created] = await orm.insert(notifications).values(row).returning();
      return created!;
    },

    /** Newest first; the cursor is the last row's (createdAt, id). */
    async inbox(options: InboxOwner & { unreadOnly: boolean; after?: { createdAt: Date; id: string }; limit: number }): Promise<InboxItem[]> {
      const after = options.after;
      return withReadState(options)
        .where(
          and(
            addressedTo(options),
            options.unreadOnly ? isNull(notificationReads.readAt) : undefined,
            after ? or(lt(notifications.createdAt, after.createdAt), and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(options.limit);
    },

    /** One notification, if it is in this user's inbox. */
    async inInbox(options: InboxOwner & { id: string }): Promise<InboxItem | undefined> {
      const [row] = await withReadState(options).where(and(eq(notifications.id, options.id), addressedTo(options)));
      return row;
    },

    async unreadCount(owner: InboxOwner): Promise<number> {
      const [row] = await orm
        .select({ n: sql<string>`count(*)` })
        .from(notifications)
        .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, owner.userId)))
        .where(and(addressedTo(owner), isNull(notificationReads.readAt)));
      return Number(row?.n ?? 0);
    },

    /** Marks one notification read for this user; a second call keeps the first time. Returns when it was read. */
    async markRead(options: { notificationId: string; userId: string; now: Date }): Promise<Date> {
      await orm.insert(notificationReads).values({ notificationId: options.notificationId, userId: options.userId, readAt: options.now }).onConflictDoNothing();
      const [row] = await orm
        .select({ readAt: notificationReads.readAt })
        .from(notificationReads)
        .where(and(eq(notificationReads.notificationId, options.notificationId), eq(notificationReads.userId, options.userId)));
      return row!.readAt;
    },

    /** Marks every unread notification of the inbox read; returns how many. */
    async markAllRead(options: InboxOwner & { now: Date }): Promise<number> {
      const result = (await orm.execute(sql`
        with marked as (
          insert into notification_reads (notification_id, user_id, read_at)
          select n.id, ${options.userId}, ${options.now.toISOString()}::timestamptz
          from notifications n
          where (n.recipient_user_id = ${options.userId} or n.recipient_organisation_id = ${options.organisationId})
            and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = ${options.userId})
          on conflict do nothing
          returning 1)
        select count(*) as n from marked`)) as unknown as { rows: Array<{ n: string }> };
      return Number(result.rows[0]?.n ?? 0);
    },
  };
}
export type NotificationRepository = ReturnType<typeof notificationRepository>;
