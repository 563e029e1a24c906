/** OpenAPI response entries shared by every route: the error envelope under each status it can carry. */
import { z } from '@hono/zod-openapi';
import { errorEnvelopeSchema } from '@cfp/contracts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: errorEnvelopeSchema } } });

export const errorResponses = {
  read: { 400: err('Invalid query or cursor'), 404: err('Not found'), 429: err('Rate limited'), 500: err('Internal error') },
  write: {
    400: err('Invalid body (VALIDATION_FAILED, MALFORMED_JSON) or Idempotency-Key'),
    404: err('Not found'),
    409: err('VERSION_CONFLICT, ALREADY_EXISTS or IDEMPOTENCY_IN_PROGRESS'),
    413: err('Body too large'),
    415: err('Not application/json'),
    422: err('IDEMPOTENCY_KEY_REUSED'),
    429: err('Rate limited'),
    500: err('Internal error'),
  },
} as const;

/** Request headers of creating writes: documented here, checked by http/idempotency.ts. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Optional, 1–200 visible ASCII characters. A repeat within 24 h replays the first response; the same key with another body is 422.' }),
});

/** A JSON response entry for a route's `responses`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A required JSON request body for a route's `request`. */
export const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
