import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform({ env: { CFP_MODE: 'production' } });
});
afterAll(() => t.close());

describe('health', () => {
  it('is live, and ready when the database answers and migrations are current', async () => {
    expect((await t.anonymous('GET', '/api/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.anonymous<Health>('GET', '/api/health');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      mode: 'production',
      time: '2024-06-30T08:00:00.000Z',
      database: { kind: t.db.kind, reachable: true },
      migrations: { current: true },
    });
  });

  it('production mode seeds nothing: no demo organisations or logins, no seed job', async () => {
    // Only the platform operator, home of the first administrators (cfp admin create-user --org platform).
    const orgs = await t.db.query<{ id: string }>('select id from organisations');
    expect(orgs).toEqual([{ id: 'platform' }]);
    expect(await t.db.query('select id from users')).toEqual([]);
    const areas = await t.db.query<{ n: string }>('select count(*) as n from areas');
    expect(Number(areas[0]?.n)).toBe(16); // reference areas are facts, present in every mode
    expect(await t.db.query(`select id from jobs where kind = 'demo-seed'`)).toEqual([]);
  });

  it('is not ready (503) when the database has a migration this code does not know', async () => {
    await t.db.query(`insert into cfp_migrations (id, checksum) values ('9999_from_the_future', 'x')`);
    const ready = await t.anonymous<Health>('GET', '/api/health');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', migrations: { current: false } });
    await t.db.query(`delete from cfp_migrations where id = '9999_from_the_future'`);
    expect((await t.anonymous('GET', '/api/health')).status).toBe(200);
  });
});
