/**
 * The audit module in-process: recordAudit in a command's transaction, the browse API (mounted on
 * its own behind the authentication middleware, as the platform administrator), and
 * the head export job with its schedule.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, AuditHeadView } from '@cfp/contracts';
import { auditRepository } from '@cfp/db';
import { digestOf, verifyChain } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import { buildOpenApiDocument } from '../../http/app.ts';
import type { AppEnv } from '../../http/context.ts';
import { testNow, testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { auditHeadExportJob, auditHeadExportJobKind, scheduleAuditHeadExport } from './audit-head-export.ts';
import { auditHeadsFile, readLastExportedHead } from './audit-heads-file.ts';
import { auditRoutes } from './audit-routes.ts';
import { authenticate } from '../identity/authenticate.ts';
import { recordAudit, toDomainAuditEntry, verifyAuditTrail } from './audit-service.ts';

let t: TestPlatform;
let app: OpenAPIHono<AppEnv>;
let adminToken: string;
beforeAll(async () => {
  t = await testPlatform();
  t.platform.jobs.register(auditHeadExportJob({ db: t.db, clock: t.clock, dataDir: t.platform.config.dataDir }));
  app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new AppError('VALIDATION_FAILED');
    },
  });
  app.use('/api/v1/*', authenticate(t.platform));
  app.route('/', auditRoutes(t.platform));
  adminToken = await t.tokenFor('admin');
  app.onError((error, c) =>
    error instanceof AppError ? c.json({ error: { code: error.code } }, error.status as 400) : c.json({ error: { code: 'INTERNAL', message: String(error) } }, 500),
  );
});
afterAll(() => t?.close());

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await app.request(path, { headers: { authorization: `Bearer ${adminToken}` } });
  return { status: response.status, body: (await response.json()) as T };
}

type Page = { items: AuditEntryView[]; nextCursor: string | null };
const bank = { userId: 'user-bank-1', organisationId: 'bank-1' };
const drc = { userId: 'user-drc-1', organisationId: 'drc' };

describe('recordAudit', () => {
  it('writes one chained entry per command with digests of before and after, committing with the command', async () => {
    const before = { id: 'ent-001', nameZh: '示例企业', version: 1, updatedAt: new Date('2024-06-01T00:00:00Z') };
    const after = { ...before, nameZh: '示例企业（改）', version: 2 };
    const entry = await t.db.orm.transaction((tx) =>
      recordAudit(tx, { actor: drc, action: 'organisation.update', target: { type: 'organisation', id: 'ent-001' }, before, after, requestId: 'req-1', now: t.clock.now() }),
    );
    expect(entry).toMatchObject({
      seq: '1',
      at: testNow.getTime(),
      actorUserId: 'user-drc-1',
      actorOrganisationId: 'drc',
      algorithm: 'sha256',
      beforeDigest: digestOf({ ...before, updatedAt: '2024-06-01T00:00:00.000Z' }, 'sha256'),
      afterDigest: digestOf(after, 'sha256'),
    });
    const created = await recordAudit(t.db.orm, { actor: null, action: 'job.start', target: null, after: { kind: 'x' }, requestId: null, now: t.clock.now(), algorithm: 'sm3' });
    expect(created).toMatchObject({ seq: '2', prevHash: entry.hash, beforeDigest: null, actorUserId: null, targetType: null, algorithm: 'sm3' });
    await expect(
      t.db.orm.transaction(async (tx) => {
        await recordAudit(tx, { actor: bank, action: 'organisation.create', target: { type: 'organisation', id: 'x' }, after: {}, requestId: 'r', now: t.clock.now() });
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');
    expect((await auditRepository(t.db.orm).head())?.seq).toBe('2');
    expect(await verifyAuditTrail({ orm: t.db.orm })).toMatchObject({ ok: true, checked: 2 });
  });

  it('refuses a state that is not JSON rather than digesting less than it was given', async () => {
    await expect(recordAudit(t.db.orm, { actor: null, action: 'x.y', target: null, after: { amount: 10n }, requestId: null, now: t.clock.now() })).rejects.toThrow(/BigInt/);
  });
});

describe('GET /api/v1/audit', () => {
  beforeAll(async () => {
    // 12 more commands, a minute apart: seqs 3…14
    for (let i = 0; i < 12; i++) {
      t.clock.advance(60_000);
      await recordAudit(t.db.orm, {
        actor: i % 2 ? bank : drc,
        action: i % 3 === 0 ? 'organisation.create' : i % 3 === 1 ? 'organisation.update' : 'consent.grant',
        target: { type: i % 3 === 2 ? 'consent' : 'organisation', id: `t-${i % 2}` },
        before: i % 3 === 0 ? null : { v: i },
        after: { v: i + 1 },
        requestId: `req-${i}`,
        now: t.clock.now(),
      });
    }
  });

  it('lists every field, newest first, in keyset pages', async () => {
    const seqs: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: Page } = await get<Page>(`/api/v1/audit?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seqs.push(...page.body.items.map((e) => e.seq));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seqs).toEqual(Array.from({ length: 14 }, (_, i) => String(14 - i)));
    const newest = (await get<Page>('/api/v1/audit?limit=1')).body.items[0]!;
    expect(Object.keys(newest).sort()).toEqual(
      ['action', 'actorOrganisationId', 'actorUserId', 'afterDigest', 'algorithm', 'at', 'beforeDigest', 'hash', 'prevHash', 'requestId', 'seq', 'targetId', 'targetType'].sort(),
    );
    expect(newest).toMatchObject({ seq: '14', at: new Date(testNow.getTime() + 12 * 60_000).toISOString(), requestId: 'req-11', actorOrganisationId: 'bank-1' });
    // What the API shows is enough for anyone to recompute the chain.
    const all = (await get<Page>('/api/v1/audit?limit=200')).body.items.reverse();
    expect(verifyChain(all.map((e) => toDomainAuditEntry({ ...e, at: Date.parse(e.at) })))).toMatchObject({ ok: true, checked: 14 });
  });

  it.each([
    ['actorOrganisationId=bank-1', ['14', '12', '10', '8', '6', '4']],
    ['actorUserId=user-drc-1', ['13', '11', '9', '7', '5', '3', '1']],
    ['action=organisation.create', ['12', '9', '6', '3']],
    ['action=organisation', ['13', '12', '10', '9', '7', '6', '4', '3', '1']],
    ['action=consent', ['14', '11', '8', '5']],
    ['targetType=organisation&targetId=t-1', ['12', '10', '6', '4']],
    [`from=${new Date(testNow.getTime() + 3 * 60_000).toISOString()}&to=${new Date(testNow.getTime() + 6 * 60_000).toISOString()}`, ['7', '6', '5']],
    ['actorOrganisationId=drc&action=consent.grant', ['11', '5']],
    ['targetId=nothing-like-this', []],
  ])('filters: %s', async (query, expected) => {
    const page = await get<Page>(`/api/v1/audit?limit=200&${query}`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((e) => e.seq)).toEqual(expected);
  });

  it.each([
    ['cursor=not-a-cursor', 'INVALID_CURSOR'],
    [`cursor=${Buffer.from(JSON.stringify({ seq: '-1' })).toString('base64url')}`, 'INVALID_CURSOR'],
    ['action=Organisation%20Create', 'VALIDATION_FAILED'],
    ['from=yesterday', 'VALIDATION_FAILED'],
    ['limit=201', 'VALIDATION_FAILED'],
  ])('rejects %s', async (query, code) => {
    const page = await get<{ error: { code: string } }>(`/api/v1/audit?${query}`);
    expect(page.status).toBe(400);
    expect(page.body.error.code).toBe(code);
  });

  it('is registered in the application and documented', () => {
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/audit', '/api/v1/audit/head']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['AuditEntry', 'AuditPage', 'AuditHead']));
  });
});

describe('head export', () => {
  it('shows the current head; the export job records it in audit_heads and heads.jsonl (owner-only), once per head', async () => {
    const before = await get<AuditHeadView>('/api/v1/audit/head');
    expect(before.body).toMatchObject({ head: { seq: '14', algorithm: 'sha256' }, exported: null });
    const file = auditHeadsFile(t.platform.config.dataDir);
    expect(existsSync(file)).toBe(false);

    await t.platform.jobs.enqueue({ kind: auditHeadExportJobKind });
    await t.platform.jobs.idle();
    const after = await get<AuditHeadView>('/api/v1/audit/head');
    expect(after.body.exported).toEqual({ seq: '14', hash: after.body.head!.hash, algorithm: 'sha256', exportedAt: t.clock.now().toISOString() });
    expect(readLastExportedHead(file)).toEqual(after.body.exported);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(t.platform.config.dataDir, 'audit')).mode & 0o777).toBe(0o700);

    // Nothing new: nothing written.
    await t.platform.jobs.enqueue({ kind: auditHeadExportJobKind });
    await t.platform.jobs.idle();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);

    t.clock.advance(1000);
    await recordAudit(t.db.orm, { actor: drc, action: 'organisation.update', target: { type: 'organisation', id: 'x' }, requestId: null, now: t.clock.now() });
    await t.platform.jobs.enqueue({ kind: auditHeadExportJobKind });
    await t.platform.jobs.idle();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: string }).seq)).toEqual(['14', '15']);
    expect((await get<AuditHeadView>('/api/v1/audit/head')).body.exported?.seq).toBe('15');
    expect(await verifyAuditTrail({ orm: t.db.orm, head: readLastExportedHead(file), chunk: 4 })).toMatchObject({ ok: true, checked: 15 });
  });

  it('is queued on a schedule', async () => {
    const queued: Array<{ kind: string }> = [];
    const runner = { ...t.platform.jobs, enqueue: async (o: { kind: string }) => (queued.push(o), undefined as never) };
    const schedule = scheduleAuditHeadExport({ runner, everyMs: 20 });
    await new Promise((r) => setTimeout(r, 110));
    schedule.stop();
    const count = queued.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(queued.every((q) => q.kind === auditHeadExportJobKind)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(queued.length).toBe(count);
  });
});
