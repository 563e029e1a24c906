/** Drizzle mirror of areas and organisations (migrations/0001_foundation.sql is the source of truth). */
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const areas = pgTable('areas', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  parentId: text('parent_id'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  adminCode: text('admin_code'),
  adminCodeStatus: text('admin_code_status'),
});

export const organisations = pgTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    bankLevel: text('bank_level'),
    parentId: text('parent_id'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    uscc: text('uscc').unique(),
    areaId: text('area_id').notNull(),
    sector: text('sector'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('organisations_type_id_idx').on(t.type, t.id), index('organisations_area_id_idx').on(t.areaId, t.id)],
);
