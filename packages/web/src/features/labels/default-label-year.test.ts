import { describe, expect, it } from 'vitest';
import type { ApiClient, Query } from '../../app/api-client.ts';
import { businessYearOf, defaultLabelYear } from './default-label-year.ts';

/** A fake client answering GETs from a table of path → body (a function of the query). */
function fakeApi(routes: Record<string, (query: Query | undefined) => unknown>): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    get: async <T>(path: string, query?: Query) => {
      calls.push(`${path}${query?.year ? `?year=${query.year}` : ''}`);
      const route = routes[path];
      if (!route) throw new Error(`403 ${path}`);
      return route(query) as T;
    },
    post: async () => {
      throw new Error('no writes');
    },
    patch: async () => {
      throw new Error('no writes');
    },
    upload: async () => {
      throw new Error('no uploads');
    },
  };
}

const today = new Date('2026-11-27T06:00:00Z');

describe('defaultLabelYear', () => {
  it('is the latest complete annual account for callers who read the registry', async () => {
    const api = fakeApi({
      '/api/v1/enterprises': () => ({ items: [{ id: 'ent-001' }] }),
      '/api/v1/enterprises/ent-001/accounts': () => ({
        items: [
          { period: '2025', complete: false },
          { period: '2024', complete: true },
          { period: '2023', complete: true },
        ],
      }),
    });
    expect(await defaultLabelYear({ api, readsRegistry: true, today })).toBe(2024);
  });

  it('is the latest year with a published colour list for banks', async () => {
    const api = fakeApi({ '/api/v1/labels': (q) => ({ items: q?.year === 2024 || q?.year === 2023 ? [{}] : [] }) });
    expect(await defaultLabelYear({ api, readsRegistry: false, today })).toBe(2024);
    expect(api.calls).toEqual(['/api/v1/labels?year=2025', '/api/v1/labels?year=2024']);
  });

  it('falls back to last calendar year in Shanghai when nothing is found or the API refuses', async () => {
    expect(await defaultLabelYear({ api: fakeApi({}), readsRegistry: true, today })).toBe(2025);
    // 2026-12-31T16:30Z is already 2027-01-01 in Shanghai.
    expect(businessYearOf(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
  });
});
