/** Drizzle mirror of migrations/0002_identity.sql. */
import { boolean, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  roles: text('roles').array().notNull().default(['viewer']),
  areaId: text('area_id'),
  accountManager: boolean('account_manager').notNull().default(false),
  phoneEnc: text('phone_enc'),
  phoneIndex: text('phone_index'),
  realNameEnc: text('real_name_enc'),
  isDemo: boolean('is_demo').notNull().default(false),
  disabledAt: instant('disabled_at'),
  version: integer('version').notNull().default(1),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  lastSeenAt: instant('last_seen_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  revokedAt: instant('revoked_at'),
});

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  scopes: text('scopes').array().notNull().default([]),
  expiresAt: instant('expires_at').notNull(),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
  lastUsedAt: instant('last_used_at'),
  revokedAt: instant('revoked_at'),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: instant('blocked_until'),
  updatedAt: instant('updated_at').notNull(),
});

export const consents = pgTable('consents', {
  id: text('id').primaryKey(),
  enterpriseId: text('enterprise_id').notNull(),
  granteeId: text('grantee_id').notNull(),
  dataScopes: text('data_scopes').array().notNull(),
  purpose: text('purpose').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }).notNull(),
  grantedBy: text('granted_by'),
  grantedAt: instant('granted_at').notNull(),
  revokedAt: instant('revoked_at'),
  revokedBy: text('revoked_by'),
  version: integer('version').notNull().default(1),
});

export const consentReads = pgTable('consent_reads', {
  id: text('id').primaryKey(),
  consentId: text('consent_id').notNull(),
  enterpriseId: text('enterprise_id').notNull(),
  readerUserId: text('reader_user_id'),
  readerOrganisationId: text('reader_organisation_id').notNull(),
  dataScope: text('data_scope').notNull(),
  purpose: text('purpose').notNull(),
  requestId: text('request_id'),
  readAt: instant('read_at').notNull(),
  /** What was read beyond the data scope: null, or e.g. carbon_account_report (migration 0008). */
  resource: text('resource'),
});

export const verifierAssignments = pgTable('verifier_assignments', {
  id: text('id').primaryKey(),
  verifierId: text('verifier_id').notNull(),
  enterpriseId: text('enterprise_id').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }).notNull(),
  assignedBy: text('assigned_by'),
  createdAt: instant('created_at').notNull(),
  revokedAt: instant('revoked_at'),
});
