/**
 * Webhook endpoints, the event outbox and deliveries. Events and their deliveries are inserted in
 * the transaction of the change they report (through the ambient `orm`), so a rolled-back command
 * leaves none. Senders claim due deliveries with `for update skip locked` and a lease: a claimed
 * delivery's next_attempt_at moves to the end of the lease, so one a crashed sender held becomes
 * due again by itself, and a claim token keeps a late answer from overwriting a newer attempt.
 */
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Orm } from '../client.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from './schema.ts';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** A claimed delivery with what the sender needs. */
export interface ClaimedDelivery {
  delivery: WebhookDeliveryRow;
  event: WebhookEventRow;
  endpoint: WebhookEndpointRow;
}

export interface DeliveryListItem {
  delivery: WebhookDeliveryRow;
  eventType: string;
  url: string;
}

/** The outcome of one attempt, as the sender decided it. */
export type AttemptRecord =
  | { status: 'delivered'; statusCode: number }
  | { status: 'pending'; nextAttemptAt: Date; statusCode: number | null; error: string }
  | { status: 'dead'; statusCode: number | null; error: string };

type Cursor = { createdAt: Date; id: string };

export function webhookRepository(orm: Orm) {
  return {
    async insertEndpoint(row: typeof webhookEndpoints.$inferInsert): Promise<WebhookEndpointRow> {
      const [created] = await orm.insert(webhookEndpoints).values(row).returning();
      return created!;
    },

    async getEndpoint(id: string): Promise<WebhookEndpointRow | undefined> {
      const [row] = await orm.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      return row;
    },

    /** A live (not disabled) endpoint of the organisation with this exact URL. */
    async liveEndpointWithUrl(options: { organisationId: string; url: string }): Promise<WebhookEndpointRow | undefined> {
      const [row] = await orm
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.organisationId, options.organisationId), eq(webhookEndpoints.url, options.url), isNull(webhookEndpoints.disabledAt)));
      return row;
    },

    /** Newest first; `organisationId` undefined: every organisation's (platform admins). */
    async listEndpoints(options: { organisationId?: string; after?: Cursor; limit: number }): Promise<WebhookEndpointRow[]> {
      const after = options.after;
      return orm
        .select()
        .from(webhookEndpoints)
        .where(
          and(
            options.organisationId !== undefined ? eq(webhookEndpoints.organisationId, options.organisationId) : undefined,
            after ? or(lt(webhookEndpoints.createdAt, after.createdAt), and(eq(webhookEndpoints.createdAt, after.createdAt), lt(webhookEndpoints.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
        .limit(options.limit);
    },

    /** Disables a live endpoint and gives up its pending deliveries; undefined when it was not live. */
    async disableEndpoint(options: { id: string; by: string; now: Date }): Promise<WebhookEndpointRow | undefined> {
      const [row] = await orm
        .update(webhookEndpoints)
        .set({ disabledAt: options.now, disabledBy: options.by, version: sql`${webhookEndpoints.version} + 1` })
        .where(and(eq(webhookEndpoints.id, options.id), isNull(webhookEndpoints.disabledAt)))
        .returning();
      if (row) {
        await orm
          .update(webhookDeliveries)
          .set({ status: 'dead', nextAttemptAt: null, claimToken: null, deadAt: options.now, lastError: 'endpoint disabled' })
          .where(and(eq(webhookDeliveries.endpointId, options.id), eq(webhookDeliveries.status, 'pending')));
      }
      return row;
    },

    /** Live endpoints of the organisation that subscribed to `type`. */
    async subscribers(options: { organisationId: string; type: string }): Promise<WebhookEndpointRow[]> {
      return orm
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.organisationId, options.organisationId), isNull(webhookEndpoints.disabledAt), sql`${options.type} = any(${webhookEndpoints.events})`));
    },

    async insertEvent(row: typeof webhookEvents.$inferInsert): Promise<WebhookEventRow> {
      const [created] = await orm.insert(webhookEvents).values(row).returning();
      return created!;
    },

    async insertDeliveries(rows: Array<typeof webhookDeliveries.$inferInsert>): Promise<void> {
      if (rows.length) await orm.insert(webhookDeliveries).values(rows);
    },

    /** Is any pending delivery due at `now`? (the scheduler's cheap check) */
    async anyDue(now: Date): Promise<boolean> {
      const [row] = await orm
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, 'pending'), sql`${webhookDeliveries.nextAttemptAt} <= ${now.toISOString()}::timestamptz`))
        .limit(1);
      return row !== undefined;
    },

    /**
     * Takes up to `limit` due deliveries for one attempt each: counts the attempt, starts the 24 h
     * window on the first, and holds them until `leaseUntil` under `token`.
     */
    async claimDue(options: { now: Date; leaseUntil: Date; token: string; limit: number }): Promise<ClaimedDelivery[]> {
      const now = options.now.toISOString();
      // Both drivers answer execute() with { rows }.
      const claimed = (await orm.execute(sql`
        update webhook_deliveries set next_attempt_at = ${options.leaseUntil.toISOString()}::timestamptz, claim_token = ${options.token},
          attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, ${now}::timestamptz), last_attempt_at = ${now}::timestamptz
        where id in (
          select id from webhook_deliveries where status = 'pending' and next_attempt_at <= ${now}::timestamptz
          order by next_attempt_at, id limit ${options.limit} for update skip locked)
        returning id`)) as unknown as { rows: Array<{ id: string }> };
      const ids = claimed.rows.map((r) => r.id);
      if (ids.length === 0) return [];
      const rows = await orm
        .select({ delivery: webhookDeliveries, event: webhookEvents, endpoint: webhookEndpoints })
        .from(webhookDeliveries)
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.claimToken, options.token)))
        .orderBy(webhookDeliveries.nextAttemptAt, webhookDeliveries.id);
      return rows;
    },

    /** Records the attempt made under `token`; false when the lease was lost meanwhile. */
    async recordAttempt(options: { id: string; token: string; now: Date; outcome: AttemptRecord }): Promise<boolean> {
      const o = options.outcome;
      const rows = await orm
        .update(webhookDeliveries)
        .set({
          status: o.status,
          nextAttemptAt: o.status === 'pending' ? o.nextAttemptAt : null,
          claimToken: null,
          lastStatusCode: o.statusCode,
          lastError: o.status === 'delivered' ? null : o.error.slice(0, 500),
          ...(o.status === 'delivered' ? { deliveredAt: options.now } : {}),
          ...(o.status === 'dead' ? { deadAt: options.now } : {}),
        })
        .where(and(eq(webhookDeliveries.id, options.id), eq(webhookDeliveries.claimToken, options.token), eq(webhookDeliveries.status, 'pending')))
        .returning({ id: webhookDeliveries.id });
      return rows.length === 1;
    },

    async getDelivery(id: string): Promise<DeliveryListItem | undefined> {
      const [row] = await orm
        .select({ delivery: webhookDeliveries, eventType: webhookEvents.type, url: webhookEndpoints.url })
        .from(webhookDeliveries)
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(eq(webhookDeliveries.id, id));
      return row;
    },

    /** Newest first; `organisationId` undefined: every organisation's (platform admins). */
    async listDeliveries(options: { organisationId?: string; status?: string; endpointId?: string; after?: Cursor; limit: number }): Promise<DeliveryListItem[]> {
      const after = options.after;
      return orm
        .select({ delivery: webhookDeliveries, eventType: webhookEvents.type, url: webhookEndpoints.url })
        .from(webhookDeliveries)
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(
          and(
            options.organisationId !== undefined ? eq(webhookDeliveries.organisationId, options.organisationId) : undefined,
            options.status ? eq(webhookDeliveries.status, options.status) : undefined,
            options.endpointId ? eq(webhookDeliveries.endpointId, options.endpointId) : undefined,
            after ? or(lt(webhookDeliveries.createdAt, after.createdAt), and(eq(webhookDeliveries.createdAt, after.createdAt), lt(webhookDeliveries.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(options.limit);
    },

    /**
     * Puts a dead delivery back in the queue, due at `now`, with a fresh 24 h window (the attempt
     * count keeps its history). Undefined when it is not dead.
     */
    async requeue(options: { id: string; now: Date }): Promise<WebhookDeliveryRow | undefined> {
      const [row] = await orm
        .update(webhookDeliveries)
        .set({ status: 'pending', nextAttemptAt: options.now, firstAttemptAt: null, deadAt: null, claimToken: null })
        .where(and(eq(webhookDeliveries.id, options.id), eq(webhookDeliveries.status, 'dead')))
        .returning();
      return row;
    },
  };
}
export type WebhookRepository = ReturnType<typeof webhookRepository>;
