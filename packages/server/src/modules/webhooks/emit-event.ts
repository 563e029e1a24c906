/**
 * `emitEvent`: the transactional outbox. Writes the event and one pending delivery per live
 * endpoint of the organisation subscribed to its type, through `platform.db.orm` — so inside a
 * command they commit with the change they report, and a command that fails leaves none — and
 * queues a delivery run in the same transaction. Nothing is written when no endpoint subscribed.
 *
 * @example
 * await emitEvent(platform, { organisationId: consent.granteeId, type: 'consent.granted', payload: { consent } });
 */
import { randomUUID } from 'node:crypto';
import type { WebhookEventType } from '@cfp/contracts';
import { webhookRepository } from '@cfp/db';
import type { Platform } from '../../http/context.ts';
import { queueWebhookDelivery } from './webhook-delivery-job.ts';

export interface EmitEventOptions {
  /** Whose endpoints receive it. */
  organisationId: string;
  type: WebhookEventType;
  /** The body's `data`: JSON only, decimals as strings, no personal data the receiver may not see. */
  payload: unknown;
}

/** Returns the event id (null when no endpoint subscribed) and how many deliveries were queued. */
export async function emitEvent(platform: Pick<Platform, 'db' | 'clock'>, options: EmitEventOptions): Promise<{ eventId: string | null; deliveries: number }> {
  const repo = webhookRepository(platform.db.orm);
  const endpoints = await repo.subscribers({ organisationId: options.organisationId, type: options.type });
  if (endpoints.length === 0) return { eventId: null, deliveries: 0 };
  const now = platform.clock.now();
  const event = await repo.insertEvent({ id: randomUUID(), organisationId: options.organisationId, type: options.type, payload: options.payload ?? null, createdAt: now });
  await repo.insertDeliveries(
    endpoints.map((endpoint) => ({
      id: randomUUID(),
      eventId: event.id,
      endpointId: endpoint.id,
      organisationId: options.organisationId,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
  await queueWebhookDelivery({ db: platform.db, clock: platform.clock });
  return { eventId: event.id, deliveries: endpoints.length };
}
