/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key, checked against a zod
 * schema on the way back in so that a tampered or stale cursor is INVALID_CURSOR, not a 500.
 */
import type { z } from 'zod';
import { AppError } from './app-error.ts';
import { checkJsonShape } from './middleware.ts';

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const raw: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const parsed = schema.safeParse(raw);
    if (parsed.success && !checkJsonShape(raw)) return parsed.data;
  } catch {
    // fall through: not base64url JSON
  }
  throw new AppError('INVALID_CURSOR');
}

/** Splits a page fetched with limit + 1 rows into the page and the next cursor. */
export function pageOf<R, I>(options: { rows: R[]; limit: number; toItem: (r: R) => I; keyOf: (r: R) => unknown }): { items: I[]; nextCursor: string | null } {
  const more = options.rows.length > options.limit;
  const rows = more ? options.rows.slice(0, options.limit) : options.rows;
  const last = rows.at(-1);
  return { items: rows.map(options.toItem), nextCursor: more && last !== undefined ? encodeCursor(options.keyOf(last)) : null };
}
