/** PostgreSQL error codes the services turn into API answers; Drizzle wraps the driver's error in `cause`. */

/** 23505 unique_violation, optionally of one constraint (by part of its name). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pg = e.cause ?? e;
  return pg.code === '23505' && (constraint === undefined || (pg.constraint ?? '').includes(constraint));
}
