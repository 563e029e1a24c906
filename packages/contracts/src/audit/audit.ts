/** The audit trail as admins and regulators browse it: hash-chained entries and the chain head. */
import { z } from '@hono/zod-openapi';
import { hashAlgorithms } from '@cfp/domain';
import { instantSchema } from '../common/scalars.ts';
import { pageQuerySchema, pageSchema } from '../common/pagination.ts';

const hexHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .openapi({ description: '256-bit hash, lowercase hex.', example: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778' });
const seqSchema = z
  .string()
  .regex(/^[1-9][0-9]*$/)
  .openapi({ description: 'Position in the chain, 1, 2, 3… (int8 as a string).', example: '42' });
/** Ids of users, organisations and targets as other modules write them (readable ids or UUIDs). */
const refSchema = z.string().min(1).max(128);
const actionSchema = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/, 'dotted lowercase segments, e.g. organisation.create')
  .openapi({ example: 'organisation.create' });

export const auditEntrySchema = z
  .object({
    seq: seqSchema,
    at: instantSchema.openapi({ description: 'When the command happened. Hashed as its milliseconds since the Unix epoch (a JSON number).' }),
    actorUserId: z.string().nullable(),
    actorOrganisationId: z.string().nullable(),
    action: z.string().openapi({ example: 'organisation.create' }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    beforeDigest: hexHashSchema.nullable().openapi({ description: 'Hash of the RFC 8785 canonical JSON of the state before; null for a creation.' }),
    afterDigest: hexHashSchema.nullable().openapi({ description: 'Hash of the RFC 8785 canonical JSON of the state after; null for a deletion.' }),
    requestId: z.string().nullable(),
    algorithm: z.enum(hashAlgorithms).openapi({ description: 'Hash algorithm of this entry and its digests.' }),
    prevHash: hexHashSchema.openapi({ description: 'The previous entry’s hash; 64 zeros for entry 1.' }),
    hash: hexHashSchema.openapi({
      description: 'H(RFC 8785 canonical JSON of every other field, with `at` in ms), H = `algorithm`. `cfp audit verify` recomputes the chain.',
    }),
  })
  .openapi('AuditEntry');
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const listAuditQuerySchema = pageQuerySchema.extend({
  actorUserId: refSchema.optional(),
  actorOrganisationId: refSchema.optional(),
  action: actionSchema.optional().openapi({ description: 'An action or a prefix of whole segments: `organisation` matches `organisation.create` and `organisation.update`.' }),
  targetType: refSchema.optional(),
  targetId: refSchema.optional(),
  from: instantSchema.optional().openapi({ description: 'Entries at or after this instant.' }),
  to: instantSchema.optional().openapi({ description: 'Entries before this instant.' }),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;
export const auditPageSchema = pageSchema(auditEntrySchema).openapi('AuditPage');

export const auditChainHeadSchema = z
  .object({ seq: seqSchema, hash: hexHashSchema, algorithm: z.enum(hashAlgorithms), at: instantSchema })
  .openapi('AuditChainHead', { description: 'The newest entry of the chain.' });

export const auditExportedHeadSchema = z
  .object({ seq: seqSchema, hash: hexHashSchema, algorithm: z.enum(hashAlgorithms), exportedAt: instantSchema })
  .openapi('AuditExportedHead', { description: 'A head as exported on the schedule: a later chain must still reach it, unchanged.' });

export const auditHeadSchema = z
  .object({
    head: auditChainHeadSchema.nullable().openapi({ description: 'null while the trail is empty.' }),
    exported: auditExportedHeadSchema.nullable().openapi({ description: 'The newest exported head; null before the first export.' }),
  })
  .openapi('AuditHead');
export type AuditHeadView = z.infer<typeof auditHeadSchema>;
