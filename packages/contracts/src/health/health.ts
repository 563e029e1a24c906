/** Liveness and readiness. Ready means: the database answers and every migration is applied. */
import { z } from '@hono/zod-openapi';

export const liveSchema = z.object({ status: z.literal('ok') }).openapi('Live');

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    version: z.string(),
    mode: z.enum(['demo', 'production']),
    time: z.string().openapi({ description: 'The server clock (settable with CFP_NOW for demos and tests).' }),
    database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
    migrations: z.object({ applied: z.number().int(), expected: z.number().int(), current: z.boolean() }),
  })
  .openapi('Health');
export type Health = z.infer<typeof healthSchema>;
