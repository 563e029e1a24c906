/** Drizzle mirror of jobs (migrations/0001_foundation.sql is the source of truth). */
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const jobs = pgTable('jobs', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  progress: integer('progress').notNull().default(0),
  message: text('message'),
  params: jsonb('params').notNull().default({}),
  checkpoint: jsonb('checkpoint'),
  result: jsonb('result'),
  error: jsonb('error'),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(3),
  owner: text('owner'),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdBy: text('created_by'),
  organisationId: text('organisation_id'),
});
