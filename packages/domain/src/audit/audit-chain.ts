/**
 * The audit trail as a hash chain. Each entry's hash is H(RFC 8785 canonical JSON of its content),
 * and its content includes the previous entry's hash, so changing, removing or reordering any
 * entry breaks every link after it; an exported head (the newest seq and hash, kept outside the
 * database) also exposes removal of the newest entries. Pure: hashing is the only thing used from
 * node:crypto, and the clock and storage stay with the caller.
 *
 * Invariants of a valid chain: seqs are 1, 2, 3… with no gap; entry 1's prevHash is the genesis
 * hash (64 zeros); entry n's prevHash is entry n−1's hash; every hash is lowercase hex of 256 bits
 * under the algorithm recorded in that entry (the algorithm may change between entries).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** SHA-256 by default; SM3 (GB/T 32905-2016) for deployments that need national algorithms. Both give 256 bits. */
export const hashAlgorithms = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof hashAlgorithms)[number];
export const defaultHashAlgorithm: HashAlgorithm = 'sha256';

/** prevHash of entry 1: 64 hex zeros for either algorithm. */
export const genesisHash = '0'.repeat(64);

/** What is hashed: every stored field of an entry except its own hash. */
export interface AuditEntryContent {
  /** 1, 2, 3… — int8 as a decimal string. */
  seq: string;
  /** When the command happened, ms since the Unix epoch (UTC). */
  at: number;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  /** `<module-object>.<verb>`, e.g. `organisation.create`. */
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** digestOf(state before the command); null when there was none (a creation). */
  beforeDigest: string | null;
  /** digestOf(state after the command); null when there is none (a deletion). */
  afterDigest: string | null;
  requestId: string | null;
  algorithm: HashAlgorithm;
  /** The previous entry's hash; genesisHash for entry 1. */
  prevHash: string;
}

export interface AuditEntry extends AuditEntryContent {
  /** hex(H(canonicalJson(content))), H = the entry's algorithm. */
  hash: string;
}

/** A chain's newest entry, as exported to detect truncation. */
export interface ChainHead {
  seq: string;
  hash: string;
}

export function isHashAlgorithm(value: string): value is HashAlgorithm {
  return (hashAlgorithms as readonly string[]).includes(value);
}

/** Lowercase hex digest of the UTF-8 bytes of `text`. */
export function hashHex(text: string, algorithm: HashAlgorithm): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/** Only the content fields, in a fresh object: extra properties (the stored hash, row metadata) never enter the hash. */
function contentOf(entry: AuditEntryContent): AuditEntryContent {
  return {
    seq: entry.seq,
    at: entry.at,
    actorUserId: entry.actorUserId,
    actorOrganisationId: entry.actorOrganisationId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    beforeDigest: entry.beforeDigest,
    afterDigest: entry.afterDigest,
    requestId: entry.requestId,
    algorithm: entry.algorithm,
    prevHash: entry.prevHash,
  };
}

/** hex(H(canonical(entry))) with H the entry's own algorithm. */
export function entryHash(entry: AuditEntryContent): string {
  return hashHex(canonicalJson(contentOf(entry)), entry.algorithm);
}

/**
 * Digest of a before/after state: hex(H(canonical(value))), or null for no state (null/undefined).
 * Records the state's fingerprint without copying personal or classified data into the trail.
 *
 * @example digestOf({ nameZh: '示例' }, 'sha256') // 64 hex characters
 */
export function digestOf(value: unknown, algorithm: HashAlgorithm): string | null {
  return value === null || value === undefined ? null : hashHex(canonicalJson(value), algorithm);
}

/** The entry that extends a chain whose newest entry is `previous` (null: an empty chain). */
export function chainEntry(options: { previous: ChainHead | null; content: Omit<AuditEntryContent, 'seq' | 'prevHash'> }): AuditEntry {
  const seq = options.previous ? (BigInt(options.previous.seq) + 1n).toString() : '1';
  const content: AuditEntryContent = { ...options.content, seq, prevHash: options.previous?.hash ?? genesisHash };
  return { ...contentOf(content), hash: entryHash(content) };
}

export type ChainProblem = 'hash_mismatch' | 'broken_link' | 'gap' | 'truncated' | 'head_mismatch';

export type ChainVerification = { ok: true; checked: number; head: ChainHead | null } | { ok: false; problem: ChainProblem; seq: string; message: string };

export interface VerifyChainOptions {
  /** An exported head: the chain must reach head.seq with head.hash there (entries after it are fine). */
  head?: ChainHead | undefined;
}

export interface ChainVerifier {
  /** Checks the next entry (in seq order); returns the first problem, then keeps returning it. */
  add(entry: AuditEntry): Extract<ChainVerification, { ok: false }> | undefined;
  /** The result once every entry was added. */
  finish(): ChainVerification;
}

/**
 * Incremental verification in constant memory, for streams of any length. Per entry, in order:
 * seq is the next one (else `gap`, naming the first missing seq), the hash recomputes (else
 * `hash_mismatch`: the entry was changed), prevHash is the previous hash (else `broken_link`: an
 * entry before it was replaced or removed together with its successors' hashes being rewritten),
 * and at the exported head's seq the hash is the exported one (else `head_mismatch`). At the
 * end, a chain shorter than the exported head is `truncated`, naming the first missing seq.
 */
export function chainVerifier(options: VerifyChainOptions = {}): ChainVerifier {
  let expected = 1n;
  let previousHash = genesisHash;
  let checked = 0;
  let failure: Extract<ChainVerification, { ok: false }> | undefined;
  const head = options.head && { seq: parseHeadSeq(options.head.seq), hash: options.head.hash };
  const fail = (problem: ChainProblem, seq: bigint | string, message: string) => (failure = { ok: false, problem, seq: String(seq), message });

  return {
    add(entry) {
      if (failure) return failure;
      const seq = /^[1-9][0-9]*$/.test(entry.seq) ? BigInt(entry.seq) : undefined;
      if (seq === undefined || seq < expected) return fail('broken_link', entry.seq, `entry ${entry.seq} is out of order: expected entry ${expected}`);
      if (seq > expected) {
        const last = seq - 1n;
        return fail('gap', expected, `entry ${expected}${last > expected ? `…${last}` : ''} is missing: the chain jumps from entry ${expected - 1n} to entry ${seq}`);
      }
      if (!isHashAlgorithm(entry.algorithm)) return fail('hash_mismatch', seq, `entry ${seq} names an unknown hash algorithm ${JSON.stringify(entry.algorithm)}`);
      let recomputed: string;
      try {
        recomputed = entryHash(entry);
      } catch (error) {
        return fail('hash_mismatch', seq, `entry ${seq} cannot be hashed: ${(error as Error).message}`);
      }
      if (recomputed !== entry.hash) return fail('hash_mismatch', seq, `entry ${seq} does not match its hash: it was changed after it was written`);
      if (entry.prevHash !== previousHash) {
        return fail(
          'broken_link',
          seq,
          `entry ${seq} does not link to entry ${seq - 1n}: ${seq === 1n ? 'its prevHash is not the genesis hash' : `entry ${seq - 1n} was replaced`}`,
        );
      }
      if (head && head.seq === seq && head.hash !== entry.hash) {
        return fail('head_mismatch', seq, `entry ${seq} differs from the exported head: the chain was rewritten from entry ${seq} or earlier`);
      }
      previousHash = entry.hash;
      expected = seq + 1n;
      checked++;
      return undefined;
    },
    finish() {
      if (failure) return failure;
      const last = expected - 1n;
      if (head && head.seq > last) {
        return fail('truncated', expected, `the chain ends at entry ${last} but the exported head is entry ${head.seq}: entries ${expected}…${head.seq} were removed`);
      }
      return { ok: true, checked, head: last === 0n ? null : { seq: last.toString(), hash: previousHash } };
    },
  };
}

function parseHeadSeq(seq: string): bigint {
  if (!/^[1-9][0-9]*$/.test(seq)) throw new RangeError(`an exported head's seq must be a positive integer string, not ${JSON.stringify(seq)}`);
  return BigInt(seq);
}

/**
 * Verifies `entries` (in seq order) and names the first broken entry.
 *
 * @example verifyChain(entries, { head: { seq: '10', hash } }) // { ok: false, problem: 'truncated', seq: '8', … } when 8–10 were deleted
 */
export function verifyChain(entries: Iterable<AuditEntry>, options: VerifyChainOptions = {}): ChainVerification {
  const verifier = chainVerifier(options);
  for (const entry of entries) if (verifier.add(entry)) break;
  return verifier.finish();
}

/** verifyChain over an async stream (database chunks): stops reading at the first problem. */
export async function verifyChainAsync(entries: AsyncIterable<AuditEntry>, options: VerifyChainOptions = {}): Promise<ChainVerification> {
  const verifier = chainVerifier(options);
  for await (const entry of entries) if (verifier.add(entry)) break;
  return verifier.finish();
}
