/**
 * Which network addresses an outgoing webhook may reach (ARCHITECTURE.md → Security model:
 * "outgoing webhooks never reach loopback or private addresses"). The sender asks this for every
 * address a target resolves to, at sending time, and connects only to an address that passed.
 *
 * Rules, as tables of CIDR blocks: IPv4 refuses "this network", RFC 1918 private, CGNAT
 * (100.64/10), loopback, link-local (169.254/16, cloud metadata lives there), IETF protocol
 * assignments, documentation and benchmarking ranges, 6to4 relays, multicast and the reserved
 * 240/4 (broadcast included). IPv6 is allowed only inside global unicast 2000::/3, minus its
 * documentation, IETF-assigned (Teredo included) and SRv6 blocks; addresses that embed an IPv4
 * address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4
 * address inside, so `::ffff:127.0.0.1` is loopback. Anything that does not parse is refused.
 *
 * Parsing is strict: IPv4 only as four decimal parts without leading zeros (as `net.isIP`); the
 * URL parser has already turned `0x7f.1`, `2130706433` or `0177.0.0.1` into `127.0.0.1` before a
 * host reaches this module.
 *
 * @example
 * classifyAddress('10.0.0.1')          // { allowed: false, reason: 'private' }
 * classifyAddress('::ffff:127.0.0.1')  // { allowed: false, reason: 'loopback' }
 * classifyAddress('93.184.215.14')     // { allowed: true, version: 4 }
 */

export const addressRefusalReasons = ['invalid', 'unspecified', 'loopback', 'private', 'link_local', 'cgnat', 'multicast', 'documentation', 'reserved'] as const;
export type AddressRefusalReason = (typeof addressRefusalReasons)[number];

export type AddressVerdict = { allowed: true; version: 4 | 6 } | { allowed: false; reason: AddressRefusalReason };

export interface ParsedAddress {
  version: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

/** One IPv4 part: decimal 0–255 without leading zeros (declared before the tables below use it). */
const decimalOctet = /^(0|[1-9]\d{0,2})$/;

interface Block {
  /** Leading bytes of the block, network order (as many as the prefix needs). */
  prefix: number[];
  /** Prefix length in bits. */
  bits: number;
  reason: AddressRefusalReason;
}

/** `'10.0.0.0/8'` or `'fe80::/10'` → a block; only used on the tables below. */
function block(cidr: string, reason: AddressRefusalReason): Block {
  const [address, bits] = cidr.split('/') as [string, string];
  const parsed = parseIpAddress(address);
  if (!parsed) throw new Error(`bad CIDR ${cidr}`);
  return { prefix: parsed.bytes, bits: Number(bits), reason };
}

const ipv4Blocks: readonly Block[] = [
  block('0.0.0.0/8', 'unspecified'),
  block('10.0.0.0/8', 'private'),
  block('100.64.0.0/10', 'cgnat'),
  block('127.0.0.0/8', 'loopback'),
  block('169.254.0.0/16', 'link_local'),
  block('172.16.0.0/12', 'private'),
  block('192.0.0.0/24', 'reserved'),
  block('192.0.2.0/24', 'documentation'),
  block('192.88.99.0/24', 'reserved'),
  block('192.168.0.0/16', 'private'),
  block('198.18.0.0/15', 'reserved'),
  block('198.51.100.0/24', 'documentation'),
  block('203.0.113.0/24', 'documentation'),
  block('224.0.0.0/4', 'multicast'),
  block('240.0.0.0/4', 'reserved'),
];

/** Checked in order, after the IPv4-embedding forms; the first match decides. */
const ipv6Blocks: readonly Block[] = [
  block('::/128', 'unspecified'),
  block('::1/128', 'loopback'),
  block('ff00::/8', 'multicast'),
  block('fe80::/10', 'link_local'),
  // site-local, deprecated by RFC 3879 but still routed inside some networks
  block('fec0::/10', 'private'),
  block('fc00::/7', 'private'),
  block('2001:db8::/32', 'documentation'),
  block('3fff::/20', 'documentation'),
  // IETF protocol assignments, Teredo (2001::/32) included
  block('2001::/23', 'reserved'),
  block('5f00::/16', 'reserved'),
];

const globalUnicast = block('2000::/3', 'reserved');

function matches(bytes: readonly number[], b: Block): boolean {
  for (let bit = 0; bit < b.bits; bit += 8) {
    const take = Math.min(8, b.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((bytes[i] ?? 0) & mask) !== ((b.prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => decimalOctet.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function parseIpv6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string, last: boolean): number[] | undefined => {
    if (part === '') return [];
    const pieces = part.split(':');
    const out: number[] = [];
    for (const [i, piece] of pieces.entries()) {
      if (piece.includes('.')) {
        // dotted IPv4 only as the address's last piece
        const v4 = last && i === pieces.length - 1 ? parseIpv4(piece) : undefined;
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1]!, true) : [];
  if (!head || !tail) return undefined;
  const groups =
    halves.length === 2
      ? head.length + tail.length <= 7
        ? [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail]
        : undefined
      : head.length === 8
        ? head
        : undefined;
  return groups?.flatMap((g) => [g >> 8, g & 0xff]);
}

/**
 * A literal IPv4 (strict dotted decimal) or IPv6 address (without brackets; a `%zone` suffix is
 * rejected here — see classifyAddress), or undefined when `text` is not one.
 */
export function parseIpAddress(text: string): ParsedAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 ? { version: 6, bytes: v6 } : undefined;
}

function classifyIpv4(bytes: readonly number[]): AddressVerdict {
  const hit = ipv4Blocks.find((b) => matches(bytes, b));
  return hit ? { allowed: false, reason: hit.reason } : { allowed: true, version: 4 };
}

const ipv4Mapped = block('::ffff:0:0/96', 'reserved');
const ipv4Compatible = block('::/96', 'reserved');
const nat64 = block('64:ff9b::/96', 'reserved');
const sixToFour = block('2002::/16', 'reserved');

function classifyIpv6(bytes: readonly number[]): AddressVerdict {
  // Forms that carry an IPv4 address: the IPv4 rules decide (a mapped loopback is loopback).
  const embedded = matches(bytes, ipv4Mapped) || matches(bytes, nat64) ? bytes.slice(12, 16) : matches(bytes, sixToFour) ? bytes.slice(2, 6) : undefined;
  if (embedded) {
    const inner = classifyIpv4(embedded);
    return inner.allowed ? { allowed: true, version: 6 } : inner;
  }
  const hit = ipv6Blocks.find((b) => matches(bytes, b));
  if (hit) return { allowed: false, reason: hit.reason };
  // The deprecated IPv4-compatible form (::a.b.c.d) and everything outside global unicast.
  if (matches(bytes, ipv4Compatible) || !matches(bytes, globalUnicast)) return { allowed: false, reason: 'reserved' };
  return { allowed: true, version: 6 };
}

/**
 * May a webhook connect to `address` (an IP literal as DNS answers it or the URL parser writes it;
 * IPv6 with or without brackets)? A zone suffix (`fe80::1%eth0`) is only ever link-local: refused.
 */
export function classifyAddress(address: string): AddressVerdict {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const zone = bare.indexOf('%');
  const parsed = parseIpAddress(zone >= 0 ? bare.slice(0, zone) : bare);
  if (!parsed) return { allowed: false, reason: 'invalid' };
  const verdict = parsed.version === 4 ? classifyIpv4(parsed.bytes) : classifyIpv6(parsed.bytes);
  if (verdict.allowed && zone >= 0) return { allowed: false, reason: 'link_local' };
  return verdict;
}
