/** Drizzle mirror of the supervision tables (migrations/0009_supervision.sql is the source of truth). */
import { boolean, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface StoredPlanAgency {
  name: string;
  organisationId: string | null;
}
export interface StoredContribution {
  organisationId: string;
  text: string;
  at: string;
}
export interface StoredReview {
  by: string;
  at: string;
  decision: 'returned' | 'accepted';
  comment: string | null;
}

export const supervisionPlans = pgTable('supervision_plans', {
  id: text('id').primaryKey(),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  issuer: text('issuer').notNull(),
  documentNumber: text('document_number'),
  issued: date('issued', { mode: 'string' }),
  targets: jsonb('targets').$type<Array<{ year: number; text: string }>>().notNull(),
  groups: jsonb('groups').$type<Array<{ name: string; order: number; taskCount: number }>>().notNull(),
  source: jsonb('source').$type<unknown>().notNull(),
  fullText: text('full_text'),
  unmappedAgencies: jsonb('unmapped_agencies').$type<string[]>().notNull(),
  isCurrent: boolean('is_current').notNull(),
  loadedAt: instant('loaded_at').notNull(),
  loadedBy: text('loaded_by'),
});

export const supervisionTasks = pgTable(
  'supervision_tasks',
  {
    planId: text('plan_id').notNull(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    groupName: text('group_name').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    deadlineText: text('deadline_text'),
    dueYear: integer('due_year'),
    leads: jsonb('leads').$type<StoredPlanAgency[]>().notNull(),
    partners: jsonb('partners').$type<StoredPlanAgency[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.code] })],
);

export const supervisionMilestones = pgTable('supervision_milestones', {
  id: text('id').primaryKey(),
  planId: text('plan_id').notNull(),
  taskCode: text('task_code').notNull(),
  title: text('title').notNull(),
  ownerOrganisationId: text('owner_organisation_id').notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  doneAt: instant('done_at'),
  doneNote: text('done_note'),
  evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull(),
  version: integer('version').notNull().default(1),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const supervisionIndicators = pgTable('supervision_indicators', {
  id: text('id').primaryKey(),
  planId: text('plan_id').notNull(),
  taskCode: text('task_code').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en'),
  unit: text('unit').notNull(),
  kind: text('kind').notNull(),
  metric: text('metric'),
  target: numeric('target', { mode: 'string' }),
  ownerOrganisationId: text('owner_organisation_id'),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
});

export const supervisionIndicatorValues = pgTable(
  'supervision_indicator_values',
  {
    indicatorId: text('indicator_id').notNull(),
    period: text('period').notNull(),
    source: text('source').notNull(),
    value: text('value').notNull(),
    detail: jsonb('detail').$type<Record<string, string> | null>(),
    enteredBy: text('entered_by'),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull(),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.period, t.source] })],
);

export const supervisionReports = pgTable('supervision_reports', {
  id: text('id').primaryKey(),
  planId: text('plan_id').notNull(),
  taskCode: text('task_code').notNull(),
  period: text('period').notNull(),
  organisationId: text('organisation_id').notNull(),
  status: text('status').notNull(),
  claimedStatus: text('claimed_status').notNull(),
  narrative: text('narrative').notNull(),
  indicatorValues: jsonb('indicator_values').$type<Array<{ indicatorId: string; value: string }>>().notNull(),
  evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull(),
  contributions: jsonb('contributions').$type<StoredContribution[]>().notNull(),
  review: jsonb('review').$type<StoredReview | null>(),
  submittedAt: instant('submitted_at'),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  version: integer('version').notNull().default(1),
});

export const supervisionReminders = pgTable(
  'supervision_reminders',
  {
    kind: text('kind').notNull(),
    itemKey: text('item_key').notNull(),
    organisationId: text('organisation_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    notificationId: text('notification_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.itemKey, t.organisationId, t.day] })],
);
