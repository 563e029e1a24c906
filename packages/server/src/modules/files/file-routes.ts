/**
 * /api/v1/files: upload a document to a record, read its metadata, download it, list a record's
 * files. Who may do what is decided by the record (file-access.ts); what a file is, by its bytes
 * (domain sniffFileType) — never by its name or declared type.
 *
 * An upload is an API write: it runs in the command's transaction with one audit entry
 * (modules/audit/command-audit.ts). The bytes go to the file store first, the row after, so a
 * committed row always names a stored blob; a request that fails after the store write leaves no
 * row, only an unreferenced blob (content-addressed: a later identical upload reuses it; a cleanup
 * job may delete unreferenced blobs).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { errorEnvelopeSchema, fileSchema, filePageSchema, fileReadQuerySchema, listFilesQuerySchema, uploadFileFieldsSchema, type FileMetadata } from '@cfp/contracts';
import { fileRepository, type FileRow } from '@cfp/db';
import { fileAttachmentTypes, fileMediaTypeList, sanitiseFileName, sniffFileType } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { idempotent } from '../../http/idempotency.ts';
import { errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { actorOf } from '../identity/authenticate.ts';
import { attachmentDisposition } from './content-disposition.ts';
import { fileAccess } from './file-access.ts';
import { BlobNotFoundError, localFileStore } from './file-store.ts';
import { multipartAllowanceBytes, readUpload } from './read-upload.ts';
import { auditCommand } from '../audit/command-audit.ts';

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const cursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string().max(64) });

/** The multipart body as OpenAPI describes it; read by readUpload, not by a body validator (which would buffer without a limit). */
const uploadBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        required: ['file', 'attachedToType', 'attachedToId'],
        additionalProperties: false,
        properties: {
          file: {
            type: 'string' as const,
            format: 'binary',
            description: `The document: xlsx, csv (UTF-8 or GB18030), pdf, png, jpeg, gif or webp, judged by its bytes. At most FILE_MAX_BYTES (default 20 MiB); the whole body may exceed it by ${multipartAllowanceBytes} bytes of form envelope.`,
          },
          attachedToType: { type: 'string' as const, enum: [...fileAttachmentTypes], description: 'The kind of record the file belongs to.' },
          attachedToId: { type: 'string' as const, pattern: '^[a-z0-9][a-z0-9_-]*$', maxLength: 64, description: 'The record’s id, e.g. ent-001.' },
        },
      },
    },
  },
};

const upload = createRoute({
  method: 'post',
  path: '/api/v1/files',
  tags: ['files'],
  summary: 'Upload a document to a record (multipart/form-data: file, attachedToType, attachedToId)',
  description:
    'The enterprise itself (officers, admins) uploads to `enterprise` records; an organisation’s admins to `organisation` records; platform admins to both. The type is found in the bytes; executables, HTML, SVG, zip archives, Word files and macro workbooks are refused whatever their name.',
  request: { headers: idempotencyHeaders, body: uploadBody },
  responses: {
    201: json(fileSchema, 'Stored (or replayed for a repeated Idempotency-Key)'),
    ...errorResponses.write,
    403: json(errorEnvelopeSchema, 'May see the record but not attach to it'),
    413: json(errorEnvelopeSchema, 'FILE_TOO_LARGE'),
    415: json(errorEnvelopeSchema, 'FILE_TYPE_NOT_ALLOWED (details.detectedType) or MULTIPART_REQUIRED'),
  },
});

const metadata = createRoute({
  method: 'get',
  path: '/api/v1/files/{id}',
  tags: ['files'],
  summary: 'A file’s metadata; readable by whoever may see the record it belongs to',
  request: { params: idParam, query: fileReadQuerySchema },
  responses: { 200: json(fileSchema, 'The file'), ...errorResponses.read },
});

const content = createRoute({
  method: 'get',
  path: '/api/v1/files/{id}/content',
  tags: ['files'],
  summary: 'Download a file (as an attachment, with its detected type and its SHA-256)',
  description:
    'Headers: `Content-Type` (the detected type; CSV with its charset), `Content-Disposition: attachment` with the name in `filename*` (UTF-8), `ETag: "<sha256 hex>"`, `Repr-Digest: sha-256=:<base64>:` (RFC 9530), `Cache-Control: private, no-store`, `X-Content-Type-Options: nosniff`.',
  request: { params: idParam, query: fileReadQuerySchema },
  responses: {
    200: { description: 'The bytes', content: Object.fromEntries(fileMediaTypeList.map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }])) },
    ...errorResponses.read,
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/files',
  tags: ['files'],
  summary: 'The files of one record, newest first',
  request: { query: listFilesQuerySchema },
  responses: { 200: json(filePageSchema, 'A page of files'), ...errorResponses.read, 403: json(errorEnvelopeSchema, 'No consent in force, or not entitled') },
});

export function toFileMetadata(row: FileRow): FileMetadata {
  return {
    id: row.id,
    sha256: row.sha256,
    sizeBytes: row.sizeBytes,
    contentType: row.detectedType as FileMetadata['contentType'],
    charset: row.charset as FileMetadata['charset'],
    originalName: row.originalName,
    uploadedBy: row.uploadedBy,
    organisationId: row.organisationId,
    attachedToType: row.attachedToType as FileMetadata['attachedToType'],
    attachedToId: row.attachedToId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function fileRoutes(platform: Platform) {
  const files = fileRepository(platform.db.orm);
  const access = fileAccess(platform);
  // Lazy: nothing touches the disk until the first upload or download.
  const store = localFileStore({ dir: platform.config.fileStoreDir });

  return new OpenAPIHono<AppEnv>()
    .openapi(upload, async (c) => {
      const actor = actorOf(c);
      const { file, fields } = await readUpload({ request: c.req.raw, maxFileBytes: platform.config.fileMaxBytes });
      const parsed = uploadFileFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        // The same details as every JSON body's (http/app.ts validationDetails), for the form's text fields.
        const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message, code: i.code }));
        throw new AppError('VALIDATION_FAILED', { fields });
      }
      const { attachedToType, attachedToId } = parsed.data;
      await access.mayAttach({ actor, attachedToType, attachedToId });

      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', message: 'the file is empty', code: 'too_small' }] });
      const sniffed = sniffFileType(bytes);
      if (!sniffed.allowed) throw new AppError('FILE_TYPE_NOT_ALLOWED', { detectedType: sniffed.detected, allowed: fileMediaTypeList });
      const originalName = sanitiseFileName({ name: file.name, type: sniffed.type });

      // The bytes first: a row is only ever committed for a blob that is stored.
      const blob = await store.put(bytes);
      // The command's transaction starts only now, with the bytes read, checked and stored.
      const result = await platform.db.inTransaction(async () => {
        const outcome = await idempotent({
          c,
          platform,
          scope: `POST /api/v1/files ${actor.userId}`,
          body: { sha256: blob.sha256, attachedToType, attachedToId, originalName },
          run: async () => {
            const row = await files.insert({
              id: randomUUID(),
              sha256: blob.sha256,
              sizeBytes: String(blob.size),
              detectedType: sniffed.mediaType,
              charset: sniffed.charset,
              originalName,
              uploadedBy: actor.userId,
              organisationId: actor.organisationId,
              attachedToType,
              attachedToId,
              createdAt: platform.clock.now(),
            });
            return { status: 201, body: toFileMetadata(row) };
          },
        });
        if (!outcome.replayed) await auditCommand({ c, platform, after: outcome.body });
        return outcome;
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body as FileMetadata, 201);
    })
    .openapi(metadata, async (c) => {
      const actor = actorOf(c);
      const row = await files.get(c.req.valid('param').id);
      if (!row) throw new AppError('NOT_FOUND');
      await access.mayReadFile({ c, actor, file: row, purpose: c.req.valid('query').purpose });
      return c.json(toFileMetadata(row), 200);
    })
    .openapi(content, async (c) => {
      const actor = actorOf(c);
      const row = await files.get(c.req.valid('param').id);
      if (!row) throw new AppError('NOT_FOUND');
      await access.mayReadFile({ c, actor, file: row, purpose: c.req.valid('query').purpose });
      c.header('Content-Type', row.charset ? `${row.detectedType}; charset=${row.charset}` : row.detectedType);
      c.header('Content-Length', row.sizeBytes);
      c.header('Content-Disposition', attachmentDisposition(row.originalName));
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Cache-Control', 'private, no-store');
      c.header('ETag', `"${row.sha256}"`);
      c.header('Repr-Digest', `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`);
      // Nothing in a download runs, even if a browser were to render it.
      c.header('Content-Security-Policy', "default-src 'none'; sandbox");
      const log = c.get('log') ?? platform.logger;
      const missing = () => log.error({ fileId: row.id, sha256: row.sha256 }, 'file store has no blob for a file row');
      // HEAD (Hono answers it with the GET route): the headers only; no blob is opened and left unread.
      if (c.req.raw.method === 'HEAD') {
        if (!(await store.exists(row.sha256))) {
          missing();
          throw new AppError('INTERNAL');
        }
        return c.body(null, 200);
      }
      let stream: Readable;
      try {
        stream = await store.get(row.sha256);
      } catch (error) {
        // A row without its blob: the store lost data (or is not mounted). Loud in the log, INTERNAL outside.
        if (error instanceof BlobNotFoundError) missing();
        throw error;
      }
      stream.on('error', (err) => log.error({ err, fileId: row.id, sha256: row.sha256 }, 'file download failed'));
      return c.body(Readable.toWeb(stream) as unknown as ReadableStream, 200);
    })
    .openapi(list, async (c) => {
      const actor = actorOf(c);
      const { attachedToType, attachedToId, purpose, limit, cursor } = c.req.valid('query');
      await access.mayReadRecord({ c, actor, attachedToType, attachedToId, purpose });
      const after = decodeCursor(cursor, cursorSchema);
      const rows = await files.listFor({ attachedToType, attachedToId, ...(after ? { after: { createdAt: new Date(after.createdAt), id: after.id } } : {}), limit: limit + 1 });
      return c.json(pageOf({ rows, limit, toItem: toFileMetadata, keyOf: (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }) }), 200);
    });
}
