/**
 * The inbox on PGlite and PostgreSQL: a consent grant notifies the grantee office (its members,
 * not the offices above or below it, nor another bank); each member reads organisation
 * notifications on their own; unread counts follow read and read-all; pages are newest first;
 * `notify` commits and rolls back with its command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@cfp/contracts';
import { demoIds } from '@cfp/domain';
import { identityRepository } from '@cfp/db';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { notify } from './notify.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t?.close());

const consentBody = (granteeId: string, purpose = 'pre_loan') => ({ granteeId, dataScopes: ['profile'], purpose, validFrom: '2024-01-01', validTo: '2024-12-31' });

async function inbox(user: string, query = ''): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const response = await t.as(user)<{ items: Notification[]; nextCursor: string | null }>('GET', `/api/v1/notifications${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}
async function unread(user: string): Promise<number> {
  const response = await t.as(user)<{ count: number }>('GET', '/api/v1/notifications/unread-count');
  expect(response.status).toBe(200);
  return response.body.count;
}

describe('notifications', () => {
  let headOfficeNotification: Notification;
  let subBranchNotification: Notification;
  let subBranchConsent: string;

  it('a grant puts one unread notification in the grantee office’s inbox, and nowhere else', async () => {
    const consent = await t.as('enterprise1')<{ id: string }>('POST', '/api/v1/consents', { body: consentBody(demoIds.bank1) });
    expect(consent.status).toBe(201);
    const bank1 = await inbox('bank1');
    expect(bank1.items).toHaveLength(1);
    headOfficeNotification = bank1.items[0]!;
    expect(headOfficeNotification).toMatchObject({
      type: 'consent.granted',
      audience: 'organisation',
      link: null,
      read: false,
      readAt: null,
      createdAt: t.clock.now().toISOString(),
      title: { zh: '新的数据授权', en: 'New data consent' },
    });
    expect(headOfficeNotification.body.zh).toContain('贷前');
    expect(headOfficeNotification.body.zh).toContain('2024-01-01 至 2024-12-31');
    expect(headOfficeNotification.body.en).toContain('pre-loan');
    expect(await unread('bank1')).toBe(1);
    // Members of the grantee only: not another bank, not the head office's branches, not the enterprise.
    for (const other of ['bank2', 'bank1-branch', 'bank1-sub', 'enterprise1', 'admin']) {
      expect(await unread(other), other).toBe(0);
      expect((await inbox(other)).items, other).toEqual([]);
    }
  });

  it('each member of an organisation reads its notifications on their own', async () => {
    t.clock.advance(1000);
    const consent = await t.as('enterprise1')<{ id: string }>('POST', '/api/v1/consents', { body: consentBody(demoIds.bank1SubBranch) });
    subBranchConsent = consent.body.id;
    // bank1-sub and bank1-manager are both members of the sub-branch.
    expect(await unread('bank1-sub')).toBe(1);
    expect(await unread('bank1-manager')).toBe(1);
    subBranchNotification = (await inbox('bank1-sub')).items[0]!;

    t.clock.advance(1000);
    const read = await t.as('bank1-sub')<Notification>('POST', `/api/v1/notifications/${subBranchNotification.id}/read`, { body: {} });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: subBranchNotification.id, read: true, readAt: t.clock.now().toISOString() });
    expect(await unread('bank1-sub')).toBe(0);
    expect(await unread('bank1-manager')).toBe(1);
    expect((await inbox('bank1-sub', '?unread=true')).items).toEqual([]);
    expect((await inbox('bank1-sub')).items[0]).toMatchObject({ read: true });
    expect((await inbox('bank1-manager', '?unread=true')).items.map((n) => n.id)).toEqual([subBranchNotification.id]);

    // Reading again keeps the first time.
    t.clock.advance(1000);
    const again = await t.as('bank1-sub')<Notification>('POST', `/api/v1/notifications/${subBranchNotification.id}/read`, { body: {} });
    expect(again.body.readAt).toBe(read.body.readAt);
  });

  it('another user’s or organisation’s notification is 404 and its read state is untouched', async () => {
    for (const [user, id] of [
      ['bank2', headOfficeNotification.id],
      ['bank1-sub', headOfficeNotification.id], // the head office's, seen from a sub-branch
      ['bank1', subBranchNotification.id], // the sub-branch's, seen from the head office
      ['enterprise1', headOfficeNotification.id],
    ] as const) {
      const response = await t.as(user)<{ error: { code: string } }>('POST', `/api/v1/notifications/${id}/read`, { body: {} });
      expect(response.status, user).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    expect(await unread('bank1')).toBe(1);
    const rows = await t.db.query(`select * from notification_reads where notification_id = $1`, [headOfficeNotification.id]);
    expect(rows).toEqual([]);
    expect((await t.as('bank1')('POST', '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read', { body: {} })).status).toBe(404);
  });

  it('a revocation notifies too (once), and read-all clears the count for the caller only', async () => {
    t.clock.advance(1000);
    expect((await t.as('enterprise1')('POST', `/api/v1/consents/${subBranchConsent}/revoke`, { body: {} })).status).toBe(200);
    expect((await t.as('enterprise1')('POST', `/api/v1/consents/${subBranchConsent}/revoke`, { body: {} })).status).toBe(200); // already revoked: no second notice
    const manager = await inbox('bank1-manager');
    expect(manager.items.map((n) => n.type)).toEqual(['consent.revoked', 'consent.granted']);
    expect(manager.items[0]!.title.en).toBe('Data consent revoked');
    expect(await unread('bank1-manager')).toBe(2);
    expect(await unread('bank1-sub')).toBe(1);

    const all = await t.as('bank1-manager')<{ marked: number }>('POST', '/api/v1/notifications/read-all', { body: {} });
    expect(all.status).toBe(200);
    expect(all.body.marked).toBe(2);
    expect(await unread('bank1-manager')).toBe(0);
    expect(await unread('bank1-sub')).toBe(1);
    expect((await t.as('bank1-manager')<{ marked: number }>('POST', '/api/v1/notifications/read-all', { body: {} })).body.marked).toBe(0);
  });

  it('a notification for one user reaches that user only; pages are newest first', async () => {
    const manager = await identityRepository(t.db.orm).userByUsername('bank1-manager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      t.clock.advance(1000);
      ids.push(
        await notify(t.platform, { userId: manager!.id, type: 'loan.assigned', title: { zh: `分配 ${i}`, en: `Assigned ${i}` }, body: { zh: '', en: '' }, link: `/loans/${i}` }),
      );
    }
    expect(await unread('bank1-manager')).toBe(5);
    expect(await unread('bank1-sub')).toBe(1); // a colleague in the same office does not see them
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Notification[]; nextCursor: string | null } = await inbox('bank1-manager', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    expect(seen).toHaveLength(7); // and the two consent notices
    expect(new Set(seen).size).toBe(7);
    expect((await inbox('bank1-manager', '?limit=1')).items[0]).toMatchObject({ audience: 'user', type: 'loan.assigned', link: '/loans/4' });
    expect((await t.as('bank1-manager')('GET', '/api/v1/notifications?cursor=not-a-cursor')).status).toBe(400);
  });

  it('notify joins the command’s transaction and refuses programming errors', async () => {
    const count = async () => (await t.db.query<{ n: string }>('select count(*) as n from notifications'))[0]!.n;
    const before = await count();
    await expect(
      t.db.inTransaction(async () => {
        await notify(t.platform, { organisationId: demoIds.bank2, type: 'consent.granted', title: { zh: '甲', en: 'A' }, body: { zh: '', en: '' } });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await count()).toBe(before);
    const bad = { type: 'x.y', title: { zh: '甲', en: 'A' }, body: { zh: '', en: '' } };
    await expect(notify(t.platform, { ...bad, organisationId: demoIds.bank2, userId: 'u' } as never)).rejects.toThrow(/exactly one/);
    await expect(notify(t.platform, { ...bad } as never)).rejects.toThrow(/exactly one/);
    for (const link of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'consents/1', 'javascript:alert(1)']) {
      await expect(notify(t.platform, { ...bad, organisationId: demoIds.bank2, link }), link).rejects.toThrow(/inside the app/);
    }
    expect(await count()).toBe(before);
  });

  it('needs credentials', async () => {
    expect((await t.anonymous('GET', '/api/v1/notifications')).status).toBe(401);
    expect((await t.anonymous('GET', '/api/v1/notifications/unread-count')).status).toBe(401);
  });
});
