/** GET /api/health/live (the process answers) and GET /api/health (ready: database + migrations). */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { healthSchema, liveSchema } from '@cfp/contracts';
import { migrationStatus } from '@cfp/db';
import type { AppEnv, Platform } from '../../http/context.ts';

const live = createRoute({
  method: 'get',
  path: '/api/health/live',
  tags: ['health'],
  summary: 'Liveness: the process answers',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: liveSchema } } } },
});

const ready = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['health'],
  summary: 'Readiness: database reachable and migrations current',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: healthSchema } } },
  },
});

export function healthRoutes(platform: Platform) {
  return new OpenAPIHono<AppEnv>()
    .openapi(live, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(ready, async (c) => {
      let reachable = true;
      let migrations = { applied: 0, expected: 0, current: false };
      try {
        migrations = await migrationStatus(platform.db);
      } catch {
        reachable = false;
      }
      const ok = reachable && migrations.current;
      const body = {
        status: ok ? ('ok' as const) : ('unavailable' as const),
        version: platform.version,
        mode: platform.config.mode,
        time: platform.clock.now().toISOString(),
        database: { kind: platform.db.kind, reachable },
        migrations,
      };
      return ok ? c.json(body, 200) : c.json(body, 503);
    });
}
