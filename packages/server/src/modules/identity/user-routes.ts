/**
 * Users and API tokens of an organisation. Administered by the organisation's admins, admins of
 * an office above it, and platform admins; members see their colleagues.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  apiTokenListSchema,
  createdTokenSchema,
  createTokenSchema,
  createUserSchema,
  errorEnvelopeSchema,
  idSchema,
  pageQuerySchema,
  personalDataSchema,
  userPageSchema,
  userSchema,
} from '@cfp/contracts';
import { identityRepository, type UserRow } from '@cfp/db';
import { canAdministerOrganisation, canSeeMembersOf, isPlatformAdmin, type Actor } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { authService } from './auth-service.ts';
import { actorOf } from './authenticate.ts';
import { maskedPhoneOf, toApiToken, toUser } from './identity-mappers.ts';
import { recordAudit } from '../audit/audit-service.ts';
import { createUser } from './user-service.ts';

const orgParam = z.object({ id: idSchema.or(z.uuid()).openapi({ param: { name: 'id', in: 'path' } }) });
const tokenParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const listUsers = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{id}/users',
  tags: ['identity'],
  summary: 'Users of an organisation',
  request: { params: orgParam, query: pageQuerySchema },
  responses: { 200: json(userPageSchema, 'A page of users'), ...errorResponses.read },
});
const createUserRoute = createRoute({
  method: 'post',
  path: '/api/v1/users',
  tags: ['identity'],
  summary: 'Create a user in an organisation you administer',
  request: { headers: idempotencyHeaders, body: body(createUserSchema) },
  responses: { 201: json(userSchema, 'Created'), ...errorResponses.write },
});
const listTokens = createRoute({
  method: 'get',
  path: '/api/v1/tokens',
  tags: ['identity'],
  summary: 'API tokens: yours, and those of the organisations you administer',
  responses: { 200: json(apiTokenListSchema, 'Tokens (never the secret)'), ...errorResponses.read },
});
const createToken = createRoute({
  method: 'post',
  path: '/api/v1/tokens',
  tags: ['identity'],
  summary: 'Issue an API token with scopes and an expiry (for yourself, or for a user you administer)',
  request: { headers: idempotencyHeaders, body: body(createTokenSchema) },
  responses: { 201: json(createdTokenSchema, 'The token secret, shown once'), ...errorResponses.write },
});
const revokeToken = createRoute({
  method: 'post',
  path: '/api/v1/tokens/{id}/revoke',
  tags: ['identity'],
  summary: 'Revoke an API token',
  request: { params: tokenParam, body: body(z.strictObject({})) },
  responses: { 200: json(z.object({ revoked: z.literal(true) }), 'Revoked'), ...errorResponses.write },
});

const userParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const getUser = createRoute({
  method: 'get',
  path: '/api/v1/users/{id}',
  tags: ['identity'],
  summary: 'One user; personal fields masked',
  request: { params: userParam },
  responses: { 200: json(userSchema, 'The user'), ...errorResponses.read },
});
const personalData = createRoute({
  method: 'get',
  path: '/api/v1/users/{id}/personal-data',
  tags: ['identity'],
  summary: 'A user’s personal data unmasked (the user, platform admins); every view is written to the audit trail',
  request: { params: userParam },
  responses: { 200: json(personalDataSchema, 'Unmasked; not cached'), ...errorResponses.read, 403: json(errorEnvelopeSchema, 'Not entitled') },
});

export function userRoutes(platform: Platform) {
  const repo = identityRepository(platform.db.orm);
  const auth = authService(platform);
  const pathOf = async (organisationId: string) => (await repo.organisationPath(organisationId)).map((p) => p.id);

  /** 404, not 403, for what the caller may not see: existence is not disclosed. */
  async function userIfAdministered(actor: Actor, userId: string): Promise<UserRow> {
    const user = await repo.userById(userId);
    if (!user || (user.id !== actor.userId && !canAdministerOrganisation(actor, await pathOf(user.organisationId)))) throw new AppError('NOT_FOUND');
    return user;
  }

  return new OpenAPIHono<AppEnv>()
    .openapi(listUsers, async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const path = await pathOf(id);
      if (path.length === 0 || !canSeeMembersOf(actor, path)) throw new AppError('NOT_FOUND');
      const after = decodeCursor(cursor, z.object({ id: z.string().max(64) }));
      const rows = await repo.usersOf({ organisationId: id, ...(after ? { afterId: after.id } : {}), limit: limit + 1 });
      return c.json(pageOf({ rows, limit, toItem: (r) => toUser(r, { phone: maskedPhoneOf(r, platform.fieldCipher) }), keyOf: (r) => ({ id: r.id }) }), 200);
    })
    .openapi(createUserRoute, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/users ${actor.userId}`,
        body: input,
        run: async () => {
          const path = await pathOf(input.organisationId);
          if (path.length === 0 || !canAdministerOrganisation(actor, path)) throw new AppError('FORBIDDEN');
          const user = await createUser({ db: platform.db, mode: platform.config.mode, now: platform.clock.now(), input });
          return { status: 201, body: toUser(user, { phone: null }) };
        },
      });
      return c.json(result.body as z.infer<typeof userSchema>, 201);
    })
    .openapi(getUser, async (c) => {
      const actor = actorOf(c);
      const user = await repo.userById(c.req.valid('param').id);
      if (!user || (user.id !== actor.userId && !canSeeMembersOf(actor, await pathOf(user.organisationId)))) throw new AppError('NOT_FOUND');
      return c.json(toUser(user, { phone: maskedPhoneOf(user, platform.fieldCipher) }), 200);
    })
    .openapi(personalData, async (c) => {
      const actor = actorOf(c);
      const user = await repo.userById(c.req.valid('param').id);
      if (!user || (user.id !== actor.userId && !canSeeMembersOf(actor, await pathOf(user.organisationId)))) throw new AppError('NOT_FOUND');
      // Only the person and the platform's administrators need the clear values.
      if (user.id !== actor.userId && !isPlatformAdmin(actor))
        throw new AppError('FORBIDDEN', { reason: 'personal data is shown unmasked to the person and platform administrators only' });
      const cipher = platform.fieldCipher;
      const body = {
        userId: user.id,
        phone: user.phoneEnc ? cipher.decrypt(user.phoneEnc, `users.phone:${user.id}`) : null,
        realName: user.realNameEnc ? cipher.decrypt(user.realNameEnc, `users.real_name:${user.id}`) : null,
      };
      // Every unmasked view is a command of its own: one audit entry, committed before the answer.
      await platform.db.inTransaction(() =>
        recordAudit(platform.db.orm, {
          actor: { userId: actor.userId, organisationId: actor.organisationId },
          action: 'personal-data.view',
          target: { type: 'user', id: user.id },
          after: { fields: ['phone', 'realName'].filter((f) => body[f as 'phone' | 'realName'] !== null) },
          requestId: c.get('requestId'),
          now: platform.clock.now(),
          algorithm: platform.config.auditHash,
        }),
      );
      c.header('Cache-Control', 'no-store');
      return c.json(body, 200);
    })
    .openapi(listTokens, async (c) => {
      const actor = actorOf(c);
      // Own tokens, plus every user's in organisations the caller administers (their own org's tree).
      const userIds = new Set<string>([actor.userId]);
      if (actor.roles.includes('admin')) for (const u of await repo.usersOf({ organisationId: actor.organisationId, limit: 10_000 })) userIds.add(u.id);
      const rows = await repo.tokensOfUsers([...userIds]);
      return c.json({ items: rows.map(toApiToken) }, 200);
    })
    .openapi(createToken, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/tokens ${actor.userId}`,
        body: input,
        run: async () => {
          const user = await userIfAdministered(actor, input.userId ?? actor.userId);
          // A token never carries more than its issuer holds: a read-only token cannot mint write tokens.
          if (actor.tokenScopes && input.scopes.some((s) => !actor.tokenScopes!.includes(s))) throw new AppError('FORBIDDEN', { reason: 'scope_exceeds_issuer' });
          const { token, row } = await auth.issueToken({ user, name: input.name, scopes: input.scopes, ttlMs: input.ttlDays * 86_400_000, createdBy: actor.userId });
          return { status: 201, body: { token, apiToken: toApiToken(row) } };
        },
      });
      return c.json(result.body as z.infer<typeof createdTokenSchema>, 201);
    })
    .openapi(revokeToken, async (c) => {
      const actor = actorOf(c);
      const row = await repo.tokenById(c.req.valid('param').id);
      if (!row) throw new AppError('NOT_FOUND');
      await userIfAdministered(actor, row.userId);
      await repo.revokeToken({ id: row.id, now: platform.clock.now() });
      return c.json({ revoked: true as const }, 200);
    });
}
