/**
 * File contracts: an uploaded file's metadata, the list of a record's files, and the form fields
 * of an upload. The upload itself is multipart/form-data (a `file` part and these fields); the
 * server reads it with a size limit and checks the bytes' real type (domain/files).
 */
import { z } from '@hono/zod-openapi';
import { consentPurposes, csvCharsets, fileAttachmentTypes, fileMediaTypeList } from '@cfp/domain';
import { idSchema, instantSchema } from '../common/scalars.ts';
import { pageQuerySchema, pageSchema } from '../common/pagination.ts';

export const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .openapi({ description: 'SHA-256 of the bytes, lowercase hex.', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });

const attachedToTypeSchema = z.enum(fileAttachmentTypes).openapi({ description: 'The kind of record the file belongs to; it decides who may read and upload.' });

export const fileSchema = z
  .object({
    id: z.uuid(),
    sha256: sha256Schema,
    sizeBytes: z
      .string()
      .regex(/^[1-9]\d*$/)
      .openapi({ description: 'Size in bytes, as a decimal string.', example: '52317' }),
    contentType: z.enum(fileMediaTypeList).openapi({ description: 'The type found in the bytes, never the name or the declared type.' }),
    charset: z.enum(csvCharsets).nullable().openapi({ description: 'text/csv only: the encoding found (utf-8, or gb18030 for GBK files from Excel on Chinese Windows).' }),
    originalName: z.string().openapi({ description: 'The uploaded name, sanitised; ends with an extension of the real type.', example: '2024年能耗数据.xlsx' }),
    uploadedBy: z.string().openapi({ description: 'User id of the uploader.' }),
    organisationId: z.string().openapi({ description: 'The uploader’s organisation.' }),
    attachedToType: attachedToTypeSchema,
    attachedToId: z.string(),
    createdAt: instantSchema,
  })
  .openapi('File');
export type FileMetadata = z.infer<typeof fileSchema>;
export const filePageSchema = pageSchema(fileSchema).openapi('FilePage');

/** The text fields of an upload (multipart/form-data, beside the `file` part); no other fields. */
export const uploadFileFieldsSchema = z
  .strictObject({
    attachedToType: attachedToTypeSchema,
    attachedToId: idSchema.openapi({ description: 'The record’s id, e.g. ent-001 for an enterprise.' }),
  })
  .openapi('UploadFileFields');

const purposeSchema = z
  .enum(consentPurposes)
  .optional()
  .openapi({ description: 'Banks, insurers and guarantors reading an enterprise’s files: the purpose of their consent (the read is logged for the enterprise).' });

export const fileReadQuerySchema = z.object({ purpose: purposeSchema });

export const listFilesQuerySchema = pageQuerySchema.extend({
  attachedToType: attachedToTypeSchema,
  attachedToId: idSchema,
  purpose: purposeSchema,
});
