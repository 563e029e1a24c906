/**
 * Reference-library contracts: the versioned factor records the accounting and label engines read
 * (listing with the status of every value, so users see which are unconfirmed), one record's
 * versions, and an administrator's publication of a new version (an override from a document, or
 * the confirmation of an unverified value).
 */
import { z } from '@hono/zod-openapi';
import { referenceKinds, referenceStatuses } from '@cfp/domain';
import { businessDateSchema, instantSchema } from '../common/scalars.ts';

export const referenceKindSchema = z.enum(referenceKinds).openapi({ description: 'Kind of record.', example: 'electricity_factor' });
export const referenceStatusSchema = z.enum(referenceStatuses).openapi({
  description: 'verified: checked against the primary source; secondary: from a reliable secondary source; unverified: used, but every result that depends on it is provisional (暂定); design: a platform choice.',
  example: 'secondary',
});
const referenceIdSchema = z
  .string()
  .regex(/^[a-z0-9_]{1,64}$/)
  .openapi({ example: 'cn_shandong_2022' });
/** A factor value as published: a plain decimal string (benchmarks may be negative). */
const factorValueSchema = z
  .string()
  .regex(/^-?\d{1,12}(\.\d{1,12})?$/, 'a plain decimal written as a string, e.g. "0.5703"')
  .openapi({ example: '0.5703' });

const rowSummarySchema = z.object({
  id: z.string(),
  nameZh: z.string().nullable(),
  status: referenceStatusSchema,
  version: z.number().int(),
  values: z.record(z.string(), z.string().nullable()),
});

export const referenceRecordSummarySchema = z
  .object({
    kind: referenceKindSchema,
    id: z.string(),
    version: z.number().int().openapi({ description: 'The version in effect today (what a calculation without a pinned version uses).' }),
    latestVersion: z.number().int().openapi({ description: 'The highest version, possibly effective later.' }),
    ref: z.string().openapi({ description: '`<id>@<version>` as calculations report it.', example: 'cn_shandong_2022@1' }),
    status: referenceStatusSchema,
    unconfirmed: z.boolean().openapi({ description: 'True when this value or one of its rows is not verified against its primary source.' }),
    provisional: z.boolean().openapi({ description: 'True when a result using it is marked provisional (暂定): the value or a row is unverified.' }),
    nameZh: z.string().nullable(),
    nameEn: z.string().nullable(),
    unit: z.string().nullable(),
    values: z.record(z.string(), z.string().nullable()).openapi({ description: 'The values calculations use, as decimal strings.' }),
    rows: z.array(rowSummarySchema).optional().openapi({ description: 'Fuel factor sets: the fuels with their own status.' }),
    source: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    origin: z.enum(['shipped', 'published']),
    effectiveFrom: businessDateSchema.nullable(),
    publishedAt: instantSchema,
  })
  .openapi('ReferenceRecordSummary');
export type ReferenceRecordSummary = z.infer<typeof referenceRecordSummarySchema>;

export const referenceRecordListSchema = z.object({ items: z.array(referenceRecordSummarySchema), revision: z.string() }).openapi('ReferenceRecordList');

export const listReferenceRecordsQuerySchema = z.object({
  kind: referenceKindSchema.optional(),
  status: referenceStatusSchema.optional(),
  unconfirmed: z.enum(['true', 'false']).optional().openapi({ description: 'true: only records with a value that is not verified.' }),
  q: z.string().max(64).optional().openapi({ description: 'Part of the id or name.' }),
});

export const referenceRecordVersionSchema = z
  .object({
    kind: referenceKindSchema,
    id: z.string(),
    version: z.number().int(),
    ref: z.string(),
    status: referenceStatusSchema,
    origin: z.enum(['shipped', 'published']),
    effectiveFrom: businessDateSchema.nullable(),
    publishedAt: instantSchema,
    publishedBy: z.string().nullable(),
    body: z.record(z.string(), z.unknown()).openapi({ description: 'The record as stored: names, source, values as decimal strings, and for a publication what changed and why.' }),
  })
  .openapi('ReferenceRecordVersion');
export type ReferenceRecordVersion = z.infer<typeof referenceRecordVersionSchema>;
export const referenceRecordVersionsSchema = z.object({ kind: referenceKindSchema, id: z.string(), inEffect: z.number().int(), items: z.array(referenceRecordVersionSchema) }).openapi('ReferenceRecordVersions');

export const referenceRecordParamsSchema = z.object({
  kind: referenceKindSchema.openapi({ param: { name: 'kind', in: 'path' } }),
  id: referenceIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const publishReferenceVersionSchema = z
  .strictObject({
    row: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/)
      .optional()
      .openapi({ description: 'Fuel factor sets: the fuel; GWP sets: the gas (CH4).', example: 'anthracite' }),
    values: z
      .record(z.string().max(40), factorValueSchema.nullable())
      .optional()
      .openapi({ description: 'New values (e.g. {"valueTco2PerMwh": "0.6205"}); omit to confirm the current values as they are.' }),
    status: referenceStatusSchema,
    source: z.string().trim().min(4).max(500).openapi({ description: 'The document: title, issuer, number, date.', example: '生态环境部 国家统计局 关于发布2023年电力二氧化碳排放因子的公告' }),
    sourceUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
    effectiveFrom: businessDateSchema.optional().openapi({ description: 'From this date the new version is the default (absent: at once).' }),
    note: z.string().trim().max(1000).optional(),
    evidenceFileId: z.uuid().optional().openapi({ description: 'An uploaded copy of the document.' }),
    expectedVersion: z.number().int().min(1).openapi({ description: 'The latest version you saw; another publication in between is 409 VERSION_CONFLICT.', example: 1 }),
  })
  .openapi('PublishReferenceVersion');
export type PublishReferenceVersion = z.infer<typeof publishReferenceVersionSchema>;
