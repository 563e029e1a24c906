/**
 * The `webhook-delivery` job: claims due deliveries (skip-locked, with a lease, so several servers
 * on one PostgreSQL database never send one twice at once), signs and sends each, and records the
 * outcome — delivered on a 2xx; otherwise retried with backoff (30 s doubling to 1 h) until 24 h
 * after the first attempt, then dead (packages/domain/src/webhooks/retry-schedule.ts).
 *
 * It is queued by `emitEvent` in the transaction that writes the event (and by a re-queue), and
 * every few seconds by `scheduleWebhookDelivery` when a retry has come due. Delivery is at least once: a server that
 * stops mid-attempt leaves the lease to expire and the delivery is tried again.
 *
 * Every attempt POSTs `{ id, type, createdAt, data }` (the same bytes each time) with
 * X-CFP-Event-Id, X-CFP-Event-Type, X-CFP-Delivery-Id, X-CFP-Timestamp (unix seconds) and
 * X-CFP-Signature `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`, signed afresh per attempt.
 * How receivers verify: packages/domain/src/webhooks/signature.ts.
 */
import { randomUUID } from 'node:crypto';
import { jobRepository, webhookRepository, type ClaimedDelivery, type Database } from '@cfp/db';
import { afterFailedAttempt, signWebhookPayload, webhookRetryPolicy, type AllowedHost } from '@cfp/domain';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import type { JobHandler, JobRunner } from '../../jobs/job-runner.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { sendWebhook, type ResolveHost, type Transport } from './webhook-sender.ts';

export const webhookDeliveryJobKind = 'webhook-delivery';

/** How often the schedule looks for retries that came due, in ms. */
export const defaultWebhookDeliveryEveryMs = 5_000;

/** Deliveries sent at once by one run; each is bounded by the 10 s attempt timeout. */
const batchSize = 16;
/** Batches per run: a long queue is worked off by the next runs, letting other jobs in between. */
const maxBatches = 20;
/** A claimed delivery is held this long, in ms: well past the attempt timeout. */
const leaseMs = webhookRetryPolicy.attemptTimeoutMs * 6;

/** Where the signing secret of an endpoint is encrypted (field-cipher context). */
export const webhookSecretContext = (endpointId: string): string => `webhook_endpoints.secret:${endpointId}`;

/** The request body of a delivery: the same bytes on every attempt. */
export function webhookBody(event: ClaimedDelivery['event']): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.payload });
}

export interface WebhookDeliveryJobOptions {
  db: Database;
  clock: Clock;
  fieldCipher: FieldCipher;
  allowHosts: readonly AllowedHost[];
  version: string;
  logger?: Logger;
  /** Tests: a resolver or transport standing in for DNS and the network. */
  resolve?: ResolveHost;
  transport?: Transport;
}

export function webhookDeliveryJob(options: WebhookDeliveryJobOptions): JobHandler {
  const repo = webhookRepository(options.db.orm);

  async function attempt(claimed: ClaimedDelivery, token: string): Promise<'delivered' | 'retrying' | 'dead' | 'lost'> {
    const { delivery, event, endpoint } = claimed;
    let outcome: { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };
    if (endpoint.disabledAt) outcome = { ok: false, statusCode: null, error: 'endpoint disabled' };
    else {
      try {
        const body = webhookBody(event);
        const timestamp = Math.floor(options.clock.now().getTime() / 1000);
        const secret = options.fieldCipher.decrypt(endpoint.secretEnc, webhookSecretContext(endpoint.id));
        const sent = await sendWebhook({
          url: endpoint.url,
          body,
          headers: {
            'content-type': 'application/json',
            'user-agent': `cfp-webhooks/${options.version}`,
            'x-cfp-event-id': event.id,
            'x-cfp-event-type': event.type,
            'x-cfp-delivery-id': delivery.id,
            'x-cfp-timestamp': String(timestamp),
            'x-cfp-signature': signWebhookPayload({ secret, timestamp, body }),
          },
          allowHosts: options.allowHosts,
          ...(options.resolve ? { resolve: options.resolve } : {}),
          ...(options.transport ? { transport: options.transport } : {}),
        });
        if (sent.kind === 'answered' && sent.statusCode >= 200 && sent.statusCode < 300) outcome = { ok: true, statusCode: sent.statusCode };
        else if (sent.kind === 'answered') outcome = { ok: false, statusCode: sent.statusCode, error: `HTTP ${sent.statusCode}` };
        else outcome = { ok: false, statusCode: null, error: sent.error };
      } catch (error) {
        // e.g. a secret that no longer decrypts: logged whole here, recorded without detail.
        options.logger?.error({ err: error, deliveryId: delivery.id }, 'webhook attempt failed before sending');
        outcome = { ok: false, statusCode: null, error: 'internal error before sending' };
      }
    }
    const now = options.clock.now();
    if (outcome.ok) {
      const recorded = await repo.recordAttempt({ id: delivery.id, token, now, outcome: { status: 'delivered', statusCode: outcome.statusCode } });
      return recorded ? 'delivered' : 'lost';
    }
    const step = endpoint.disabledAt ? ({ next: 'dead' } as const) : afterFailedAttempt({ attempts: delivery.attempts, firstAttemptAt: delivery.firstAttemptAt ?? now, now });
    const recorded = await repo.recordAttempt({
      id: delivery.id,
      token,
      now,
      outcome:
        step.next === 'retry'
          ? { status: 'pending', nextAttemptAt: step.at, statusCode: outcome.statusCode, error: outcome.error }
          : { status: 'dead', statusCode: outcome.statusCode, error: outcome.error },
    });
    if (!recorded) return 'lost';
    return step.next === 'retry' ? 'retrying' : 'dead';
  }

  return {
    kind: webhookDeliveryJobKind,
    // Each delivery's state is in its own row: a run cut short loses nothing but its leases.
    resumable: false,
    async run() {
      const tally = { delivered: 0, retrying: 0, dead: 0, lost: 0 };
      for (let batch = 0; batch < maxBatches; batch += 1) {
        const now = options.clock.now();
        const token = randomUUID();
        const claimed = await repo.claimDue({ now, leaseUntil: new Date(now.getTime() + leaseMs), token, limit: batchSize });
        if (claimed.length === 0) break;
        const results = await Promise.all(claimed.map((c) => attempt(c, token)));
        for (const r of results) tally[r] += 1;
      }
      return tally;
    },
  };
}

const deliveryRunQueued = async (db: Database): Promise<boolean> => (await jobRepository(db.orm).list({ kind: webhookDeliveryJobKind, status: 'queued', limit: 1 })).length > 0;

/**
 * Queues a delivery run unless one is already queued, for use inside a command's transaction (as
 * `emitEvent` calls it): the job row commits or rolls back with the event, and the runner's next
 * poll (within a second of the commit) takes it. It deliberately does not wake the runner: a wake
 * before the commit would look for the job while it is still invisible to other connections.
 */
export async function queueWebhookDelivery(options: { db: Database; clock: Clock }): Promise<void> {
  if (await deliveryRunQueued(options.db)) return;
  await jobRepository(options.db.orm).create({ id: randomUUID(), kind: webhookDeliveryJobKind, maxAttempts: 1, now: options.clock.now() });
}

/**
 * Every `everyMs` (default 5 s), queues a delivery run when a pending delivery has come due (a
 * retry, or a delivery whose sender stopped). Queues nothing while idle, so the job list stays
 * quiet. The timer does not keep the process alive; call stop() on shutdown.
 */
export function scheduleWebhookDelivery(options: { db: Database; clock: Clock; runner: JobRunner; everyMs?: number; logger?: Logger }): { stop(): void } {
  const repo = webhookRepository(options.db.orm);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        if ((await repo.anyDue(options.clock.now())) && !(await deliveryRunQueued(options.db))) await options.runner.enqueue({ kind: webhookDeliveryJobKind, maxAttempts: 1 });
      } catch (error) {
        options.logger?.error({ err: error }, 'could not queue webhook deliveries');
      } finally {
        busy = false;
      }
    })();
  }, options.everyMs ?? defaultWebhookDeliveryEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
