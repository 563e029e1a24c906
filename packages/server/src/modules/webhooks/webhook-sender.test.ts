/**
 * The sender's address checks happen before any connection: refused targets never reach the
 * transport (a counting stand-in here), names are resolved once and the connection goes to the
 * checked address. The real transport is exercised against a local server on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowHosts } from '@cfp/domain';
import { nodeTransport, sendWebhook, type ResolveHost, type Transport, type TransportRequest } from './webhook-sender.ts';

let server: Server;
let port: number;
const received: Array<{ headers: IncomingMessage['headers']; body: string; url: string }> = [];
let hang = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), url: req.url ?? '' });
      if (hang) return; // never answers: the sender's timeout must end the attempt
      res.writeHead(req.url === '/teapot' ? 418 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function counting(): { transport: Transport; calls: TransportRequest[] } {
  const calls: TransportRequest[] = [];
  return { calls, transport: async (r) => (calls.push(r), { statusCode: 200 }) };
}

const base = { headers: { 'content-type': 'application/json' }, body: '{}', allowHosts: [] };

describe('sendWebhook: refused before connecting', () => {
  it.each([
    ['https://10.0.0.1/hook', 'refused: private address'],
    ['https://[::ffff:127.0.0.1]/', 'refused: loopback address'],
    ['https://169.254.169.254/latest/meta-data', 'refused: link-local address'],
    ['https://0x7f.1/', 'refused: loopback address'],
    ['https://2130706433/', 'refused: loopback address'],
    ['https://[::1]:8443/', 'refused: loopback address'],
    ['https://[fd00::1]/', 'refused: private address'],
    ['https://100.64.1.1/', 'refused: shared (CGNAT) address'],
    ['https://0.0.0.0/', 'refused: unspecified address'],
    ['https://224.0.0.251/', 'refused: multicast address'],
    ['http://93.184.215.14/', 'refused: not https'],
    ['ftp://93.184.215.14/', 'refused: not https'],
    ['https://user:secret@93.184.215.14/', 'refused: credentials'],
  ])('%s → %s, without resolving or connecting', async (url, error) => {
    const { transport, calls } = counting();
    let lookups = 0;
    const resolve: ResolveHost = async () => (lookups++, [{ address: '93.184.215.14', family: 4 }]);
    expect(await sendWebhook({ ...base, url, resolve, transport })).toEqual({ kind: 'refused', error });
    expect(calls).toHaveLength(0);
    expect(lookups).toBe(0);
  });

  it.each([
    [[{ address: '127.0.0.1', family: 4 }], 'refused: loopback address'],
    [[{ address: '10.1.2.3', family: 4 }], 'refused: private address'],
    [[{ address: '::1', family: 6 }], 'refused: loopback address'],
    [[{ address: 'fe80::1%eth0', family: 6 }], 'refused: link-local address'],
    // one bad answer among good ones is enough: the connection could go to any of them
    [
      [
        { address: '93.184.215.14', family: 4 },
        { address: '192.168.0.10', family: 4 },
      ],
      'refused: private address',
    ],
  ])('a name resolving to %j is refused (%s) without connecting, and the answer is not disclosed', async (answers, error) => {
    const { transport, calls } = counting();
    const outcome = await sendWebhook({ ...base, url: 'https://hooks.bank.example/cfp', resolve: async () => answers, transport });
    expect(outcome).toEqual({ kind: 'refused', error });
    expect(JSON.stringify(outcome)).not.toMatch(/\d+\.\d+\.\d+\.\d+|::/);
    expect(calls).toHaveLength(0);
  });

  it('a lookup that does not answer in time is a failure, within the attempt’s deadline', async () => {
    const { transport, calls } = counting();
    const resolve: ResolveHost = () => new Promise(() => undefined);
    expect(await sendWebhook({ ...base, url: 'https://hooks.bank.example/cfp', resolve, transport, timeoutMs: 50 })).toEqual({ kind: 'failed', error: 'dns: TIMEOUT' });
    expect(calls).toHaveLength(0);
  });

  it('a DNS failure is a failure (retried later), not a connection', async () => {
    const { transport, calls } = counting();
    const resolve: ResolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND hooks.bank.example'), { code: 'ENOTFOUND' });
    };
    expect(await sendWebhook({ ...base, url: 'https://hooks.bank.example/cfp', resolve, transport })).toEqual({ kind: 'failed', error: 'dns: ENOTFOUND' });
    expect(calls).toHaveLength(0);
  });
});

describe('sendWebhook: connects to the checked address', () => {
  it('resolves a public name once and hands the transport that address, keeping the URL (Host, SNI)', async () => {
    const { transport, calls } = counting();
    let lookups = 0;
    const resolve: ResolveHost = async (host) => (lookups++, host === 'hooks.bank.example' ? [{ address: '2606:4700:4700::1111', family: 6 }] : []);
    expect(await sendWebhook({ ...base, url: 'https://hooks.bank.example:8443/cfp?x=1', resolve, transport })).toEqual({ kind: 'answered', statusCode: 200 });
    expect(lookups).toBe(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ address: '2606:4700:4700::1111', family: 6 });
    expect(calls[0]!.timeoutMs).toBeGreaterThan(9_000); // what is left of the 10 s after resolving
    expect(calls[0]!.timeoutMs).toBeLessThanOrEqual(10_000);
    expect(calls[0]!.url.host).toBe('hooks.bank.example:8443');
  });

  it('an allow-listed host skips the address rules and may use http', async () => {
    const { transport, calls } = counting();
    const allowHosts = parseAllowHosts(`127.0.0.1:${port}`);
    expect(await sendWebhook({ ...base, allowHosts, url: `http://127.0.0.1:${port}/hook`, transport })).toEqual({ kind: 'answered', statusCode: 200 });
    expect(calls[0]!.address).toBe('127.0.0.1');
    // another port of the same host is not on the list
    expect(await sendWebhook({ ...base, allowHosts, url: `https://127.0.0.1:${port + 1}/hook`, transport })).toEqual({ kind: 'refused', error: 'refused: loopback address' });
    expect(calls).toHaveLength(1);
  });
});

describe('nodeTransport (127.0.0.1 only)', () => {
  it('connects to the given address, never re-resolving the name, and keeps the Host header', async () => {
    received.length = 0;
    // "receiver.invalid" cannot resolve (RFC 2606): reaching the server proves the checked address was used.
    const url = new URL(`http://receiver.invalid:${port}/in?x=1`);
    const answer = await nodeTransport({
      url,
      address: '127.0.0.1',
      family: 4,
      headers: { 'content-type': 'application/json', 'x-cfp-event-id': 'e1' },
      body: '{"a":"济宁"}',
      timeoutMs: 5000,
    });
    expect(answer).toEqual({ statusCode: 204 });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.host).toBe(`receiver.invalid:${port}`);
    expect(received[0]!.headers['x-cfp-event-id']).toBe('e1');
    expect(received[0]!.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"济宁"}')));
    expect(received[0]!.body).toBe('{"a":"济宁"}');
    expect(received[0]!.url).toBe('/in?x=1');
  });

  it('reports any status (a non-2xx is the caller’s failure to judge)', async () => {
    const allowHosts = parseAllowHosts(`127.0.0.1:${port}`);
    expect(await sendWebhook({ ...base, allowHosts, url: `http://127.0.0.1:${port}/teapot` })).toEqual({ kind: 'answered', statusCode: 418 });
  });

  it('gives up after the timeout', async () => {
    hang = true;
    try {
      const allowHosts = parseAllowHosts(`127.0.0.1:${port}`);
      const started = Date.now();
      expect(await sendWebhook({ ...base, allowHosts, url: `http://127.0.0.1:${port}/slow`, timeoutMs: 300 })).toEqual({
        kind: 'failed',
        error: 'timeout: no answer within 0.3 s',
      });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      hang = false;
    }
  });

  it('a refused connection is a failure with its code only', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const allowHosts = parseAllowHosts(`127.0.0.1:${closedPort}`);
    expect(await sendWebhook({ ...base, allowHosts, url: `http://127.0.0.1:${closedPort}/` })).toEqual({ kind: 'failed', error: 'connection failed: ECONNREFUSED' });
  });
});
