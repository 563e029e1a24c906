/** Drizzle mirror of notifications and notification_reads (migrations/0004_notifications_webhooks.sql is the source of truth). */
import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const notifications = pgTable('notifications', {
  id: text('id').primaryKey(),
  recipientUserId: text('recipient_user_id'),
  recipientOrganisationId: text('recipient_organisation_id'),
  type: text('type').notNull(),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  bodyZh: text('body_zh').notNull(),
  bodyEn: text('body_en').notNull(),
  link: text('link'),
  createdAt: instant('created_at').notNull(),
});

export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: text('notification_id').notNull(),
    userId: text('user_id').notNull(),
    readAt: instant('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
