/**
 * Outgoing webhooks: an organisation's endpoints, the events they subscribe to, the body each
 * delivery carries, and the delivery log with its dead letters. How receivers verify signatures:
 * packages/domain/src/webhooks/signature.ts (and the registration route's description).
 */
import { z } from '@hono/zod-openapi';
import { idSchema, instantSchema } from '../common/scalars.ts';
import { pageQuerySchema, pageSchema } from '../common/pagination.ts';

/** Every event type an endpoint may subscribe to. Append only; a type never changes meaning. */
export const webhookEventTypes = ['consent.granted', 'consent.revoked'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const webhookDeliveryStatuses = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const registerWebhookSchema = z
  .strictObject({
    url: z.string().trim().min(1).max(2048).openapi({
      description: 'An https URL of your system. Addresses in private, loopback and other special ranges are refused when sending.',
      example: 'https://erp.bank.example/cfp/webhooks',
    }),
    events: z
      .array(z.enum(webhookEventTypes))
      .min(1)
      .max(webhookEventTypes.length)
      .openapi({ example: ['consent.granted', 'consent.revoked'] }),
    description: z.string().trim().max(200).optional().openapi({ example: '信贷系统 · core lending system' }),
    organisationId: idSchema.optional().openapi({ description: 'Platform admins only: register for another organisation. Default: yours.' }),
  })
  .openapi('RegisterWebhook');

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    url: z.string(),
    events: z.array(z.enum(webhookEventTypes)),
    description: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: instantSchema,
    disabledAt: instantSchema.nullable(),
    version: z.number().int(),
  })
  .openapi('WebhookEndpoint');
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const registeredWebhookSchema = webhookEndpointSchema
  .extend({
    secret: z.string().nullable().openapi({
      description:
        'The signing secret (whsec_…), shown only in this answer: store it now. A replay of the request (same Idempotency-Key) answers null; disable the endpoint and register again to get a new one.',
    }),
  })
  .openapi('RegisteredWebhook');

export const webhookEndpointPageSchema = pageSchema(webhookEndpointSchema).openapi('WebhookEndpointPage');

export const listWebhooksQuerySchema = pageQuerySchema.extend({
  organisationId: idSchema.optional().openapi({ description: 'Platform admins only; others always see their own organisation’s.' }),
});

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string().openapi({ description: 'Sent as X-CFP-Event-Id; the same for every endpoint the event went to.' }),
    eventType: z.string(),
    endpointId: z.string(),
    url: z.string(),
    status: z.enum(webhookDeliveryStatuses).openapi({ description: 'pending (queued or between retries), delivered (a 2xx answer) or dead (gave up; POST …/retry re-queues it).' }),
    attempts: z.number().int().min(0),
    lastStatusCode: z.number().int().nullable().openapi({ description: 'HTTP status of the last answer; null when there was none (refused address, timeout, network error).' }),
    lastError: z.string().nullable(),
    nextAttemptAt: instantSchema.nullable(),
    firstAttemptAt: instantSchema.nullable().openapi({ description: 'Start of the 24 h retry window.' }),
    lastAttemptAt: instantSchema.nullable(),
    deliveredAt: instantSchema.nullable(),
    deadAt: instantSchema.nullable(),
    createdAt: instantSchema,
  })
  .openapi('WebhookDelivery');
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema).openapi('WebhookDeliveryPage');

export const listWebhookDeliveriesQuerySchema = pageQuerySchema.extend({
  status: z.enum(webhookDeliveryStatuses).optional().openapi({ description: 'dead: the dead-letter view.' }),
  endpointId: z.string().max(64).optional(),
  organisationId: idSchema.optional().openapi({ description: 'Platform admins only; others always see their own organisation’s.' }),
});

/** The JSON body of every delivery. */
export const webhookEventBodySchema = z
  .object({
    id: z.string().openapi({ description: 'The event id (also X-CFP-Event-Id): deduplicate on it, deliveries are at least once.' }),
    type: z.enum(webhookEventTypes),
    createdAt: instantSchema,
    data: z.unknown(),
  })
  .openapi('WebhookEventBody');
export type WebhookEventBody = z.infer<typeof webhookEventBodySchema>;
