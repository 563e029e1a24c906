/**
 * `notify`: puts a notification in an inbox — one user's, or an organisation's (every member sees
 * it and reads it on their own). It writes through `platform.db.orm`, so inside a command it
 * commits or rolls back with the change it reports.
 *
 * @example
 * await notify(platform, { organisationId: grantee.id, type: 'consent.granted', title: { zh: '新的数据授权', en: 'New data consent' }, body, link: `/consents/${id}` });
 */
import { randomUUID } from 'node:crypto';
import { notificationRepository } from '@cfp/db';
import type { Platform } from '../../http/context.ts';

export interface Bilingual {
  zh: string;
  en: string;
}

export type NotifyOptions = {
  /** <object>.<event>, e.g. consent.granted */
  type: string;
  /** Up to 200 characters each. */
  title: Bilingual;
  /** Up to 2,000 characters each. */
  body: Bilingual;
  /** A path inside the app (`/consents/…`), never a URL of another site. */
  link?: string;
} & ({ organisationId: string; userId?: undefined } | { userId: string; organisationId?: undefined });

const appPath = /^\/[^/\\]/;

/** Returns the new notification's id. Throws on a programming error (no or two recipients, a link that leaves the app). */
export async function notify(platform: Pick<Platform, 'db' | 'clock'>, options: NotifyOptions): Promise<string> {
  if ((options.userId === undefined) === (options.organisationId === undefined)) throw new Error('notify: name exactly one of userId and organisationId');
  if (options.link !== undefined && !(appPath.test(options.link) && options.link.length <= 500)) throw new Error('notify: link must be a path inside the app');
  const row = await notificationRepository(platform.db.orm).insert({
    id: randomUUID(),
    recipientUserId: options.userId ?? null,
    recipientOrganisationId: options.organisationId ?? null,
    type: options.type,
    titleZh: options.title.zh,
    titleEn: options.title.en,
    bodyZh: options.body.zh,
    bodyEn: options.body.en,
    link: options.link ?? null,
    createdAt: platform.clock.now(),
  });
  return row.id;
}
