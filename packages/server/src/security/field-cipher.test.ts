import { createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createFieldCipher,
  FieldCryptoError,
  FieldKeyError,
  fieldAlgorithms,
  generateFieldIndexKey,
  generateFieldKeySpec,
  parseFieldIndexKey,
  parseFieldKeys,
  type FieldAlgorithm,
  type FieldCipher,
} from './field-cipher.ts';

/** Fixed test keys: distinct byte patterns so a wrong key is always a different key. */
const k1 = Buffer.alloc(32, 0x11);
const k2 = Buffer.alloc(32, 0x22);
const indexKey = Buffer.alloc(32, 0x33);

function cipherWith(options: { algorithm: FieldAlgorithm; keys?: Record<string, Buffer>; activeKeyId?: string; indexKey?: Buffer }): FieldCipher {
  return createFieldCipher({
    algorithm: options.algorithm,
    keys: new Map(Object.entries(options.keys ?? { k1 })),
    activeKeyId: options.activeKeyId ?? 'k1',
    indexKey: options.indexKey ?? indexKey,
  });
}

/** The error a call throws, or a failure if it does not throw. */
function caught(fn: () => unknown): FieldCryptoError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldCryptoError);
    return error as FieldCryptoError;
  }
  throw new Error('expected a FieldCryptoError');
}

/** Returns `value` with one bit flipped in byte `byte` (negative counts from the end) of part `part`. */
function flipBit(value: string, part: number, byte: number): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  const at = byte < 0 ? bytes.length + byte : byte;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

function withPart(value: string, part: number, replacement: string): string {
  const parts = value.split('.');
  parts[part] = replacement;
  return parts.join('.');
}

const context = 'users.phone:11111111-1111-4111-8111-111111111111';
const shorts: Record<FieldAlgorithm, string> = { 'aes-256-gcm': 'a256g', 'sm4-ctr-hmac-sm3': 'sm4h' };
const ivBytes: Record<FieldAlgorithm, number> = { 'aes-256-gcm': 12, 'sm4-ctr-hmac-sm3': 16 };
const tagBytes: Record<FieldAlgorithm, number> = { 'aes-256-gcm': 16, 'sm4-ctr-hmac-sm3': 32 };

describe.each(fieldAlgorithms)('%s', (algorithm) => {
  const cipher = cipherWith({ algorithm });

  it.each([
    { why: 'mainland mobile', plaintext: '13812345678' },
    { why: 'Chinese name', plaintext: '欧阳娜娜' },
    { why: 'name with middle dot', plaintext: '阿依古丽·买买提' },
    { why: 'astral ideograph', plaintext: '𠀋一' },
    { why: 'emoji sequences', plaintext: '👩‍👩‍👧 🇨🇳 🎉' },
    { why: 'empty string', plaintext: '' },
    { why: 'one character', plaintext: 'a' },
    { why: '1 KB ASCII', plaintext: 'x'.repeat(1024) },
    { why: '1 K ideographs (3 KB)', plaintext: '李'.repeat(1024) },
    { why: 'dots and separators', plaintext: 'v1.a256g.k1.a.b.c' },
  ])('round-trips $why', ({ plaintext }) => {
    const value = cipher.encrypt(plaintext, context);
    expect(cipher.decrypt(value, context)).toBe(plaintext);
  });

  it('writes v1.<alg>.<keyId>.<iv>.<ciphertext>.<tag> with the documented sizes', () => {
    const value = cipher.encrypt('13812345678', context);
    const [version, short, keyId, iv = '', ciphertext = '', tag = '', ...rest] = value.split('.');
    expect({ version, short, keyId, rest }).toEqual({ version: 'v1', short: shorts[algorithm], keyId: 'k1', rest: [] });
    expect(Buffer.from(iv, 'base64url')).toHaveLength(ivBytes[algorithm]);
    expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(11); // a stream mode: as long as the UTF-8 plaintext
    expect(Buffer.from(tag, 'base64url')).toHaveLength(tagBytes[algorithm]);
    expect(value).not.toContain('13812345678');
  });

  it('uses a fresh IV every time, so equal plaintexts give different values', () => {
    const values = Array.from({ length: 1000 }, () => cipher.encrypt('13812345678', context));
    expect(new Set(values).size).toBe(1000);
    expect(new Set(values.map((v) => v.split('.')[3])).size).toBe(1000);
    expect(values.every((v) => cipher.decrypt(v, context) === '13812345678')).toBe(true);
  });

  it.each([
    { why: 'another row', other: 'users.phone:22222222-2222-4222-8222-222222222222' },
    { why: 'another column', other: 'users.name:11111111-1111-4111-8111-111111111111' },
    { why: 'a prefix of the context', other: 'users.phone:11111111' },
    { why: 'the context with a suffix', other: `${context}x` },
  ])('refuses a value moved to $why (TAMPERED)', ({ other }) => {
    const value = cipher.encrypt('13812345678', context);
    expect(caught(() => cipher.decrypt(value, other)).code).toBe('TAMPERED');
  });

  it.each([
    { part: 3, byte: 0, why: 'first IV byte' },
    { part: 3, byte: -1, why: 'last IV byte' },
    { part: 4, byte: 0, why: 'first ciphertext byte' },
    { part: 4, byte: -1, why: 'last ciphertext byte' },
    { part: 5, byte: 0, why: 'first tag byte' },
    { part: 5, byte: -1, why: 'last tag byte' },
  ])('detects a flipped bit in the $why (TAMPERED)', ({ part, byte }) => {
    const value = cipher.encrypt('张三', context);
    const error = caught(() => cipher.decrypt(flipBit(value, part, byte), context));
    expect(error.code).toBe('TAMPERED');
    expect(error.message).not.toContain('张三');
  });

  it('detects a value relabelled with another configured key id (TAMPERED)', () => {
    const both = cipherWith({ algorithm, keys: { k1, k2 } });
    const value = both.encrypt('张三', context);
    expect(caught(() => both.decrypt(withPart(value, 2, 'k2'), context)).code).toBe('TAMPERED');
  });

  it('detects a value cut to another length (MALFORMED or TAMPERED, never plaintext)', () => {
    const value = cipher.encrypt('13812345678', context);
    const ciphertext = Buffer.from(value.split('.')[4] ?? '', 'base64url');
    const truncated = withPart(value, 4, ciphertext.subarray(0, 5).toString('base64url'));
    expect(caught(() => cipher.decrypt(truncated, context)).code).toBe('TAMPERED');
    const shortTag = withPart(
      value,
      5,
      Buffer.from(value.split('.')[5] ?? '', 'base64url')
        .subarray(0, 8)
        .toString('base64url'),
    );
    expect(caught(() => cipher.decrypt(shortTag, context)).code).toBe('MALFORMED');
  });

  it('names an unknown key id (UNKNOWN_KEY) without leaking the value', () => {
    const other = cipherWith({ algorithm, keys: { old: k2 }, activeKeyId: 'old' });
    const value = other.encrypt('13812345678', context);
    const error = caught(() => cipher.decrypt(value, context));
    expect(error.code).toBe('UNKNOWN_KEY');
    expect(error.message).toContain('"old"');
    expect(error.message).not.toContain(value.split('.')[4]);
  });

  it('round-trips arbitrary Unicode (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (plaintext, ctx) => {
        expect(cipher.decrypt(cipher.encrypt(plaintext, ctx), ctx)).toBe(plaintext);
      }),
    );
  });

  it('refuses any other context (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (plaintext, a, b) => {
        fc.pre(a !== b);
        expect(caught(() => cipher.decrypt(cipher.encrypt(plaintext, a), b)).code).toBe('TAMPERED');
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an empty context and strings that are not well-formed UTF-16', () => {
    expect(() => cipher.encrypt('13812345678', '')).toThrow(TypeError);
    expect(() => cipher.decrypt(cipher.encrypt('x', context), '')).toThrow(TypeError);
    expect(() => cipher.encrypt('a\uD800b', context)).toThrow(TypeError);
    expect(() => cipher.encrypt('\uDC00', context)).toThrow('well-formed');
  });
});

describe('stored value format (known answer: decrypted with Node primitives from the documented derivation)', () => {
  const hkdf = (info: string, bytes: number): Buffer => Buffer.from(hkdfSync('sha256', k1, Buffer.alloc(0), info, bytes));
  const lp = (...parts: (string | Buffer)[]): Buffer =>
    Buffer.concat(
      parts.flatMap((p) => {
        const b = Buffer.from(p);
        const n = Buffer.alloc(4);
        n.writeUInt32BE(b.length);
        return [n, b];
      }),
    );
  const split = (value: string) => value.split('.').map((p, i) => (i >= 3 ? Buffer.from(p, 'base64url') : p)) as [string, string, string, Buffer, Buffer, Buffer];

  it('a256g: AES-256-GCM under HKDF(k1, "cfp field-cipher v1 aes-256-gcm key"), AAD = lp(v1, a256g, keyId, context)', () => {
    const [, , , iv, ciphertext, tag] = split(cipherWith({ algorithm: 'aes-256-gcm' }).encrypt('张三', context));
    const decipher = createDecipheriv('aes-256-gcm', hkdf('cfp field-cipher v1 aes-256-gcm key', 32), iv, { authTagLength: 16 });
    decipher.setAAD(lp('v1', 'a256g', 'k1', context));
    decipher.setAuthTag(tag);
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')).toBe('张三');
    // The raw master key is never the AES key.
    const raw = createDecipheriv('aes-256-gcm', k1, iv, { authTagLength: 16 });
    raw.setAAD(lp('v1', 'a256g', 'k1', context));
    raw.setAuthTag(tag);
    expect(() => Buffer.concat([raw.update(ciphertext), raw.final()])).toThrow();
  });

  it('sm4h: SM4-CTR under HKDF(k1, "…sm4-ctr key"), tag = HMAC-SM3(HKDF(k1, "…hmac-sm3 key"), lp(v1, sm4h, keyId, iv, ciphertext, context))', () => {
    const [, , , iv, ciphertext, tag] = split(cipherWith({ algorithm: 'sm4-ctr-hmac-sm3' }).encrypt('张三', context));
    const mac = createHmac('sm3', hkdf('cfp field-cipher v1 hmac-sm3 key', 32))
      .update(lp('v1', 'sm4h', 'k1', iv, ciphertext, context))
      .digest();
    expect(mac.equals(tag)).toBe(true);
    const decipher = createDecipheriv('sm4-ctr', hkdf('cfp field-cipher v1 sm4-ctr key', 16), iv);
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')).toBe('张三');
  });
});

describe('decrypt: malformed values', () => {
  const cipher = cipherWith({ algorithm: 'aes-256-gcm' });
  const good = cipher.encrypt('13812345678', context);

  it.each([
    { why: 'empty', value: '' },
    { why: 'plaintext phone', value: '13812345678' },
    { why: 'too few parts', value: 'v1.a256g.k1' },
    { why: 'too many parts', value: `${good}.x` },
    { why: 'unknown version', value: withPart(good, 0, 'v2') },
    { why: 'unknown algorithm', value: withPart(good, 1, 'aes') },
    { why: 'invalid key id', value: withPart(good, 2, 'K1!') },
    { why: 'over-long key id', value: withPart(good, 2, 'k'.repeat(17)) },
    { why: 'base64 padding', value: withPart(good, 5, `${good.split('.')[5]}==`) },
    { why: 'standard base64 characters', value: withPart(good, 4, '+/+/') },
    { why: 'non-canonical base64url (spare bits set)', value: withPart(good, 4, 'AB') },
    { why: 'IV of the wrong size', value: withPart(good, 3, Buffer.alloc(16).toString('base64url')) },
    { why: 'empty tag', value: withPart(good, 5, '') },
    { why: 'JSON', value: '{"phone":"13812345678"}' },
  ])('$why → MALFORMED', ({ value }) => {
    const error = caught(() => cipher.decrypt(value, context));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).not.toContain('13812345678');
  });

  it('rejects a non-string at run time (e.g. a null column) as MALFORMED', () => {
    expect(caught(() => cipher.decrypt(null as unknown as string, context)).code).toBe('MALFORMED');
  });

  it('never yields plaintext for random dot-separated garbage (property)', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_-]{0,30}$/);
    fc.assert(
      fc.property(fc.constantFrom('v1', 'v2'), fc.constantFrom('a256g', 'sm4h', 'x'), fc.constantFrom('k1', 'k9'), part, part, part, (...parts) => {
        expect(() => cipher.decrypt(parts.join('.'), context)).toThrow(FieldCryptoError);
      }),
    );
  });
});

describe('algorithms are not interchangeable', () => {
  const aes = cipherWith({ algorithm: 'aes-256-gcm' });
  const sm4 = cipherWith({ algorithm: 'sm4-ctr-hmac-sm3' });

  it('each cipher reads values of either algorithm by their label', () => {
    expect(aes.decrypt(sm4.encrypt('张三', context), context)).toBe('张三');
    expect(sm4.decrypt(aes.encrypt('张三', context), context)).toBe('张三');
  });

  it.each([
    { why: 'an SM4 value relabelled as AES', from: sm4, label: 'a256g' },
    { why: 'an AES value relabelled as SM4', from: aes, label: 'sm4h' },
  ])('$why fails (MALFORMED or TAMPERED), never garbage plaintext', ({ from, label }) => {
    const relabelled = withPart(from.encrypt('张三', context), 1, label);
    for (const reader of [aes, sm4]) expect(['MALFORMED', 'TAMPERED']).toContain(caught(() => reader.decrypt(relabelled, context)).code);
  });

  it('an SM4 body with AES-sized IV and tag still fails authentication', () => {
    const value = sm4.encrypt('张三', context).split('.');
    const forged = ['v1', 'a256g', 'k1', Buffer.alloc(12).toString('base64url'), value[4], Buffer.alloc(16).toString('base64url')].join('.');
    expect(caught(() => aes.decrypt(forged, context)).code).toBe('TAMPERED');
  });
});

describe('key rotation', () => {
  it.each(fieldAlgorithms)('%s: old values still decrypt, are flagged, and re-encrypt under the new key', (algorithm) => {
    const before = cipherWith({ algorithm, keys: { k1 }, activeKeyId: 'k1' });
    const after = cipherWith({ algorithm, keys: { k1, k2 }, activeKeyId: 'k2' });
    const old = before.encrypt('张三', context);
    expect(before.needsReencryption(old)).toBe(false);
    expect(after.decrypt(old, context)).toBe('张三');
    expect(after.needsReencryption(old)).toBe(true);
    const rewritten = after.encrypt(after.decrypt(old, context), context);
    expect(rewritten.split('.')[2]).toBe('k2');
    expect(after.needsReencryption(rewritten)).toBe(false);
    expect(after.decrypt(rewritten, context)).toBe('张三');
    const retired = cipherWith({ algorithm, keys: { k2 }, activeKeyId: 'k2' });
    expect(caught(() => retired.decrypt(old, context)).code).toBe('UNKNOWN_KEY');
    expect(retired.decrypt(rewritten, context)).toBe('张三');
  });

  it('flags values written with another algorithm under the active key id', () => {
    const aes = cipherWith({ algorithm: 'aes-256-gcm' });
    const sm4 = cipherWith({ algorithm: 'sm4-ctr-hmac-sm3' });
    expect(sm4.needsReencryption(aes.encrypt('x', context))).toBe(true);
    expect(aes.needsReencryption(sm4.encrypt('x', context))).toBe(true);
  });

  it('needsReencryption refuses malformed values', () => {
    const cipher = cipherWith({ algorithm: 'aes-256-gcm' });
    expect(caught(() => cipher.needsReencryption('13812345678')).code).toBe('MALFORMED');
  });
});

describe('blindIndex', () => {
  const cipher = cipherWith({ algorithm: 'aes-256-gcm' });

  it('is equal for every way of writing one mainland mobile number', () => {
    const forms = ['138 1234 5678', '+86 13812345678', '13812345678', '0086-138-1234-5678', '１３８１２３４５６７８'];
    expect(new Set(forms.map((f) => cipher.blindIndex(f, 'phone'))).size).toBe(1);
    expect(cipher.blindIndex('13812345678', 'phone')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('differs for different numbers and names', () => {
    expect(cipher.blindIndex('13812345678', 'phone')).not.toBe(cipher.blindIndex('13812345679', 'phone'));
    expect(cipher.blindIndex('张三', 'name')).not.toBe(cipher.blindIndex('张四', 'name'));
  });

  it('normalises names', () => {
    expect(cipher.blindIndex('  Li\u3000 Lei ', 'name')).toBe(cipher.blindIndex('Li Lei', 'name'));
    expect(cipher.blindIndex('阿依古丽・买买提', 'name')).toBe(cipher.blindIndex('阿依古丽·买买提', 'name'));
  });

  it('indexes numbers that are not mainland mobiles by their digits and plus sign', () => {
    expect(cipher.blindIndex('+852 9123-4567', 'phone')).toBe(cipher.blindIndex('+85291234567', 'phone'));
    expect(cipher.blindIndex('010 1234 5678', 'phone')).not.toBe(cipher.blindIndex('13812345678', 'phone'));
  });

  it('depends on the kind, so equal strings of different kinds do not match', () => {
    expect(cipher.blindIndex('13812345678', 'phone')).not.toBe(cipher.blindIndex('13812345678', 'name'));
    expect(cipher.blindIndex('13812345678', 'name')).not.toBe(cipher.blindIndex('13812345678', 'reference'));
  });

  it('depends only on the index key: not on field keys, active key or algorithm', () => {
    const rotated = cipherWith({ algorithm: 'sm4-ctr-hmac-sm3', keys: { k2 }, activeKeyId: 'k2' });
    expect(rotated.blindIndex('13812345678', 'phone')).toBe(cipher.blindIndex('13812345678', 'phone'));
    const otherIndex = cipherWith({ algorithm: 'aes-256-gcm', indexKey: Buffer.alloc(32, 0x44) });
    expect(otherIndex.blindIndex('13812345678', 'phone')).not.toBe(cipher.blindIndex('13812345678', 'phone'));
  });

  it('is a keyed hash: not an unkeyed SHA-256 of the canonical value', () => {
    const unkeyed = createHmac('sha256', Buffer.alloc(0)).update('13812345678').digest('base64url');
    expect(cipher.blindIndex('13812345678', 'phone')).not.toBe(unkeyed);
  });

  it.each(['', 'Phone', 'phone number', 'x'.repeat(33)])('refuses kind %j', (kind) => {
    expect(() => cipher.blindIndex('13812345678', kind)).toThrow(TypeError);
  });
});

describe('parseFieldKeys', () => {
  const key1 = Buffer.alloc(32, 0xa1).toString('base64');
  const key2 = Buffer.alloc(32, 0xb2).toString('base64');

  it('parses ids and 32-byte keys, in standard or URL-safe base64, padded or not', () => {
    const urlSafe = Buffer.alloc(32, 0xfb).toString('base64url');
    const keys = parseFieldKeys(` k2024:${key1} , k2025:${key2.replace(/=+$/, '')},k_2026-x:${urlSafe}`);
    expect([...keys.keys()]).toEqual(['k2024', 'k2025', 'k_2026-x']);
    expect(keys.get('k2024')?.equals(Buffer.alloc(32, 0xa1))).toBe(true);
    expect(keys.get('k2025')?.equals(Buffer.alloc(32, 0xb2))).toBe(true);
    expect(keys.get('k_2026-x')?.equals(Buffer.alloc(32, 0xfb))).toBe(true);
  });

  const short = Buffer.alloc(16, 0xc3).toString('base64');
  const long = Buffer.alloc(33, 0xd4).toString('base64');
  it.each([
    { why: 'empty', spec: '', message: /empty/ },
    { why: 'blank', spec: '  ', message: /empty/ },
    { why: 'no key id', spec: key1, message: /entry 1 has no key id/ },
    { why: 'empty entry (trailing comma)', spec: `k1:${key1},`, message: /entry 2 is empty/ },
    { why: 'upper-case id', spec: `K1:${key1}`, message: /entry 1: key id must be/ },
    { why: 'id with a dot', spec: `k.1:${key1}`, message: /entry 1: key id must be/ },
    { why: 'id over 16 characters', spec: `${'k'.repeat(17)}:${key1}`, message: /entry 1: key id must be/ },
    { why: 'empty id', spec: `:${key1}`, message: /entry 1: key id must be/ },
    { why: 'duplicate id', spec: `k1:${key1},k1:${key2}`, message: /entry 2: key id "k1" is used twice/ },
    { why: 'bad base64', spec: `k1:${key1.slice(0, 20)}!!${key1.slice(22)}`, message: /entry 1 \("k1"\): key is not valid base64/ },
    { why: 'empty key', spec: 'k1:', message: /entry 1 \("k1"\): key is not valid base64/ },
    { why: '16-byte key', spec: `k1:${key1},k2:${short}`, message: /entry 2 \("k2"\): key must be 32 bytes, got 16/ },
    { why: '33-byte key', spec: `k1:${long}`, message: /entry 1 \("k1"\): key must be 32 bytes, got 33/ },
    { why: 'hex instead of base64', spec: `k1:${Buffer.alloc(32, 0xe5).toString('hex')}`, message: /must be 32 bytes, got 48/ },
  ])('rejects $why, naming the entry but not the key', ({ spec, message }) => {
    let error: unknown;
    try {
      parseFieldKeys(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FieldKeyError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    for (const material of [key1, key2, short, long, key1.slice(0, 20), key1.slice(22), Buffer.alloc(32, 0xe5).toString('hex')]) expect(text).not.toContain(material);
  });
});

describe('key generation and index key', () => {
  it('generateFieldKeySpec makes a parseable spec with a fresh 32-byte key', () => {
    const a = generateFieldKeySpec('k2025');
    const b = generateFieldKeySpec('k2025');
    expect(a).not.toBe(b);
    expect(parseFieldKeys(a).get('k2025')).toHaveLength(32);
    expect(parseFieldKeys(`${generateFieldKeySpec('k1')},${generateFieldKeySpec('k2')}`).size).toBe(2);
    expect(() => generateFieldKeySpec('K 1')).toThrow(FieldKeyError);
  });

  it('parseFieldIndexKey accepts 32 bytes or more and refuses less, without echoing the key', () => {
    expect(parseFieldIndexKey(generateFieldIndexKey())).toHaveLength(32);
    expect(parseFieldIndexKey(Buffer.alloc(48, 1).toString('base64url'))).toHaveLength(48);
    const short = Buffer.alloc(16, 7).toString('base64');
    expect(() => parseFieldIndexKey(short)).toThrow(/at least 32 bytes, got 16/);
    expect(() => parseFieldIndexKey(short)).not.toThrow(short);
    expect(() => parseFieldIndexKey('not base64!')).toThrow(FieldKeyError);
  });
});

describe('createFieldCipher', () => {
  it.each([
    { why: 'active key not configured', options: { keys: new Map([['k1', k1]]), activeKeyId: 'k2' }, message: /active field key "k2" is not among the configured keys \(k1\)/ },
    { why: 'no keys at all', options: { keys: new Map<string, Buffer>(), activeKeyId: 'k1' }, message: /\(none\)/ },
    { why: 'a key of the wrong size', options: { keys: new Map([['k1', Buffer.alloc(16)]]), activeKeyId: 'k1' }, message: /"k1" must be 32 bytes, got 16/ },
    { why: 'an invalid key id', options: { keys: new Map([['K1', k1]]), activeKeyId: 'K1' }, message: /key id must be/ },
    { why: 'a short index key', options: { keys: new Map([['k1', k1]]), activeKeyId: 'k1', indexKey: Buffer.alloc(31) }, message: /index key must be at least 32 bytes/ },
    { why: 'an unknown algorithm', options: { keys: new Map([['k1', k1]]), activeKeyId: 'k1', algorithm: 'aes-128-cbc' as FieldAlgorithm }, message: /algorithm must be one of/ },
  ])('refuses $why', ({ options, message }) => {
    expect(() => createFieldCipher({ algorithm: 'aes-256-gcm', indexKey, ...options })).toThrow(message);
    expect(() => createFieldCipher({ algorithm: 'aes-256-gcm', indexKey, ...options })).toThrow(FieldKeyError);
  });

  it('does not depend on the caller keeping its key buffers unchanged', () => {
    const master = Buffer.from(k1);
    const index = Buffer.from(indexKey);
    const cipher = createFieldCipher({ keys: new Map([['k1', master]]), activeKeyId: 'k1', algorithm: 'aes-256-gcm', indexKey: index });
    const value = cipher.encrypt('张三', context);
    const lookup = cipher.blindIndex('张三', 'name');
    master.fill(0);
    index.fill(0);
    expect(cipher.decrypt(value, context)).toBe('张三');
    expect(cipher.blindIndex('张三', 'name')).toBe(lookup);
  });
});
