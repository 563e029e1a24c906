/** Shared scalar schemas: ids, decimals as strings, business dates, instants. */
import { z } from '@hono/zod-openapi';

/** Readable stable ids (`ent-001`, `bank-taiyue-zoucheng`) or UUIDs for records created at run time. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _')
  .openapi({ example: 'ent-001' });

/** Exact decimal quantity as a string (tonnes, tce, CNY…); never a JSON number. */
export const decimalSchema = z
  .string()
  .regex(/^-?\d{1,20}(\.\d{1,10})?$/, 'a decimal number written as a string, e.g. "12.50"')
  .openapi({ example: '12.50' });

/** Business date in Asia/Shanghai, `YYYY-MM-DD`. */
export const businessDateSchema = z.iso.date().openapi({ example: '2024-06-30' });

/** Instant, ISO 8601 UTC. */
export const instantSchema = z.iso.datetime({ offset: true }).openapi({ example: '2024-06-30T08:00:00.000Z' });

/** Optimistic concurrency: every update carries the version it read. */
export const versionSchema = z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409 VERSION_CONFLICT.', example: 1 });
