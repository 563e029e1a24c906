/**
 * Driver parity: the same queries give the same JavaScript values on PGlite and on PostgreSQL
 * (int8 and numeric as exact strings, dates as YYYY-MM-DD, instants as ISO UTC strings).
 * PGlite always runs; PostgreSQL joins when TEST_DATABASE_URL is set, and then both results
 * are also compared with each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from './testing/test-database.ts';

const queries: Array<{ name: string; sql: string; params?: unknown[]; expected: Record<string, unknown>[] }> = [
  { name: 'int8 beyond 2^53 stays exact', sql: 'select 9007199254740993::int8 as v, (-42)::int8 as w', expected: [{ v: '9007199254740993', w: '-42' }] },
  {
    name: 'numeric keeps scale and digits',
    sql: `select 1.50::numeric(10,2) as a, 0.1::numeric + 0.2::numeric as b, 123456789012345678901234.5678::numeric as c`,
    expected: [{ a: '1.50', b: '0.3', c: '123456789012345678901234.5678' }],
  },
  { name: 'count(*) is int8 as a string', sql: 'select count(*) as n from generate_series(1, 3)', expected: [{ n: '3' }] },
  { name: 'date is YYYY-MM-DD, no time zone shift', sql: `select date '2024-01-01' as d, date '2024-06-30' as e`, expected: [{ d: '2024-01-01', e: '2024-06-30' }] },
  { name: 'timestamptz is ISO UTC', sql: `select timestamptz '2024-06-30 16:00:00+08' as t`, expected: [{ t: '2024-06-30T08:00:00.000Z' }] },
  { name: 'int4, bool, text, null', sql: `select 7::int4 as i, true as b, '济宁'::text as s, null::text as n`, expected: [{ i: 7, b: true, s: '济宁', n: null }] },
  { name: 'jsonb round trip', sql: `select '{"a":[1,"x",null]}'::jsonb as j`, expected: [{ j: { a: [1, 'x', null] } }] },
  {
    name: 'parameters: numeric and date in, same out',
    sql: 'select $1::numeric * 2 as doubled, $2::date + 1 as next',
    params: ['0.005', '2024-02-28'],
    expected: [{ doubled: '0.010', next: '2024-02-29' }],
  },
  { name: 'arrays of int8', sql: `select array[1, 2]::int8[] as a`, expected: [{ a: ['1', '2'] }] },
];

const handles: TestDatabase[] = [];
beforeAll(async () => {
  handles.push(await testDatabase('pglite'));
  if (process.env.TEST_DATABASE_URL) handles.push(await testDatabase('postgres'));
});
afterAll(async () => {
  for (const h of handles) await h.close();
});

describe('type parsing parity', () => {
  it.each(queries)('$name', async ({ sql, params, expected }) => {
    const results = [];
    for (const { db } of handles) {
      const rows = await db.query(sql, params);
      expect(rows, db.kind).toEqual(expected);
      results.push(rows);
    }
    if (results.length === 2) expect(results[0]).toEqual(results[1]);
  });

  it('drizzle reads the same rows on every driver', async () => {
    const seen = [];
    for (const { db } of handles) {
      const { organisationRepository } = await import('./organisations/organisation-repository.ts');
      const repo = organisationRepository(db.orm);
      await repo.upsertAreas([{ id: 'jining', type: 'city', parentId: null, nameZh: '济宁市', nameEn: 'Jining', adminCode: '370800', adminCodeStatus: 'unverified' }]);
      const now = new Date('2024-06-30T08:00:00.123Z');
      await repo.insertMissing([
        {
          id: 'p-1',
          type: 'enterprise',
          bankLevel: null,
          parentId: null,
          nameZh: '示例甲',
          nameEn: 'A',
          uscc: null,
          areaId: 'jining',
          sector: 'paper',
          isDemo: true,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      seen.push(await repo.get('p-1'));
    }
    expect(seen[0]).toMatchObject({ id: 'p-1', version: 1, createdAt: new Date('2024-06-30T08:00:00.123Z') });
    if (seen.length === 2) expect(seen[0]).toEqual(seen[1]);
  });
});
