/**
 * Keyset pagination contract: `limit` (1–200, default 50) and an opaque `cursor` in,
 * `{ items, nextCursor }` out. The cursor is base64url JSON of the last row's sort key; the server
 * validates its shape and answers INVALID_CURSOR when it does not decode.
 */
import { z } from '@hono/zod-openapi';

export const maxPageSize = 200;

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(50).openapi({ description: 'Page size, 1–200.', example: 50 }),
  cursor: z.string().max(512).optional().openapi({ description: 'Opaque cursor from the previous page’s nextCursor.' }),
});

export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as cursor to get the next page; null on the last page.' }),
  });
}
