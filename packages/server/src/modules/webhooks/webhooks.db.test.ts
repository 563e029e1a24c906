/**
 * Webhooks end to end, on PGlite and PostgreSQL: a consent granted by enterprise1 reaches bank1's
 * receiver (a real HTTP server on 127.0.0.1, allow-listed) signed with the secret shown at
 * registration, after one retry; targets in private, loopback and link-local ranges are refused
 * without a connection; a delivery failing for over 24 h is dead, listed in the dead-letter view,
 * and re-queued by an admin; the outbox commits and rolls back with its command; and only the
 * organisation's admins manage its webhooks.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookEndpoint } from '@cfp/contracts';
import { demoIds, verifyWebhookSignature } from '@cfp/domain';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { emitEvent } from './emit-event.ts';
import { webhookDeliveryJob, webhookDeliveryJobKind } from './webhook-delivery-job.ts';
import { nodeTransport, type TransportRequest } from './webhook-sender.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestPlatform;
let receiver: Server;
let port: number;
const received: Received[] = [];
/** Status to answer per path, consumed in order; then 200 (or 503 while `down`). */
const script = new Map<string, number[]>();
let down = false;
/** Every connection the delivery job asked its transport to open. */
const connects: TransportRequest[] = [];

const consentBody = (granteeId: string, purpose = 'pre_loan') => ({ granteeId, dataScopes: ['profile'], purpose, validFrom: '2024-01-01', validTo: '2024-12-31' });
const unix = () => Math.floor(t.clock.now().getTime() / 1000);

/**
 * Waits until no delivery run is queued or running. A run queued inside a command's transaction is
 * seen by the runner's next poll after the commit, so one idle() may come back before it started.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    await t.platform.jobs.idle();
    const [row] = await t.db.query<{ n: string }>(`select count(*) as n from jobs where kind = $1 and status in ('queued', 'running')`, [webhookDeliveryJobKind]);
    if (row!.n === '0') return;
  }
  throw new Error('webhook delivery runs did not settle');
}

async function runDeliveries(): Promise<void> {
  await t.platform.jobs.enqueue({ kind: webhookDeliveryJobKind, maxAttempts: 1 });
  await settle();
}

async function deliveries(as: string, query = ''): Promise<WebhookDelivery[]> {
  const response = await t.as(as)<{ items: WebhookDelivery[] }>('GET', `/api/v1/webhooks/deliveries${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}

async function register(as: string, url: string, events = ['consent.granted', 'consent.revoked']) {
  const response = await t.as(as)<WebhookEndpoint & { secret: string }>('POST', '/api/v1/webhooks', { body: { url, events, description: 'test receiver' } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = script.get(path)?.shift() ?? (down && path.includes('down') ? 503 : 200);
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  t = await testPlatform({ env: { WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${port}` } });
  // The platform's own handler, with its transport counted: a refused target must never get here.
  t.platform.jobs.register(
    webhookDeliveryJob({
      db: t.db,
      clock: t.clock,
      fieldCipher: t.platform.fieldCipher,
      allowHosts: t.platform.config.webhookAllowHosts,
      version: 'test',
      transport: (request) => (connects.push(request), nodeTransport(request)),
    }),
  );
  await t.platform.jobs.idle(); // the demo seed (settled again below)
  await settle();
});
afterAll(async () => {
  await t?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks', () => {
  let bank1Endpoint: WebhookEndpoint & { secret: string };
  const bank2Hooks: Record<string, string> = {};

  it('delivers a signed event to a local receiver, retrying after a failure', async () => {
    bank1Endpoint = await register('bank1', `http://127.0.0.1:${port}/hooks/bank1`);
    expect(bank1Endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(bank1Endpoint).toMatchObject({ organisationId: demoIds.bank1, enabled: true, events: ['consent.granted', 'consent.revoked'] });
    script.set('/hooks/bank1', [500]);

    const grantedAt = unix();
    const consent = await t.as('enterprise1')<{ id: string }>('POST', '/api/v1/consents', { body: consentBody(demoIds.bank1) });
    expect(consent.status).toBe(201);
    await settle(); // emitEvent queued the run with the event

    const first = received.filter((r) => r.path === '/hooks/bank1');
    expect(first).toHaveLength(1);
    let [delivery] = await deliveries('bank1');
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500', eventType: 'consent.granted', url: bank1Endpoint.url });
    expect(delivery!.nextAttemptAt).toBe(new Date(t.clock.now().getTime() + 30_000).toISOString());

    // Not due yet: a run now sends nothing.
    await runDeliveries();
    expect(received.filter((r) => r.path === '/hooks/bank1')).toHaveLength(1);

    t.clock.advance(31_000);
    await runDeliveries();
    const attempts = received.filter((r) => r.path === '/hooks/bank1');
    expect(attempts).toHaveLength(2);
    [delivery] = await deliveries('bank1');
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(delivery!.deliveredAt).toBe(t.clock.now().toISOString());

    // Both attempts: the same event and bytes, each signed for its own time with the secret shown at registration.
    const [a1, a2] = attempts as [Received, Received];
    expect(a2.body).toBe(a1.body);
    expect(a1.headers['x-cfp-event-id']).toBe(delivery!.eventId);
    expect(a2.headers['x-cfp-event-id']).toBe(delivery!.eventId);
    expect(a1.headers['x-cfp-event-type']).toBe('consent.granted');
    expect(a1.headers['x-cfp-delivery-id']).toBe(delivery!.id);
    expect(a1.headers['content-type']).toBe('application/json');
    expect(Number(a1.headers['x-cfp-timestamp'])).toBe(grantedAt);
    expect(Number(a2.headers['x-cfp-timestamp'])).toBe(grantedAt + 31);
    for (const [attempt, now] of [
      [a1, grantedAt],
      [a2, unix()],
    ] as const) {
      const check = {
        secret: bank1Endpoint.secret,
        body: attempt.body,
        timestamp: attempt.headers['x-cfp-timestamp'] as string,
        signature: attempt.headers['x-cfp-signature'] as string,
      };
      expect(check.signature).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature({ ...check, now })).toEqual({ valid: true });
      expect(verifyWebhookSignature({ ...check, now: now + 301 })).toEqual({ valid: false, reason: 'stale_timestamp' });
      expect(verifyWebhookSignature({ ...check, body: attempt.body.replace('pre_loan', 'guarantee'), now })).toEqual({ valid: false, reason: 'mismatch' });
      expect(verifyWebhookSignature({ ...check, secret: 'whsec_guess', now })).toEqual({ valid: false, reason: 'mismatch' });
    }
    const event = JSON.parse(a1.body) as {
      id: string;
      type: string;
      createdAt: string;
      data: { consent: { id: string; granteeId: string; status: string }; enterprise: { id: string } };
    };
    expect(Object.keys(event)).toEqual(['id', 'type', 'createdAt', 'data']);
    expect(event).toMatchObject({ id: delivery!.eventId, type: 'consent.granted', createdAt: new Date(grantedAt * 1000).toISOString() });
    expect(event.data.consent).toMatchObject({ id: consent.body.id, granteeId: demoIds.bank1, status: 'active' });
    expect(event.data.enterprise.id).toBe(demoIds.enterprise1);
    expect(connects.every((c) => c.address === '127.0.0.1')).toBe(true);

    // The secret was shown once: lists never carry it, and the database holds it only encrypted.
    const list = await t.as('bank1')<{ items: object[] }>('GET', '/api/v1/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(bank1Endpoint.secret);
    expect(list.body.items[0]).not.toHaveProperty('secret');
    const [stored] = await t.db.query<{ secret_enc: string }>('select secret_enc from webhook_endpoints where id = $1', [bank1Endpoint.id]);
    expect(stored!.secret_enc).not.toContain(bank1Endpoint.secret.slice(6));
    const [kept] = await t.db.query<{ n: string }>(`select count(*) as n from idempotency_keys where response_body::text like $1`, [`%${bank1Endpoint.secret}%`]);
    expect(kept!.n).toBe('0');

    // Revoking sends consent.revoked to the same endpoint.
    expect((await t.as('enterprise1')('POST', `/api/v1/consents/${consent.body.id}/revoke`, { body: {} })).status).toBe(200);
    await settle();
    const revoked = received.filter((r) => r.path === '/hooks/bank1').at(-1)!;
    expect(revoked.headers['x-cfp-event-type']).toBe('consent.revoked');
    expect((JSON.parse(revoked.body) as { data: { consent: { status: string } } }).data.consent.status).toBe('revoked');
  });

  it('refuses private, loopback and link-local targets at sending time, without connecting', async () => {
    // Registration checks syntax only (https, no credentials): the send-time check is the one that matters.
    bank2Hooks.private = (await register('bank2', 'https://10.0.0.1/hook')).id;
    bank2Hooks.mapped = (await register('bank2', 'https://[::ffff:127.0.0.1]/')).id;
    bank2Hooks.metadata = (await register('bank2', 'https://169.254.169.254/')).id;
    bank2Hooks.down = (await register('bank2', `http://127.0.0.1:${port}/hooks/bank2-down`, ['consent.granted'])).id;
    down = true;
    const connectsBefore = connects.length;
    expect((await t.as('enterprise1')('POST', '/api/v1/consents', { body: consentBody(demoIds.bank2) })).status).toBe(201);
    await settle();

    const byEndpoint = new Map((await deliveries('bank2')).map((d) => [d.endpointId, d]));
    expect(byEndpoint.get(bank2Hooks.private)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'refused: private address' });
    expect(byEndpoint.get(bank2Hooks.mapped)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'refused: loopback address' });
    expect(byEndpoint.get(bank2Hooks.metadata)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'refused: link-local address' });
    expect(byEndpoint.get(bank2Hooks.down)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'HTTP 503' });
    // One connection only: the allow-listed local receiver. None to the refused targets.
    const opened = connects.slice(connectsBefore);
    expect(opened.map((c) => c.url.toString())).toEqual([`http://127.0.0.1:${port}/hooks/bank2-down`]);
  });

  it('gives up after 24 h of failures: dead, in the dead-letter view, and re-queued by an admin', async () => {
    // The test tokens (valid 24 h) must outlive the day this test lets pass.
    await t.db.query(`update api_tokens set expires_at = expires_at + interval '7 days'`);
    let rounds = 0;
    for (;;) {
      t.clock.advance(60 * 60_000);
      await runDeliveries();
      rounds += 1;
      const pending = (await deliveries('bank2', '?status=pending')).length;
      if (pending === 0 || rounds > 40) break;
    }
    expect(rounds).toBeGreaterThanOrEqual(24);
    expect(rounds).toBeLessThanOrEqual(26);
    const dead = await deliveries('bank2', '?status=dead');
    expect(dead.map((d) => d.endpointId).sort()).toEqual(Object.values(bank2Hooks).sort());
    for (const d of dead) {
      expect(d.attempts).toBeGreaterThanOrEqual(25);
      expect(new Date(d.deadAt!).getTime() - new Date(d.firstAttemptAt!).getTime()).toBeGreaterThanOrEqual(24 * 60 * 60_000);
      expect(d.lastError).toMatch(/^(refused: |HTTP 503)/);
    }
    // bank1's delivered events are not bank2's dead letters, nor the other way round.
    expect((await deliveries('bank1', '?status=dead')).length).toBe(0);

    // The receiver is back: an admin re-queues the dead delivery, and it is delivered at once.
    down = false;
    const deadDown = dead.find((d) => d.endpointId === bank2Hooks.down)!;
    const requeued = await t.as('bank2')<WebhookDelivery>('POST', `/api/v1/webhooks/deliveries/${deadDown.id}/retry`, { body: {} });
    expect(requeued.status).toBe(200);
    expect(requeued.body).toMatchObject({ status: 'pending', firstAttemptAt: null, deadAt: null, nextAttemptAt: t.clock.now().toISOString(), attempts: deadDown.attempts });
    await settle(); // the retry queued the run
    const after = (await deliveries('bank2')).find((d) => d.id === deadDown.id)!;
    expect(after).toMatchObject({ status: 'delivered', attempts: deadDown.attempts + 1, lastStatusCode: 200 });
    expect((await deliveries('bank2', '?status=dead')).map((d) => d.id)).not.toContain(deadDown.id);

    // Only dead deliveries are re-queued.
    const again = await t.as('bank2')<{ error: { code: string } }>('POST', `/api/v1/webhooks/deliveries/${deadDown.id}/retry`, { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('WEBHOOK_NOT_RETRYABLE');
  });

  it('disabling an endpoint stops sending and gives up its pending deliveries; a dead one of it is not re-queued', async () => {
    const endpoint = await register('bank1', `http://127.0.0.1:${port}/hooks/bank1-second`, ['consent.granted']);
    script.set('/hooks/bank1-second', [500]);
    expect((await t.as('enterprise2')('POST', '/api/v1/consents', { body: consentBody(demoIds.bank1, 'post_loan') })).status).toBe(201);
    await settle();
    const pending = (await deliveries('bank1', `?endpointId=${endpoint.id}`))[0]!;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    const disabled = await t.as('bank1')<WebhookEndpoint>('POST', `/api/v1/webhooks/${endpoint.id}/disable`, { body: {} });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ enabled: false, version: 2 });
    expect((await deliveries('bank1', `?endpointId=${endpoint.id}`))[0]).toMatchObject({ status: 'dead', lastError: 'endpoint disabled', nextAttemptAt: null });
    const retry = await t.as('bank1')<{ error: { code: string; details: { reason: string } } }>('POST', `/api/v1/webhooks/deliveries/${pending.id}/retry`, { body: {} });
    expect(retry.status).toBe(409);
    expect(retry.body.error).toMatchObject({ code: 'WEBHOOK_NOT_RETRYABLE', details: { reason: 'endpoint_disabled' } });
    // Nothing more is queued for it.
    const sent = received.length;
    expect((await t.as('enterprise2')('POST', '/api/v1/consents', { body: consentBody(demoIds.bank1, 'guarantee') })).status).toBe(201);
    t.clock.advance(60_000);
    await runDeliveries();
    expect(received.slice(sent).map((r) => r.path)).toEqual(['/hooks/bank1']); // the first endpoint only
    // The same URL may be registered again once the old registration is disabled.
    await register('bank1', `http://127.0.0.1:${port}/hooks/bank1-second`, ['consent.revoked']);
  });

  it('writes the outbox in the command’s transaction: a failed command leaves no event, delivery or job', async () => {
    const counts = async () =>
      (
        await t.db.query<{ events: string; deliveries: string; jobs: string }>(
          `select (select count(*) from webhook_events) as events, (select count(*) from webhook_deliveries) as deliveries,
                  (select count(*) from jobs where kind = '${webhookDeliveryJobKind}') as jobs`,
        )
      )[0]!;
    await settle();
    const before = await counts();
    await expect(
      t.db.inTransaction(async () => {
        const emitted = await emitEvent(t.platform, { organisationId: demoIds.bank1, type: 'consent.granted', payload: { test: true } });
        expect(emitted.deliveries).toBe(1);
        throw new Error('the command failed after emitting');
      }),
    ).rejects.toThrow('the command failed after emitting');
    expect(await counts()).toEqual(before);

    // Control: committed, it is written and sent.
    const sent = received.length;
    const emitted = await t.db.inTransaction(() => emitEvent(t.platform, { organisationId: demoIds.bank1, type: 'consent.granted', payload: { test: true } }));
    expect(emitted).toMatchObject({ deliveries: 1 });
    await settle();
    expect(received.slice(sent).map((r) => r.headers['x-cfp-event-id'])).toEqual([emitted.eventId]);
    // No subscriber, no rows: an organisation without endpoints.
    expect(await emitEvent(t.platform, { organisationId: demoIds.insurer, type: 'consent.granted', payload: {} })).toEqual({ eventId: null, deliveries: 0 });
  });
});

describe('webhook registration', () => {
  it.each([
    ['http://erp.bank.example/hook', 'WEBHOOK_URL_INVALID', 400, 'not_https'],
    ['ftp://erp.bank.example/hook', 'WEBHOOK_URL_INVALID', 400, 'not_https'],
    ['https://user:pw@erp.bank.example/hook', 'WEBHOOK_URL_INVALID', 400, 'credentials'],
    ['not a url', 'WEBHOOK_URL_INVALID', 400, 'not_a_url'],
    [`http://127.0.0.1:${1}/not-the-listed-port`, 'WEBHOOK_URL_INVALID', 400, 'not_https'],
  ])('%s → %s', async (url, code, status, reason) => {
    const response = await t.as('bank1')<{ error: { code: string; details: { reason: string } } }>('POST', '/api/v1/webhooks', { body: { url, events: ['consent.granted'] } });
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, details: { reason } });
  });

  it('refuses unknown events and duplicate live URLs; stores the URL normalised', async () => {
    const unknown = await t.as('bank1')<{ error: { code: string } }>('POST', '/api/v1/webhooks', { body: { url: 'https://erp.bank.example/a', events: ['consent.maybe'] } });
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    const created = await register('bank1', 'https://ERP.Bank.Example/a#fragment');
    expect(created.url).toBe('https://erp.bank.example/a');
    const duplicate = await t.as('bank1')<{ error: { code: string } }>('POST', '/api/v1/webhooks', { body: { url: 'https://erp.bank.example/a', events: ['consent.granted'] } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('ALREADY_EXISTS');
  });

  it('a replay with the same Idempotency-Key returns the endpoint without the secret', async () => {
    const init = { body: { url: 'https://erp.bank.example/idem', events: ['consent.granted'] }, headers: { 'idempotency-key': 'webhook-1' } };
    const first = await t.as('bank1')<{ id: string; secret: string | null }>('POST', '/api/v1/webhooks', init);
    const replay = await t.as('bank1')<{ id: string; secret: string | null }>('POST', '/api/v1/webhooks', init);
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/^whsec_/);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: first.body.id, secret: null });
  });
});

describe('webhook authorisation', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ids.bank1Endpoint = (await register('bank1', 'https://erp.bank.example/matrix')).id;
    ids.bank2Endpoint = (await register('bank2', 'https://core.bank2.example/matrix')).id;
    const [dead] = await deliveries('bank2', '?status=dead');
    ids.bank2Delivery = dead!.id;
  });

  type Row = [actor: string, method: string, path: () => string, body: unknown, status: number, code?: string];
  const rows: Row[] = [
    ['bank1', 'GET', () => '/api/v1/webhooks', undefined, 200],
    ['bank1-sub', 'GET', () => '/api/v1/webhooks', undefined, 403, 'FORBIDDEN'], // an officer of its own office
    ['bank1', 'GET', () => `/api/v1/webhooks?organisationId=${demoIds.bank2}`, undefined, 403, 'FORBIDDEN'],
    ['bank1', 'GET', () => `/api/v1/webhooks/deliveries?organisationId=${demoIds.bank2}`, undefined, 403, 'FORBIDDEN'],
    ['bank1-branch', 'GET', () => `/api/v1/webhooks?organisationId=${demoIds.bank1}`, undefined, 403, 'FORBIDDEN'], // a branch admin, for its head office
    ['bank1', 'POST', () => `/api/v1/webhooks/${ids.bank2Endpoint}/disable`, {}, 404, 'NOT_FOUND'],
    ['bank1-branch', 'POST', () => `/api/v1/webhooks/${ids.bank1Endpoint}/disable`, {}, 404, 'NOT_FOUND'],
    ['bank1-sub', 'POST', () => `/api/v1/webhooks/${ids.bank1Endpoint}/disable`, {}, 404, 'NOT_FOUND'],
    ['enterprise1', 'POST', () => `/api/v1/webhooks/${ids.bank1Endpoint}/disable`, {}, 404, 'NOT_FOUND'],
    ['bank1', 'POST', () => `/api/v1/webhooks/deliveries/${ids.bank2Delivery}/retry`, {}, 404, 'NOT_FOUND'],
    ['pboc', 'POST', () => `/api/v1/webhooks/deliveries/${ids.bank2Delivery}/retry`, {}, 404, 'NOT_FOUND'], // regulators see banks' data, not their systems
    ['bank1', 'POST', () => '/api/v1/webhooks', { url: 'https://x.example/h', events: ['consent.granted'], organisationId: demoIds.bank2 }, 403, 'FORBIDDEN'],
    ['bank1-sub', 'POST', () => '/api/v1/webhooks', { url: 'https://x.example/h', events: ['consent.granted'] }, 403, 'FORBIDDEN'],
    ['bank1-manager', 'POST', () => '/api/v1/webhooks', { url: 'https://x.example/h', events: ['consent.granted'] }, 403, 'FORBIDDEN'],
    ['resident1', 'GET', () => '/api/v1/webhooks/deliveries', undefined, 403, 'FORBIDDEN'],
    ['admin', 'GET', () => `/api/v1/webhooks?organisationId=${demoIds.bank2}`, undefined, 200],
    ['admin', 'GET', () => `/api/v1/webhooks/deliveries?organisationId=${demoIds.bank2}&status=dead`, undefined, 200],
    ['enterprise1', 'POST', () => '/api/v1/webhooks', { url: 'https://erp.enterprise1.example/h', events: ['consent.revoked'] }, 201], // any organisation's admin, for its own
  ];

  it.each(
    rows.map(([actor, method, path, body, status, code]) => ({
      name: `${actor} ${method} ${path.toString().replace(/^\(\) => /, '')} → ${status}`,
      actor,
      method,
      path,
      body,
      status,
      code,
    })),
  )('$name', async ({ actor, method, path, body, status, code }) => {
    await t.tokenFor(actor);
    const state = () =>
      t.db.query(`select (select count(*) from webhook_endpoints where disabled_at is null) as live, (select count(*) from webhook_deliveries where status = 'dead') as dead`);
    const before = await state();
    const response = await t.as(actor)<{ error?: { code: string } }>(method, path(), body === undefined ? {} : { body });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (code) {
      expect(response.body.error?.code).toBe(code);
      expect(await state()).toEqual(before);
      expect(JSON.stringify(response.body)).not.toMatch(/bank2\.example|10\.0\.0\.1|whsec_/);
    }
  });

  it('lists only the caller’s organisation’s endpoints and deliveries; platform admins see every organisation’s', async () => {
    const bank1 = await t.as('bank1')<{ items: WebhookEndpoint[] }>('GET', '/api/v1/webhooks?limit=200');
    expect(new Set(bank1.body.items.map((e) => e.organisationId))).toEqual(new Set([demoIds.bank1]));
    expect((await deliveries('bank1', '?limit=200')).every((d) => d.url.includes('bank1') || d.url.includes('erp.bank.example'))).toBe(true);
    expect((await deliveries('bank2', '?limit=200')).some((d) => d.url.includes('/hooks/bank1'))).toBe(false);
    const all = await t.as('admin')<{ items: WebhookEndpoint[] }>('GET', '/api/v1/webhooks?limit=200');
    expect(new Set(all.body.items.map((e) => e.organisationId))).toEqual(new Set([demoIds.bank1, demoIds.bank2, demoIds.enterprise1]));
    // Keyset pages of one
    const page1 = await t.as('bank2')<{ items: WebhookEndpoint[]; nextCursor: string }>('GET', '/api/v1/webhooks?limit=1');
    const page2 = await t.as('bank2')<{ items: WebhookEndpoint[] }>('GET', `/api/v1/webhooks?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0]!.id).not.toBe(page1.body.items[0]!.id);
  });
});
