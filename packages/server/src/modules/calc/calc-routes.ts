/** POST /api/v1/calc/{name}: one documented route per calculator; GET /api/v1/calc lists them. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Platform } from '../../http/context.ts';
import { publishedReferenceLibrary } from '../reference/reference-library-service.ts';
import { errorResponses } from '../../http/responses.ts';
import { calculators } from './calculators.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/calc',
  tags: ['calculators'],
  summary: 'The available calculators',
  responses: {
    200: {
      description: 'Calculators',
      content: { 'application/json': { schema: z.object({ items: z.array(z.object({ name: z.string(), summary: z.string(), path: z.string() })) }) } },
    },
    ...errorResponses.read,
  },
});

export function calcRoutes(platform: Platform) {
  const app = new OpenAPIHono<AppEnv>().openapi(listRoute, (c) =>
    c.json({ items: calculators.map((k) => ({ name: k.name, summary: k.summary, path: `/api/v1/calc/${k.name}` })) }, 200),
  );
  for (const calculator of calculators) {
    const route = createRoute({
      method: 'post',
      path: `/api/v1/calc/${calculator.name}`,
      tags: ['calculators'],
      summary: calculator.summary,
      request: { body: { required: true, content: { 'application/json': { schema: calculator.input } } } },
      responses: { 200: { description: 'The result', content: { 'application/json': { schema: calculator.output } } }, ...errorResponses.write },
    });
    app.openapi(route, async (c) => {
      const input = c.req.valid('json');
      return c.json(calculator.run(input, { library: await publishedReferenceLibrary(platform) }) as never, 200);
    });
  }
  return app;
}
