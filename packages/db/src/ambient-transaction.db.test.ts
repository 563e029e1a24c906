import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationRepository } from './organisations/organisation-repository.ts';
import { testDatabase, type TestDatabase } from './testing/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
  await organisationRepository(t.db.orm).upsertAreas([{ id: 'jining', type: 'city', parentId: null, nameZh: '济宁市', nameEn: 'Jining', adminCode: null, adminCodeStatus: null }]);
});
afterAll(() => t.close());

const now = new Date('2024-06-30T08:00:00Z');
const org = (id: string) => ({
  id,
  type: 'enterprise',
  bankLevel: null,
  parentId: null,
  nameZh: id,
  nameEn: id,
  uscc: null,
  areaId: 'jining',
  sector: null,
  isDemo: false,
  createdAt: now,
  updatedAt: now,
});

describe('ambient transactions', () => {
  it('repositories built on db.orm join the open transaction, and a failure rolls all of it back', async () => {
    const repo = organisationRepository(t.db.orm); // built once, outside any transaction
    await expect(
      t.db.inTransaction(async () => {
        await repo.insert(org('tx-a'));
        expect(await repo.get('tx-a')).toBeDefined(); // visible inside
        await repo.insert(org('tx-b'));
        throw new Error('fail after two writes');
      }),
    ).rejects.toThrow('fail after two writes');
    expect(await repo.get('tx-a')).toBeUndefined();
    expect(await repo.get('tx-b')).toBeUndefined();
    await t.db.inTransaction(async () => {
      await repo.insert(org('tx-c'));
      await t.db.inTransaction(async () => repo.insert(org('tx-d'))); // nested joins the outer one
    });
    expect((await repo.get('tx-c'))?.id).toBe('tx-c');
    expect((await repo.get('tx-d'))?.id).toBe('tx-d');
  });

  it('keeps concurrent transactions apart', async () => {
    const repo = organisationRepository(t.db.orm);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        t.db.inTransaction(async () => {
          await repo.insert(org(`par-${i}`));
          if (i % 2) throw new Error('odd ones fail');
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
    const kept = await t.db.query<{ id: string }>(`select id from organisations where id like 'par-%' order by id`);
    expect(kept.map((r) => r.id)).toEqual(['par-0', 'par-2', 'par-4']);
  });
});
