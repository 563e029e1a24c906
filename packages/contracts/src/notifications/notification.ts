/** The in-app inbox: notifications for a user and for their organisation, with per-user read state. */
import { z } from '@hono/zod-openapi';
import { instantSchema } from '../common/scalars.ts';
import { pageQuerySchema, pageSchema } from '../common/pagination.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const notificationSchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({ description: 'What happened, e.g. consent.granted.', example: 'consent.granted' }),
    audience: z.enum(['user', 'organisation']).openapi({ description: 'Addressed to you, or to your organisation (each member reads it on their own).' }),
    title: bilingual,
    body: bilingual,
    link: z.string().nullable().openapi({ description: 'A path inside the app to open, e.g. /consents/…', example: '/consents/1f0c…' }),
    createdAt: instantSchema,
    read: z.boolean(),
    readAt: instantSchema.nullable(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = pageSchema(notificationSchema).openapi('NotificationPage');

export const listNotificationsQuerySchema = pageQuerySchema.extend({
  unread: z.enum(['true', 'false']).optional().openapi({ description: 'true: only the ones you have not read.' }),
});

export const unreadCountSchema = z.object({ count: z.number().int().min(0) }).openapi('UnreadCount');

export const readAllResultSchema = z.object({ marked: z.number().int().min(0).openapi({ description: 'How many were unread and are now read.' }) }).openapi('ReadAllResult');
