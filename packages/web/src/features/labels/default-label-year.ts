/**
 * The year the colour list opens on: the last complete year with data. The clock alone would say
 * "last calendar year", but a city's data arrive later (the demo's end in 2024), so:
 * - callers who may read the registry: the latest year whose annual account is complete, of the
 *   first enterprise in the registry (the commission reviews that year's drafts);
 * - everyone else, or when that finds nothing: the latest of the last six years with a published
 *   colour list;
 * - failing both: last calendar year (Asia/Shanghai).
 * Nothing here is a permission: the server answers every list by role.
 *
 * @example
 * await defaultLabelYear({ api, readsRegistry: true, today: new Date('2026-11-27') }) // 2024 in the demo
 */
import type { CarbonAccount, Enterprise } from '@cfp/contracts';
import type { ApiClient } from '../../app/api-client.ts';

/** The calendar year in Asia/Shanghai. */
export function businessYearOf(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

async function latestCompleteAccountYear(api: ApiClient, lastYear: number): Promise<number | undefined> {
  const registry = await api.get<{ items: Enterprise[] }>('/api/v1/enterprises');
  const first = registry.items[0];
  if (!first) return undefined;
  const accounts = await api.get<{ items: CarbonAccount[] }>(`/api/v1/enterprises/${encodeURIComponent(first.id)}/accounts`, { periodType: 'year' });
  const years = accounts.items.filter((a) => a.complete && /^\d{4}$/.test(a.period)).map((a) => Number(a.period));
  const candidates = years.filter((y) => y <= lastYear);
  return candidates.length ? Math.max(...candidates) : undefined;
}

async function latestPublishedYear(api: ApiClient, lastYear: number): Promise<number | undefined> {
  for (let year = lastYear; year > lastYear - 6; year--) {
    const list = await api.get<{ items: unknown[] }>('/api/v1/labels', { year });
    if (list.items.length) return year;
  }
  return undefined;
}

export async function defaultLabelYear(options: { api: ApiClient; readsRegistry: boolean; today?: Date }): Promise<number> {
  const lastYear = businessYearOf(options.today ?? new Date()) - 1;
  const fromAccounts = options.readsRegistry ? await latestCompleteAccountYear(options.api, lastYear).catch(() => undefined) : undefined;
  if (fromAccounts !== undefined) return fromAccounts;
  const published = await latestPublishedYear(options.api, lastYear).catch(() => undefined);
  return published ?? lastYear;
}
