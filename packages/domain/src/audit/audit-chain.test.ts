import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainEntry, digestOf, entryHash, genesisHash, hashHex, verifyChain, verifyChainAsync, type AuditEntry, type HashAlgorithm } from './audit-chain.ts';

const t0 = Date.UTC(2024, 5, 30, 8, 0, 0); // 2024-06-30T08:00:00Z in ms

/** A valid chain of `n` entries; `algorithms` cycles per entry. */
function chain(n: number, algorithms: HashAlgorithm[] = ['sha256']): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const algorithm = algorithms[i % algorithms.length]!;
    const previous = out.at(-1) ?? null;
    out.push(
      chainEntry({
        previous,
        content: {
          at: t0 + i * 1000,
          actorUserId: i % 2 ? 'user-1' : null,
          actorOrganisationId: 'drc',
          action: i % 3 ? 'organisation.update' : 'organisation.create',
          targetType: 'organisation',
          targetId: `ent-00${i}`,
          beforeDigest: i % 3 ? digestOf({ version: i }, algorithm) : null,
          afterDigest: digestOf({ version: i + 1 }, algorithm),
          requestId: `req-${i}`,
          algorithm,
        },
      }),
    );
  }
  return out;
}

const rehash = (e: AuditEntry): AuditEntry => ({ ...e, hash: entryHash(e) });

describe('hashes', () => {
  it('implements SHA-256 and SM3 (known answers for "abc": FIPS 180-4, GB/T 32905-2016 A.1)', () => {
    expect(hashHex('abc', 'sha256')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashHex('abc', 'sm3')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes an entry as its RFC 8785 canonical JSON, without the stored hash', () => {
    const content = {
      seq: '1',
      at: t0,
      actorUserId: 'user-1',
      actorOrganisationId: 'drc',
      action: 'organisation.create',
      targetType: 'organisation',
      targetId: 'ent-001',
      beforeDigest: null,
      afterDigest: 'ab',
      requestId: 'req-1',
      algorithm: 'sha256' as const,
      prevHash: genesisHash,
    };
    const text =
      '{"action":"organisation.create","actorOrganisationId":"drc","actorUserId":"user-1","afterDigest":"ab","algorithm":"sha256","at":1719734400000,' +
      `"beforeDigest":null,"prevHash":"${genesisHash}","requestId":"req-1","seq":"1","targetId":"ent-001","targetType":"organisation"}`;
    expect(entryHash(content)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(entryHash({ ...content, hash: 'ignored', extra: 1 } as typeof content)).toBe(entryHash(content));
    expect(entryHash({ ...content, algorithm: 'sm3' })).toBe(createHash('sm3').update(text.replace('"sha256"', '"sm3"')).digest('hex'));
  });

  it('digests states canonically: key order does not matter, no state is null', () => {
    expect(digestOf({ b: 1, a: '示例' }, 'sha256')).toBe(digestOf({ a: '示例', b: 1 }, 'sha256'));
    expect(digestOf({}, 'sha256')).toBe(createHash('sha256').update('{}').digest('hex'));
    expect(digestOf({ a: 1 }, 'sm3')).not.toBe(digestOf({ a: 1 }, 'sha256'));
    expect(digestOf(null, 'sha256')).toBeNull();
    expect(digestOf(undefined, 'sm3')).toBeNull();
  });

  it('extends a chain: seq + 1, prevHash = the previous hash, genesis first', () => {
    const [a, b] = chain(2);
    expect(a).toMatchObject({ seq: '1', prevHash: genesisHash });
    expect(b).toMatchObject({ seq: '2', prevHash: a!.hash });
    expect(b!.hash).toMatch(/^[0-9a-f]{64}$/);
    const big = chainEntry({ previous: { seq: '9007199254740993', hash: b!.hash }, content: { ...a!, algorithm: 'sm3' } });
    expect(big.seq).toBe('9007199254740994'); // int8 arithmetic, not float
  });
});

describe('verifyChain', () => {
  const six = chain(6);
  const cases: Array<{ name: string; entries: () => AuditEntry[]; head?: { seq: string; hash: string }; expected: Record<string, unknown> }> = [
    { name: 'a valid chain', entries: () => six, expected: { ok: true, checked: 6, head: { seq: '6', hash: six[5]!.hash } } },
    { name: 'an empty chain', entries: () => [], expected: { ok: true, checked: 0, head: null } },
    { name: 'a chain mixing SHA-256 and SM3', entries: () => chain(5, ['sha256', 'sm3']), expected: { ok: true, checked: 5 } },
    { name: 'a chain past its exported head', entries: () => six, head: { seq: '4', hash: six[3]!.hash }, expected: { ok: true, checked: 6 } },
    { name: 'a chain at its exported head', entries: () => six, head: { seq: '6', hash: six[5]!.hash }, expected: { ok: true, checked: 6 } },
    {
      name: 'an altered entry',
      entries: () => six.map((e) => (e.seq === '3' ? { ...e, action: 'organisation.delete' } : e)),
      expected: { ok: false, problem: 'hash_mismatch', seq: '3' },
    },
    {
      name: 'an altered digest',
      entries: () => six.map((e) => (e.seq === '5' ? { ...e, afterDigest: digestOf({ forged: true }, 'sha256') } : e)),
      expected: { ok: false, problem: 'hash_mismatch', seq: '5' },
    },
    {
      name: 'an altered entry whose hash was recomputed',
      entries: () => six.map((e) => (e.seq === '3' ? rehash({ ...e, targetId: 'ent-999' }) : e)),
      expected: { ok: false, problem: 'broken_link', seq: '4' },
    },
    {
      name: 'entry 1 not starting from the genesis hash',
      entries: () => six.map((e) => (e.seq === '1' ? rehash({ ...e, prevHash: 'f'.repeat(64) }) : e)),
      expected: { ok: false, problem: 'broken_link', seq: '1' },
    },
    { name: 'a deleted middle entry', entries: () => six.filter((e) => e.seq !== '3'), expected: { ok: false, problem: 'gap', seq: '3' } },
    {
      name: 'two deleted middle entries',
      entries: () => six.filter((e) => e.seq !== '3' && e.seq !== '4'),
      expected: { ok: false, problem: 'gap', seq: '3', message: expect.stringMatching(/entry 3…4 is missing/) },
    },
    { name: 'a deleted first entry', entries: () => six.slice(1), expected: { ok: false, problem: 'gap', seq: '1' } },
    { name: 'a duplicated entry', entries: () => [...six.slice(0, 3), six[2]!, ...six.slice(3)], expected: { ok: false, problem: 'broken_link', seq: '3' } },
    {
      name: 'an unknown algorithm',
      entries: () => six.map((e) => (e.seq === '2' ? { ...e, algorithm: 'md5' as HashAlgorithm } : e)),
      expected: { ok: false, problem: 'hash_mismatch', seq: '2' },
    },
    {
      name: 'the newest entries deleted (exported head further on)',
      entries: () => six.slice(0, 3),
      head: { seq: '6', hash: six[5]!.hash },
      expected: { ok: false, problem: 'truncated', seq: '4', message: expect.stringMatching(/ends at entry 3 .* head is entry 6/) },
    },
    { name: 'every entry deleted', entries: () => [], head: { seq: '6', hash: six[5]!.hash }, expected: { ok: false, problem: 'truncated', seq: '1' } },
    {
      name: 'a chain rewritten from an entry before the exported head',
      entries: () => {
        // An attacker rebuilds entries 3… with valid hashes and links: only the exported head exposes it.
        const forged = six.slice(0, 2);
        for (const e of six.slice(2)) forged.push(chainEntry({ previous: forged.at(-1)!, content: { ...e, targetId: 'forged' } }));
        return forged;
      },
      head: { seq: '4', hash: six[3]!.hash },
      expected: { ok: false, problem: 'head_mismatch', seq: '4' },
    },
    {
      name: 'a gap before a truncation (the first problem wins)',
      entries: () => six.filter((e) => e.seq !== '2').slice(0, 3),
      head: { seq: '6', hash: six[5]!.hash },
      expected: { ok: false, problem: 'gap', seq: '2' },
    },
  ];

  it.each(cases)('$name', ({ entries, head, expected }) => {
    expect(verifyChain(entries(), head ? { head } : {})).toMatchObject(expected);
  });

  it('streams: the async form gives the same answers and stops reading at the first problem', async () => {
    let read = 0;
    async function* stream(entries: AuditEntry[]) {
      for (const e of entries) {
        read++;
        yield e;
      }
    }
    const broken = six.map((e) => (e.seq === '2' ? { ...e, requestId: 'forged' } : e));
    expect(await verifyChainAsync(stream(broken))).toMatchObject({ ok: false, problem: 'hash_mismatch', seq: '2' });
    expect(read).toBe(2);
    expect(await verifyChainAsync(stream(six), { head: { seq: '6', hash: six[5]!.hash } })).toEqual({ ok: true, checked: 6, head: { seq: '6', hash: six[5]!.hash } });
  });

  it('refuses a malformed exported head', () => {
    expect(() => verifyChain(six, { head: { seq: '0', hash: genesisHash } })).toThrow(/positive integer/);
  });
});
