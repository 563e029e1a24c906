/** Drizzle mirror of webhook_endpoints, webhook_events and webhook_deliveries (migrations/0004_notifications_webhooks.sql is the source of truth). */
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  description: text('description'),
  secretEnc: text('secret_enc').notNull(),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
  disabledAt: instant('disabled_at'),
  disabledBy: text('disabled_by'),
  version: integer('version').notNull().default(1),
});

export const webhookEvents = pgTable('webhook_events', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: text('id').primaryKey(),
  eventId: text('event_id').notNull(),
  endpointId: text('endpoint_id').notNull(),
  organisationId: text('organisation_id').notNull(),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: instant('next_attempt_at'),
  claimToken: text('claim_token'),
  firstAttemptAt: instant('first_attempt_at'),
  lastAttemptAt: instant('last_attempt_at'),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  deliveredAt: instant('delivered_at'),
  deadAt: instant('dead_at'),
  createdAt: instant('created_at').notNull(),
});
