/**
 * Per-field encryption of residents' personal data (phone numbers, names), with a keyed-hash
 * ("blind") index for equality lookup. ARCHITECTURE.md → Personal information and data security.
 *
 * Keys. Each configured field key is a 32-byte master key with an id (`k2025`). The master key is
 * never used directly: HKDF-SHA256 derives one subkey per purpose (AES-256-GCM key; SM4 key and
 * HMAC-SM3 key), so the same master key can serve either algorithm without key reuse across
 * primitives. The index key is separate and must not rotate (rotating it means recomputing every
 * index value); field keys rotate by adding a new id and making it active — old ids keep
 * decrypting and `needsReencryption` finds the values a rotation job should rewrite.
 *
 * Stored value (ASCII, self-describing, versioned, no `.` inside a part):
 *   v1.<a256g|sm4h>.<keyId>.<base64url iv>.<base64url ciphertext>.<base64url tag>
 * - a256g: AES-256-GCM, 12-byte random IV, 16-byte tag; AAD = header + context.
 * - sm4h: SM4-CTR, 16-byte random initial counter block, then encrypt-then-MAC with HMAC-SM3
 *   (32-byte tag) over header + IV + ciphertext + context. Node has no SM4-GCM, hence the MAC.
 * The header, IV, ciphertext and context are length-prefixed before authentication, so no two
 * different (ciphertext, context) pairs authenticate the same bytes. Binding the context
 * (e.g. `users.phone:<userId>`) means a value copied to another row or column fails to decrypt.
 *
 * Errors never carry plaintext, key bytes or the stored value: only codes, key ids and algorithms.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { normaliseName, normalisePhone } from '@cfp/domain';

// The index must hash exactly the canonical forms the domain defines; re-exported for callers here.
export { normaliseName, normalisePhone } from '@cfp/domain';

export const fieldAlgorithms = ['aes-256-gcm', 'sm4-ctr-hmac-sm3'] as const;
export type FieldAlgorithm = (typeof fieldAlgorithms)[number];

export type FieldCryptoErrorCode =
  /** The value names a key id this cipher was not given (retired, or another deployment's). */
  | 'UNKNOWN_KEY'
  /** Well-formed, but authentication failed: altered, copied to another context, or a wrong key. */
  | 'TAMPERED'
  /** Not a value this module produces (wrong shape, version, algorithm, encoding or lengths). */
  | 'MALFORMED';

/** A stored value could not be decrypted. The message is safe to log. */
export class FieldCryptoError extends Error {
  override name = 'FieldCryptoError';
  constructor(
    readonly code: FieldCryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Key configuration is unusable. The message names the entry, never the key material. */
export class FieldKeyError extends Error {
  override name = 'FieldKeyError';
}

export interface FieldCipher {
  /** Encrypts with the active key and algorithm; a fresh random IV each call. */
  encrypt(plaintext: string, context: string): string;
  /** Decrypts with the key id and algorithm named in the value. @throws FieldCryptoError */
  decrypt(value: string, context: string): string;
  /**
   * Keyed hash (HMAC-SHA256, base64url, 43 characters) of the canonical form of `value`, for
   * equality lookup; independent of the field keys and algorithm, so stable across rotation.
   * Canonical form by kind: `phone` → normalisePhone, or for other numbers NFKC with separators
   * removed; `name` → normaliseName; any other kind → NFKC, trimmed.
   */
  blindIndex(value: string, kind: string): string;
  /** True when the value was not written with the active key id and algorithm. @throws FieldCryptoError MALFORMED */
  needsReencryption(value: string): boolean;
}

export interface FieldCipherOptions {
  /** Key id → 32-byte master key, as from parseFieldKeys. */
  keys: ReadonlyMap<string, Buffer>;
  /** The key id new values are written with; must be in `keys`. */
  activeKeyId: string;
  /** The algorithm new values are written with; values of either algorithm are read. */
  algorithm: FieldAlgorithm;
  /** At least 32 bytes; separate from the field keys and never rotated (see above). */
  indexKey: Buffer;
}

/** Master and index key size in bytes (256 bits). */
const masterKeyBytes = 32;
const keyIdPattern = /^[a-z0-9_-]{1,16}$/;
const indexKindPattern = /^[a-z0-9_.-]{1,32}$/;
const version = 'v1';

/**
 * Parses a field key list such as `k2024:<base64 32 bytes>,k2025:<base64 32 bytes>`.
 * Standard or URL-safe base64, padded or not. Errors name the entry by position (and its id when
 * the id is valid) but never echo key material.
 *
 * @example parseFieldKeys(generateFieldKeySpec('k2025')).keys() // ['k2025']
 * @throws FieldKeyError
 */
export function parseFieldKeys(spec: string): Map<string, Buffer> {
  const shape = 'expected <keyId>:<base64 of 32 random bytes>[,<keyId>:<key>…]';
  if (spec.trim() === '') throw new FieldKeyError(`field key list is empty; ${shape}`);
  const keys = new Map<string, Buffer>();
  spec.split(',').forEach((raw, index) => {
    const entry = raw.trim();
    const where = `field key entry ${index + 1}`;
    if (entry === '') throw new FieldKeyError(`${where} is empty; ${shape}`);
    const colon = entry.indexOf(':');
    if (colon < 0) throw new FieldKeyError(`${where} has no key id; ${shape}`);
    const id = entry.slice(0, colon);
    // An invalid id is not echoed: it may be key material pasted in the wrong place.
    if (!keyIdPattern.test(id)) throw new FieldKeyError(`${where}: key id must be 1–16 characters from a–z, 0–9, _ and -`);
    if (keys.has(id)) throw new FieldKeyError(`${where}: key id "${id}" is used twice`);
    keys.set(id, decodeKey(entry.slice(colon + 1), `${where} ("${id}")`, 'exact'));
  });
  return keys;
}

/**
 * Parses the blind-index key: base64 (standard or URL-safe) of at least 32 random bytes.
 * @throws FieldKeyError
 */
export function parseFieldIndexKey(text: string): Buffer {
  return decodeKey(text.trim(), 'field index key', 'at-least');
}

/**
 * A new one-entry key list with 32 random bytes, e.g. for demo mode or to append when rotating.
 * @example generateFieldKeySpec('k2025') // 'k2025:q3J…=' (44 base64 characters after the colon)
 */
export function generateFieldKeySpec(keyId: string): string {
  if (!keyIdPattern.test(keyId)) throw new FieldKeyError('key id must be 1–16 characters from a–z, 0–9, _ and -');
  return `${keyId}:${randomBytes(masterKeyBytes).toString('base64')}`;
}

/** A new blind-index key (base64 of 32 random bytes), e.g. for demo mode. */
export function generateFieldIndexKey(): string {
  return randomBytes(masterKeyBytes).toString('base64');
}

function decodeKey(text: string, where: string, size: 'exact' | 'at-least'): Buffer {
  const unpadded = text.replace(/={1,2}$/, '');
  const key = Buffer.from(unpadded, 'base64');
  // Node's decoder skips characters it does not know; re-encoding catches those and stray bits.
  const canonical = /^[A-Za-z0-9+/_-]+$/.test(unpadded) && (key.toString('base64url') === unpadded || key.toString('base64').replace(/=+$/, '') === unpadded);
  if (!canonical) throw new FieldKeyError(`${where}: key is not valid base64`);
  if (size === 'exact' ? key.length !== masterKeyBytes : key.length < masterKeyBytes) {
    throw new FieldKeyError(`${where}: key must be ${size === 'exact' ? '' : 'at least '}${masterKeyBytes} bytes, got ${key.length}`);
  }
  return key;
}

/** Subkeys derived from one master key; see the module comment. */
interface DerivedKeys {
  aes: Buffer;
  sm4: Buffer;
  sm4Mac: Buffer;
}

function hkdf(ikm: Buffer, info: string, bytes: number): Buffer {
  // Empty salt (RFC 5869 §2.2: a string of zeros): the master keys are already uniformly random.
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), info, bytes));
}

function deriveKeys(master: Buffer): DerivedKeys {
  return {
    aes: hkdf(master, 'cfp field-cipher v1 aes-256-gcm key', 32),
    sm4: hkdf(master, 'cfp field-cipher v1 sm4-ctr key', 16),
    sm4Mac: hkdf(master, 'cfp field-cipher v1 hmac-sm3 key', 32),
  };
}

/** Unambiguous encoding for authentication: each part as a 4-byte big-endian length, then its bytes. */
function lengthPrefixed(parts: readonly (string | Buffer)[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    chunks.push(length, bytes);
  }
  return Buffer.concat(chunks);
}

interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

interface Scheme {
  algorithm: FieldAlgorithm;
  short: string;
  ivBytes: number;
  tagBytes: number;
  seal(keys: DerivedKeys, keyId: string, plaintext: Buffer, context: string): Sealed;
  /** Returns null when authentication fails. */
  open(keys: DerivedKeys, keyId: string, sealed: Sealed, context: string): Buffer | null;
}

const aesGcm: Scheme = {
  algorithm: 'aes-256-gcm',
  short: 'a256g',
  ivBytes: 12,
  tagBytes: 16,
  seal(keys, keyId, plaintext, context) {
    // 96-bit random IVs: fine for well under 2^32 encryptions per key (NIST SP 800-38D §8.3).
    const iv = randomBytes(this.ivBytes);
    const cipher = createCipheriv('aes-256-gcm', keys.aes, iv, { authTagLength: this.tagBytes });
    cipher.setAAD(lengthPrefixed([version, this.short, keyId, context]));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, ciphertext, tag: cipher.getAuthTag() };
  },
  open(keys, keyId, { iv, ciphertext, tag }, context) {
    const decipher = createDecipheriv('aes-256-gcm', keys.aes, iv, { authTagLength: this.tagBytes });
    decipher.setAAD(lengthPrefixed([version, this.short, keyId, context]));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      return null;
    }
  },
};

const sm4CtrHmacSm3: Scheme = {
  algorithm: 'sm4-ctr-hmac-sm3',
  short: 'sm4h',
  ivBytes: 16,
  tagBytes: 32,
  seal(keys, keyId, plaintext, context) {
    // The IV is the whole 128-bit initial counter block; random, so blocks never repeat in practice.
    const iv = randomBytes(this.ivBytes);
    const cipher = createCipheriv('sm4-ctr', keys.sm4, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, ciphertext, tag: sm4Tag(keys, this.short, keyId, iv, ciphertext, context) };
  },
  open(keys, keyId, { iv, ciphertext, tag }, context) {
    // Encrypt-then-MAC: verify before decrypting anything.
    if (!timingSafeEqual(tag, sm4Tag(keys, this.short, keyId, iv, ciphertext, context))) return null;
    const decipher = createDecipheriv('sm4-ctr', keys.sm4, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  },
};

function sm4Tag(keys: DerivedKeys, short: string, keyId: string, iv: Buffer, ciphertext: Buffer, context: string): Buffer {
  return createHmac('sm3', keys.sm4Mac)
    .update(lengthPrefixed([version, short, keyId, iv, ciphertext, context]))
    .digest();
}

const schemesByAlgorithm = new Map<FieldAlgorithm, Scheme>([aesGcm, sm4CtrHmacSm3].map((s) => [s.algorithm, s]));
const schemesByShort = new Map<string, Scheme>([aesGcm, sm4CtrHmacSm3].map((s) => [s.short, s]));

interface ParsedValue extends Sealed {
  scheme: Scheme;
  keyId: string;
}

function malformed(why: string): FieldCryptoError {
  return new FieldCryptoError('MALFORMED', `encrypted field is malformed: ${why}`);
}

/** Strict base64url: no padding, no other characters, no non-zero spare bits. */
function decodeBase64url(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (!/^[A-Za-z0-9_-]*$/.test(text) || bytes.toString('base64url') !== text) throw malformed(`${what} is not base64url`);
  return bytes;
}

function parseValue(value: string): ParsedValue {
  if (typeof value !== 'string') throw malformed('not a string');
  const parts = value.split('.');
  if (parts.length !== 6) throw malformed('expected 6 dot-separated parts');
  const [valueVersion = '', short = '', keyId = '', iv = '', ciphertext = '', tag = ''] = parts;
  if (valueVersion !== version) throw malformed('unsupported version');
  const scheme = schemesByShort.get(short);
  if (!scheme) throw malformed('unknown algorithm');
  if (!keyIdPattern.test(keyId)) throw malformed('invalid key id');
  const parsed = { scheme, keyId, iv: decodeBase64url(iv, 'IV'), ciphertext: decodeBase64url(ciphertext, 'ciphertext'), tag: decodeBase64url(tag, 'tag') };
  if (parsed.iv.length !== scheme.ivBytes) throw malformed(`IV must be ${scheme.ivBytes} bytes for ${scheme.algorithm}`);
  if (parsed.tag.length !== scheme.tagBytes) throw malformed(`tag must be ${scheme.tagBytes} bytes for ${scheme.algorithm}`);
  return parsed;
}

function assertContext(context: string): void {
  if (typeof context !== 'string' || context === '') throw new TypeError('context must be a non-empty string such as "users.phone:<userId>"');
}

/** Phone numbers that are not mainland mobiles still get a lookup form: NFKC, separators removed. */
function phoneLookupForm(value: string): string {
  return normalisePhone(value) ?? value.normalize('NFKC').replace(/[\s\-.()]/gu, '');
}

/**
 * A cipher for personal-data columns.
 *
 * @example
 * const cipher = createFieldCipher({ keys: parseFieldKeys(spec), activeKeyId: 'k2025', algorithm: 'aes-256-gcm', indexKey });
 * const stored = cipher.encrypt('13812345678', `users.phone:${userId}`);
 * cipher.decrypt(stored, `users.phone:${userId}`); // '13812345678'
 * cipher.blindIndex('+86 138 1234 5678', 'phone') === cipher.blindIndex('13812345678', 'phone'); // true
 * @throws FieldKeyError when the options are unusable (checked once, at start-up).
 */
export function createFieldCipher(options: FieldCipherOptions): FieldCipher {
  const active = schemesByAlgorithm.get(options.algorithm);
  if (!active) throw new FieldKeyError(`field cipher algorithm must be one of ${fieldAlgorithms.join(', ')}`);
  const derived = new Map<string, DerivedKeys>();
  for (const [id, master] of options.keys) {
    if (!keyIdPattern.test(id)) throw new FieldKeyError('field key id must be 1–16 characters from a–z, 0–9, _ and -');
    if (master.length !== masterKeyBytes) throw new FieldKeyError(`field key "${id}" must be ${masterKeyBytes} bytes, got ${master.length}`);
    derived.set(id, deriveKeys(master));
  }
  const activeKeys = derived.get(options.activeKeyId);
  if (!activeKeys) {
    throw new FieldKeyError(`active field key "${options.activeKeyId}" is not among the configured keys (${[...derived.keys()].join(', ') || 'none'})`);
  }
  if (options.indexKey.length < masterKeyBytes) throw new FieldKeyError(`field index key must be at least ${masterKeyBytes} bytes`);
  const indexMaster = Buffer.from(options.indexKey);
  const indexKeys = new Map<string, Buffer>();

  return {
    encrypt(plaintext, context) {
      assertContext(context);
      // Buffer.from would silently turn a lone surrogate into U+FFFD and break the round trip.
      if (typeof plaintext !== 'string' || /\p{Cs}/u.test(plaintext)) throw new TypeError('plaintext must be a well-formed string');
      const sealed = active.seal(activeKeys, options.activeKeyId, Buffer.from(plaintext, 'utf8'), context);
      return [version, active.short, options.activeKeyId, sealed.iv, sealed.ciphertext, sealed.tag]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    decrypt(value, context) {
      assertContext(context);
      const parsed = parseValue(value);
      const keys = derived.get(parsed.keyId);
      if (!keys) throw new FieldCryptoError('UNKNOWN_KEY', `encrypted field uses key "${parsed.keyId}", which is not configured`);
      const plaintext = parsed.scheme.open(keys, parsed.keyId, parsed, context);
      if (!plaintext) throw new FieldCryptoError('TAMPERED', `encrypted field failed authentication (${parsed.scheme.algorithm}, key "${parsed.keyId}")`);
      return plaintext.toString('utf8');
    },

    blindIndex(value, kind) {
      if (!indexKindPattern.test(kind)) throw new TypeError('blind index kind must be 1–32 characters from a–z, 0–9, _, . and -');
      let key = indexKeys.get(kind);
      if (!key) {
        // One subkey per kind, so equal values of different kinds never share an index value.
        key = hkdf(indexMaster, `cfp blind-index v1 hmac-sha256 ${kind}`, 32);
        indexKeys.set(kind, key);
      }
      const canonical = kind === 'phone' ? phoneLookupForm(value) : kind === 'name' ? normaliseName(value) : value.normalize('NFKC').trim();
      return createHmac('sha256', key).update(canonical, 'utf8').digest('base64url');
    },

    needsReencryption(value) {
      const parsed = parseValue(value);
      return parsed.scheme !== active || parsed.keyId !== options.activeKeyId;
    },
  };
}
