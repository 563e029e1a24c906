/**
 * /api/v1/webhooks: an organisation's admins register endpoints of their own systems for events
 * (each with a signing secret shown once), list and disable them, watch deliveries — the dead
 * letters among them — and re-queue a dead one. Platform admins may do so for any organisation.
 * Another organisation's endpoint or delivery is 404; the organisation's non-admins get 403.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  idSchema,
  listWebhookDeliveriesQuerySchema,
  listWebhooksQuerySchema,
  registeredWebhookSchema,
  registerWebhookSchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointPageSchema,
  webhookEndpointSchema,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@cfp/contracts';
import { organisationRepository, webhookRepository, type DeliveryListItem, type WebhookEndpointRow, isUniqueViolation } from '@cfp/db';
import { canManageWebhooks, checkWebhookUrl, isPlatformAdmin, webhookSignatureToleranceSeconds, type Actor } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { idempotent } from '../../http/idempotency.ts';
import { body, errorResponses, idempotencyHeaders, json } from '../../http/responses.ts';
import { describeCommand } from '../audit/command-audit.ts';
import { actorOf } from '../identity/authenticate.ts';
import { queueWebhookDelivery, webhookSecretContext } from './webhook-delivery-job.ts';

const cursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string().max(64) });
const idParam = z.object({ id: idSchema.or(z.uuid()).openapi({ param: { name: 'id', in: 'path' } }) });

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    organisationId: row.organisationId,
    url: row.url,
    events: row.events as WebhookEventType[],
    description: row.description,
    enabled: row.disabledAt === null,
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
    version: row.version,
  };
}

export function toWebhookDelivery(item: DeliveryListItem): WebhookDelivery {
  const d = item.delivery;
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: item.eventType,
    endpointId: d.endpointId,
    url: item.url,
    status: d.status as WebhookDelivery['status'],
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    // While an attempt is in flight the column holds its lease's end: still the earliest next attempt.
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    firstAttemptAt: d.firstAttemptAt?.toISOString() ?? null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    deadAt: d.deadAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

const receiverGuide = [
  'Registers an endpoint of your organisation’s own system. The answer carries the signing secret **once**: store it.',
  '',
  'Each event is POSTed as JSON `{ "id", "type", "createdAt", "data" }` with the headers `X-CFP-Event-Id`, `X-CFP-Event-Type`, `X-CFP-Delivery-Id`,',
  '`X-CFP-Timestamp` (unix seconds of this attempt) and `X-CFP-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.',
  '',
  'To verify a delivery: take the raw body bytes (before parsing JSON); refuse it when the timestamp is not an integer or is more than',
  `${webhookSignatureToleranceSeconds / 60} minutes (${webhookSignatureToleranceSeconds} s) away from your clock (replays); compute HMAC-SHA256 with the secret string (UTF-8) as key over`,
  '`<timestamp>.<raw body>`, hex-encode it and compare it in constant time with each `v1=` value of `X-CFP-Signature`.',
  'Deliveries are at least once: deduplicate on the event id.',
  '',
  'Answer 2xx within 10 s to acknowledge. Anything else (a redirect too) is retried with backoff — 30 s, 1 min, 2 min, … at most 1 h apart —',
  'until 24 h after the first attempt; then the delivery is dead (`GET /api/v1/webhooks/deliveries?status=dead`) and may be re-queued.',
  '',
  'The URL must be https without user name or password (`400 WEBHOOK_URL_INVALID`); one live endpoint per URL (`409 ALREADY_EXISTS`).',
  'Every address the host resolves to is checked each time an event is sent: loopback, private (RFC 1918, fc00::/7), link-local, CGNAT,',
  'multicast and other special-purpose addresses are refused without connecting, and the delivery records the refusal.',
].join('\n');

const register = createRoute({
  method: 'post',
  path: '/api/v1/webhooks',
  tags: ['webhooks'],
  summary: 'Register a webhook endpoint (your organisation’s admins)',
  description: receiverGuide,
  request: { headers: idempotencyHeaders, body: body(registerWebhookSchema) },
  responses: { 201: json(registeredWebhookSchema, 'Registered; the secret is shown only here'), ...errorResponses.write },
});
const list = createRoute({
  method: 'get',
  path: '/api/v1/webhooks',
  tags: ['webhooks'],
  summary: 'Your organisation’s webhook endpoints, newest first (its admins)',
  request: { query: listWebhooksQuerySchema },
  responses: { 200: json(webhookEndpointPageSchema, 'A page of endpoints'), ...errorResponses.read },
});
const disable = createRoute({
  method: 'post',
  path: '/api/v1/webhooks/{id}/disable',
  tags: ['webhooks'],
  summary: 'Disable an endpoint: nothing more is sent to it, and its pending deliveries are given up',
  request: { params: idParam, body: body(z.strictObject({})) },
  responses: { 200: json(webhookEndpointSchema, 'Disabled'), ...errorResponses.write },
});
const deliveries = createRoute({
  method: 'get',
  path: '/api/v1/webhooks/deliveries',
  tags: ['webhooks'],
  summary: 'Deliveries of your organisation’s events, newest first; status=dead is the dead-letter view',
  request: { query: listWebhookDeliveriesQuerySchema },
  responses: { 200: json(webhookDeliveryPageSchema, 'A page of deliveries'), ...errorResponses.read },
});
const retry = createRoute({
  method: 'post',
  path: '/api/v1/webhooks/deliveries/{id}/retry',
  tags: ['webhooks'],
  summary: 'Re-queue a dead delivery: it is sent again at once, with a new 24 h retry window',
  request: { params: idParam, body: body(z.strictObject({})) },
  responses: { 200: json(webhookDeliverySchema, 'Queued again'), ...errorResponses.write },
});

/** Whose endpoints a listing shows: undefined = every organisation's (platform admins without a filter). */
function listScope(actor: Actor, requested: string | undefined): string | undefined {
  const organisationId = requested ?? (isPlatformAdmin(actor) ? undefined : actor.organisationId);
  if (organisationId !== undefined && !canManageWebhooks(actor, organisationId)) throw new AppError('FORBIDDEN', { reason: 'only the organisation’s admins manage its webhooks' });
  return organisationId;
}

/** A record of another organisation is 404 (it is not disclosed); of one's own without the admin role, 403. */
function assertManages(actor: Actor, organisationId: string): void {
  if (organisationId !== actor.organisationId && !isPlatformAdmin(actor)) throw new AppError('NOT_FOUND');
  if (!canManageWebhooks(actor, organisationId)) throw new AppError('FORBIDDEN', { reason: 'only the organisation’s admins manage its webhooks' });
}

export function webhookRoutes(platform: Platform) {
  const repo = webhookRepository(platform.db.orm);
  const orgs = organisationRepository(platform.db.orm);

  return new OpenAPIHono<AppEnv>()
    .openapi(register, async (c) => {
      const actor = actorOf(c);
      const input = c.req.valid('json');
      // Generated inside run(): only the first answer carries it; the stored replay does not.
      let secret: string | null = null;
      const result = await idempotent({
        c,
        platform,
        scope: `POST /api/v1/webhooks ${actor.userId}`,
        body: input,
        run: async () => {
          const organisationId = input.organisationId ?? actor.organisationId;
          if (organisationId !== actor.organisationId && !isPlatformAdmin(actor)) throw new AppError('FORBIDDEN', { reason: 'register endpoints for your own organisation' });
          if (!canManageWebhooks(actor, organisationId)) throw new AppError('FORBIDDEN', { reason: 'only the organisation’s admins manage its webhooks' });
          if (!(await orgs.get(organisationId))) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'organisationId', message: 'no such organisation' }] });
          const checked = checkWebhookUrl({ url: input.url, allowHosts: platform.config.webhookAllowHosts });
          if (!checked.ok) throw new AppError('WEBHOOK_URL_INVALID', { reason: checked.reason });
          // Stored normalised (lowercase host, no fragment: a fragment is never sent).
          checked.url.hash = '';
          const url = checked.url.toString();
          if (url.length > 2048) throw new AppError('WEBHOOK_URL_INVALID', { reason: 'too_long' });
          if (await repo.liveEndpointWithUrl({ organisationId, url })) throw new AppError('ALREADY_EXISTS', { field: 'url' });
          const id = randomUUID();
          secret = `whsec_${randomBytes(32).toString('base64url')}`;
          let row: WebhookEndpointRow;
          try {
            row = await repo.insertEndpoint({
              id,
              organisationId,
              url,
              events: [...new Set(input.events)],
              description: input.description || null,
              secretEnc: platform.fieldCipher.encrypt(secret, webhookSecretContext(id)),
              createdBy: actor.userId,
              createdAt: platform.clock.now(),
            });
          } catch (error) {
            if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', { field: 'url' });
            throw error;
          }
          const endpoint = toWebhookEndpoint(row);
          // The audit entry digests the endpoint, never the secret.
          describeCommand(c, { action: 'webhooks.create', target: { type: 'webhook', id }, after: endpoint });
          return { status: 201, body: { ...endpoint, secret: null } };
        },
      });
      const endpoint = result.body as WebhookEndpoint & { secret: null };
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json({ ...endpoint, secret: result.replayed ? null : secret }, 201);
    })
    .openapi(list, async (c) => {
      const actor = actorOf(c);
      const { limit, cursor, organisationId } = c.req.valid('query');
      const scope = listScope(actor, organisationId);
      const after = decodeCursor(cursor, cursorSchema);
      const rows = await repo.listEndpoints({
        ...(scope !== undefined ? { organisationId: scope } : {}),
        ...(after ? { after: { createdAt: new Date(after.createdAt), id: after.id } } : {}),
        limit: limit + 1,
      });
      return c.json(pageOf({ rows, limit, toItem: toWebhookEndpoint, keyOf: (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }) }), 200);
    })
    .openapi(disable, async (c) => {
      const actor = actorOf(c);
      const row = await repo.getEndpoint(c.req.valid('param').id);
      if (!row) throw new AppError('NOT_FOUND');
      assertManages(actor, row.organisationId);
      const before = toWebhookEndpoint(row);
      const disabled = (await repo.disableEndpoint({ id: row.id, by: actor.userId, now: platform.clock.now() })) ?? row;
      const after = toWebhookEndpoint(disabled);
      describeCommand(c, { action: 'webhooks.disable', target: { type: 'webhook', id: row.id }, before, after });
      return c.json(after, 200);
    })
    .openapi(deliveries, async (c) => {
      const actor = actorOf(c);
      const { limit, cursor, status, endpointId, organisationId } = c.req.valid('query');
      const scope = listScope(actor, organisationId);
      const after = decodeCursor(cursor, cursorSchema);
      const rows = await repo.listDeliveries({
        ...(scope !== undefined ? { organisationId: scope } : {}),
        ...(status ? { status } : {}),
        ...(endpointId ? { endpointId } : {}),
        ...(after ? { after: { createdAt: new Date(after.createdAt), id: after.id } } : {}),
        limit: limit + 1,
      });
      return c.json(pageOf({ rows, limit, toItem: toWebhookDelivery, keyOf: (r) => ({ createdAt: r.delivery.createdAt.toISOString(), id: r.delivery.id }) }), 200);
    })
    .openapi(retry, async (c) => {
      const actor = actorOf(c);
      const item = await repo.getDelivery(c.req.valid('param').id);
      if (!item) throw new AppError('NOT_FOUND');
      assertManages(actor, item.delivery.organisationId);
      if (item.delivery.status !== 'dead') throw new AppError('WEBHOOK_NOT_RETRYABLE', { reason: 'not_dead', status: item.delivery.status });
      const endpoint = await repo.getEndpoint(item.delivery.endpointId);
      if (!endpoint || endpoint.disabledAt) throw new AppError('WEBHOOK_NOT_RETRYABLE', { reason: 'endpoint_disabled' });
      const requeued = await repo.requeue({ id: item.delivery.id, now: platform.clock.now() });
      if (!requeued) throw new AppError('WEBHOOK_NOT_RETRYABLE', { reason: 'not_dead' });
      await queueWebhookDelivery({ db: platform.db, clock: platform.clock });
      return c.json(toWebhookDelivery({ ...item, delivery: requeued }), 200);
    });
}
