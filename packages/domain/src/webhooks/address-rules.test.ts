import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress, parseIpAddress, type AddressRefusalReason } from './address-rules.ts';
import { hostOf } from './webhook-url.ts';

const refused: Array<[address: string, reason: AddressRefusalReason]> = [
  // IPv4
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'link_local'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.1', 'documentation'],
  ['192.88.99.1', 'reserved'],
  ['192.168.1.1', 'private'],
  ['198.18.0.1', 'reserved'],
  ['198.19.255.255', 'reserved'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'reserved'],
  // IPv6
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:a9fe:a9fe', 'link_local'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:c0a8:101::1', 'private'],
  ['::127.0.0.1', 'reserved'],
  ['::8.8.8.8', 'reserved'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fe80::1', 'link_local'],
  ['fe80::1%eth0', 'link_local'],
  ['febf::1', 'link_local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['ff05::1:3', 'multicast'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['2001::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
  ['5f00::1', 'reserved'],
  ['100::1', 'reserved'],
  ['64:ff9b:1::1', 'reserved'],
  ['4000::1', 'reserved'],
  // not an address at all
  ['', 'invalid'],
  ['localhost', 'invalid'],
  ['example.com', 'invalid'],
  ['01.2.3.4', 'invalid'],
  ['1.2.3', 'invalid'],
  ['1.2.3.256', 'invalid'],
  ['0x7f.0.0.1', 'invalid'],
  ['2130706433', 'invalid'],
  ['1::2::3', 'invalid'],
  ['1:2:3:4:5:6:7:8:9', 'invalid'],
  ['1::2:3:4:5:6:7:8', 'invalid'],
  ['12345::1', 'invalid'],
  ['::ffff:1.2.3.4.5', 'invalid'],
  ['1.2.3.4::', 'invalid'],
];

const allowed: Array<[address: string, version: 4 | 6]> = [
  ['8.8.8.8', 4],
  ['1.1.1.1', 4],
  ['93.184.215.14', 4],
  ['100.63.255.255', 4], // just below CGNAT
  ['100.128.0.0', 4], // just above CGNAT
  ['172.15.255.255', 4],
  ['172.32.0.0', 4],
  ['169.253.255.255', 4],
  ['198.20.0.0', 4],
  ['223.255.255.255', 4],
  ['2606:4700:4700::1111', 6],
  ['2400:3200::1', 6],
  ['2001:4860:4860::8888', 6], // outside 2001::/23
  ['2001:200::1', 6], // first /23 after the IETF block
  ['::ffff:8.8.8.8', 6],
  ['64:ff9b::808:808', 6], // NAT64 of a public address
  ['2002:808:808::1', 6], // 6to4 of a public address
  ['[2606:4700:4700::1111]', 6],
];

describe('classifyAddress', () => {
  it.each(refused)('refuses %s (%s)', (address, reason) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, reason });
  });

  it.each(allowed)('allows %s', (address, version) => {
    expect(classifyAddress(address)).toEqual({ allowed: true, version });
  });

  it('parses exactly what net.isIP accepts (zone ids aside)', () => {
    for (const [address] of [...refused, ...allowed]) {
      const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
      expect(parseIpAddress(bare) !== undefined, address).toBe(isIP(bare) !== 0);
    }
  });

  it('judges hosts after the URL parser normalised them: hex, octal, integer and short forms, IPv4-mapped IPv6', () => {
    const cases: Array<[url: string, host: string, reason: AddressRefusalReason]> = [
      ['https://0x7f.1/', '127.0.0.1', 'loopback'],
      ['https://0x7f000001/', '127.0.0.1', 'loopback'],
      ['https://017700000001/', '127.0.0.1', 'loopback'],
      ['https://2130706433/', '127.0.0.1', 'loopback'],
      ['https://127.1/', '127.0.0.1', 'loopback'],
      ['https://0/', '0.0.0.0', 'unspecified'],
      ['https://0300.0250.0.1/', '192.168.0.1', 'private'],
      ['https://012.0.0.1/', '10.0.0.1', 'private'],
      ['https://169.254.169.254/latest/meta-data', '169.254.169.254', 'link_local'],
      ['https://[::ffff:127.0.0.1]/', '::ffff:7f00:1', 'loopback'],
      ['https://[0:0:0:0:0:ffff:a9fe:a9fe]/', '::ffff:a9fe:a9fe', 'link_local'],
      ['https://[::1]:8443/', '::1', 'loopback'],
      ['https://[FE80::1]/', 'fe80::1', 'link_local'],
    ];
    for (const [url, host, reason] of cases) {
      const parsed = new URL(url);
      expect(hostOf(parsed), url).toBe(host);
      expect(isIP(hostOf(parsed)), url).not.toBe(0);
      expect(classifyAddress(hostOf(parsed)), url).toEqual({ allowed: false, reason });
    }
  });
});

describe('address parsing, property-based', () => {
  const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));

  it('agrees with net.isIP on strings built from address characters', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.'), maxLength: 45 }),
      fc
        .array(
          fc.oneof(
            fc.constant(''),
            fc.nat(0xffff).map((n) => n.toString(16)),
          ),
          { minLength: 1, maxLength: 10 },
        )
        .map((g) => g.join(':')),
      fc
        .tuple(
          fc.array(
            fc.nat(0xffff).map((n) => n.toString(16)),
            { maxLength: 6 },
          ),
          ipv4,
        )
        .map(([g, v4]) => `${g.join(':')}::${v4.join('.')}`),
    );
    fc.assert(
      fc.property(text, (s) => (parseIpAddress(s) !== undefined) === (isIP(s) !== 0)),
      { numRuns: 5000 },
    );
  });

  it('judges an IPv4-mapped IPv6 address exactly as the IPv4 address inside', () => {
    fc.assert(
      fc.property(ipv4, (b) => {
        const v4 = classifyAddress(b.join('.'));
        const hex = `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
        for (const mapped of [`::ffff:${b.join('.')}`, `::ffff:${hex}`, `0:0:0:0:0:ffff:${hex}`]) {
          expect(classifyAddress(mapped), mapped).toEqual(v4.allowed ? { allowed: true, version: 6 } : v4);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
