/**
 * /api/v1/notifications: the caller's inbox — notifications addressed to them and to their
 * organisation (members only), newest first, with per-user read state and an unread count for the
 * badge. Another user's or another organisation's notification is 404, as if it did not exist.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { idSchema, listNotificationsQuerySchema, notificationPageSchema, notificationSchema, readAllResultSchema, unreadCountSchema, type Notification } from '@cfp/contracts';
import { notificationRepository, type InboxItem } from '@cfp/db';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv, Platform } from '../../http/context.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { body, errorResponses, json } from '../../http/responses.ts';
import { actorOf } from '../identity/authenticate.ts';

const cursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string().max(64) });
const idParam = z.object({ id: idSchema.or(z.uuid()).openapi({ param: { name: 'id', in: 'path' } }) });

export function toNotification(item: InboxItem): Notification {
  const n = item.notification;
  return {
    id: n.id,
    type: n.type,
    audience: n.recipientUserId !== null ? 'user' : 'organisation',
    title: { zh: n.titleZh, en: n.titleEn },
    body: { zh: n.bodyZh, en: n.bodyEn },
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    read: item.readAt !== null,
    readAt: item.readAt?.toISOString() ?? null,
  };
}

const list = createRoute({
  method: 'get',
  path: '/api/v1/notifications',
  tags: ['notifications'],
  summary: 'Your inbox: your own and your organisation’s notifications, newest first',
  request: { query: listNotificationsQuerySchema },
  responses: { 200: json(notificationPageSchema, 'A page of notifications'), ...errorResponses.read },
});
const unreadCount = createRoute({
  method: 'get',
  path: '/api/v1/notifications/unread-count',
  tags: ['notifications'],
  summary: 'How many notifications of your inbox you have not read',
  responses: { 200: json(unreadCountSchema, 'The unread count'), ...errorResponses.read },
});
const read = createRoute({
  method: 'post',
  path: '/api/v1/notifications/{id}/read',
  tags: ['notifications'],
  summary: 'Mark one notification read (for you only: other members of your organisation keep their own state)',
  request: { params: idParam, body: body(z.strictObject({})) },
  responses: { 200: json(notificationSchema, 'The notification, read'), ...errorResponses.write },
});
const readAll = createRoute({
  method: 'post',
  path: '/api/v1/notifications/read-all',
  tags: ['notifications'],
  summary: 'Mark every notification of your inbox read',
  request: { body: body(z.strictObject({})) },
  responses: { 200: json(readAllResultSchema, 'How many were marked'), ...errorResponses.write },
});

export function notificationRoutes(platform: Platform) {
  const repo = notificationRepository(platform.db.orm);
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const actor = actorOf(c);
      const { limit, cursor, unread } = c.req.valid('query');
      const after = decodeCursor(cursor, cursorSchema);
      const rows = await repo.inbox({
        userId: actor.userId,
        organisationId: actor.organisationId,
        unreadOnly: unread === 'true',
        ...(after ? { after: { createdAt: new Date(after.createdAt), id: after.id } } : {}),
        limit: limit + 1,
      });
      return c.json(pageOf({ rows, limit, toItem: toNotification, keyOf: (r) => ({ createdAt: r.notification.createdAt.toISOString(), id: r.notification.id }) }), 200);
    })
    .openapi(unreadCount, async (c) => {
      const actor = actorOf(c);
      return c.json({ count: await repo.unreadCount({ userId: actor.userId, organisationId: actor.organisationId }) }, 200);
    })
    .openapi(read, async (c) => {
      const actor = actorOf(c);
      const owner = { userId: actor.userId, organisationId: actor.organisationId };
      const item = await repo.inInbox({ ...owner, id: c.req.valid('param').id });
      if (!item) throw new AppError('NOT_FOUND');
      const readAt = item.readAt ?? (await repo.markRead({ notificationId: item.notification.id, userId: actor.userId, now: platform.clock.now() }));
      return c.json(toNotification({ ...item, readAt }), 200);
    })
    .openapi(readAll, async (c) => {
      const actor = actorOf(c);
      const marked = await repo.markAllRead({ userId: actor.userId, organisationId: actor.organisationId, now: platform.clock.now() });
      return c.json({ marked }, 200);
    });
}
