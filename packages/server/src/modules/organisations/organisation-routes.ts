/** /api/v1/organisations and /api/v1/areas. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  areaListSchema,
  createOrganisationSchema,
  idSchema,
  listOrganisationsQuerySchema,
  organisationPageSchema,
  organisationSchema,
  updateOrganisationSchema,
  type Area,
} from '@cfp/contracts';
import { organisationRepository } from '@cfp/db';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { idempotent } from '../../http/idempotency.ts';
import { organisationService, toOrganisation } from './organisation-service.ts';
import { directoryScope } from '@cfp/domain';
import { actorOf } from '../identity/authenticate.ts';

const idParam = z.object({ id: idSchema.or(z.uuid()).openapi({ param: { name: 'id', in: 'path' } }) });
const cursorSchema = z.object({ id: z.string().max(64) });

const list = createRoute({
  method: 'get',
  path: '/api/v1/organisations',
  tags: ['organisations'],
  summary: 'List organisations (keyset pages ordered by id)',
  request: { query: listOrganisationsQuerySchema },
  responses: { 200: json(organisationPageSchema, 'A page of organisations'), ...errorResponses.read },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{id}',
  tags: ['organisations'],
  summary: 'One organisation',
  request: { params: idParam },
  responses: { 200: json(organisationSchema, 'The organisation'), ...errorResponses.read },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/organisations',
  tags: ['organisations'],
  summary: 'Create an organisation',
  request: { headers: idempotencyHeaders, body: { required: true, content: { 'application/json': { schema: createOrganisationSchema } } } },
  responses: { 201: json(organisationSchema, 'Created (or replayed for a repeated Idempotency-Key)'), ...errorResponses.write },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/organisations/{id}',
  tags: ['organisations'],
  summary: 'Update an organisation (optimistic concurrency: send the version you read)',
  request: { params: idParam, body: { required: true, content: { 'application/json': { schema: updateOrganisationSchema } } } },
  responses: { 200: json(organisationSchema, 'Updated; version is incremented'), ...errorResponses.write },
});

const areas = createRoute({
  method: 'get',
  path: '/api/v1/areas',
  tags: ['organisations'],
  summary: 'The city and its county-level divisions and functional zones',
  responses: { 200: json(areaListSchema, 'All areas'), ...errorResponses.read },
});

export function organisationRoutes(platform: Platform) {
  const repo = organisationRepository(platform.db.orm);
  const service = organisationService(platform);
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const after = decodeCursor(cursor, cursorSchema);
      const scope = directoryScope(actorOf(c));
      // A county's users see their own area whatever they ask for.
      if (scope.kind === 'area') {
        if (filter.areaId && filter.areaId !== scope.areaId) return c.json({ items: [], nextCursor: null }, 200);
        filter.areaId = scope.areaId;
      }
      const rows = await repo.list({ filter, ...(after ? { afterId: after.id } : {}), limit: limit + 1 });
      return c.json(pageOf({ rows, limit, toItem: toOrganisation, keyOf: (r) => ({ id: r.id }) }), 200);
    })
    .openapi(get, async (c) => {
      const row = await repo.get(c.req.valid('param').id);
      const scope = directoryScope(actorOf(c));
      if (!row || (scope.kind === 'area' && row.areaId !== scope.areaId)) throw new AppError('NOT_FOUND');
      return c.json(toOrganisation(row), 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/organisations ${actorOf(c).userId}`,
        body,
        run: async () => ({ status: 201, body: await service.create(actorOf(c), body) }),
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body as z.infer<typeof organisationSchema>, 201);
    })
    .openapi(update, async (c) => c.json(await service.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(areas, async (c) => {
      const rows = await repo.listAreas();
      return c.json({ items: rows.map((r) => ({ ...r, type: r.type as Area['type'] })) }, 200);
    });
}
