/**
 * Sends one webhook request, safely. The target is checked at sending time, every time: the URL
 * (https, or an allow-listed host), then every address the host resolves to against the address
 * rules (packages/domain/src/webhooks/address-rules.ts). A refused target is refused before any
 * connection is attempted. The connection then goes to the address that was checked — the
 * transport's `lookup` answers with it instead of resolving the name again, so a DNS answer that
 * changes between check and connect (DNS rebinding) cannot redirect it — while the Host header
 * and TLS server name (SNI, certificate check) stay the URL's host name. Redirects are not
 * followed (a 3xx is a failure), and an attempt without an answer within 10 s fails.
 *
 * Errors recorded for the organisation's admins say what went wrong without internal detail: no
 * resolved address of a refused name (split-horizon DNS could reveal internal ones), only error codes.
 */
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkWebhookUrl, classifyAddress, hostOf, webhookRetryPolicy, type AllowedHost } from '@cfp/domain';

/** Every address of a host name, as `dns.promises.lookup(host, { all: true })` answers. */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface TransportRequest {
  url: URL;
  /** The checked address to connect to. */
  address: string;
  family: 4 | 6;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Opens the connection and sends; resolves with the answer's status. The only function that touches the network. */
export type Transport = (request: TransportRequest) => Promise<{ statusCode: number }>;

export type SendOutcome =
  /** The receiver answered (any status; 2xx means delivered). */
  | { kind: 'answered'; statusCode: number }
  /** Not sent: the URL or an address was refused. No connection was attempted. */
  | { kind: 'refused'; error: string }
  /** Sent or tried, without an answer: DNS failure, connection error, TLS error, timeout. */
  | { kind: 'failed'; error: string };

export const resolveHost: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
}

/** Node's http(s).request, connected to `address`; the response body is not read. */
export const nodeTransport: Transport = (request) =>
  new Promise((resolve, reject) => {
    const { url } = request;
    const hostname = hostOf(url);
    const lookup = (_host: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
      // Connect to the address that was checked, never to a new resolution of the name.
      if (options.all) callback(null, [{ address: request.address, family: request.family }]);
      else callback(null, request.address, request.family);
    };
    const send = url.protocol === 'https:' ? https.request : http.request;
    const req = send(
      {
        protocol: url.protocol,
        hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...request.headers, host: url.host, 'content-length': String(Buffer.byteLength(request.body)) },
        // A fresh connection per attempt: a pooled socket could outlive the address check.
        agent: false,
        lookup,
        ...(url.protocol === 'https:' && isIP(hostname) === 0 ? { servername: hostname } : {}),
      },
      (res) => {
        clearTimeout(timer);
        resolve({ statusCode: res.statusCode ?? 0 });
        // The status is the answer; the body is never read (nor buffered).
        res.destroy();
      },
    );
    const timer = setTimeout(() => req.destroy(new AttemptTimeout()), request.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(request.body);
  });

const reasonNames: Record<string, string> = {
  invalid: 'invalid',
  unspecified: 'unspecified',
  loopback: 'loopback',
  private: 'private',
  link_local: 'link-local',
  cgnat: 'shared (CGNAT)',
  multicast: 'multicast',
  documentation: 'documentation',
  reserved: 'reserved',
};

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof AttemptTimeout) return `timeout: no answer within ${timeoutMs / 1000} s`;
  const code = (error as { code?: unknown }).code;
  return `connection failed: ${typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'network error'}`;
}

export async function sendWebhook(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowHosts: readonly AllowedHost[];
  resolve?: ResolveHost;
  transport?: Transport;
  timeoutMs?: number;
}): Promise<SendOutcome> {
  const timeoutMs = options.timeoutMs ?? webhookRetryPolicy.attemptTimeoutMs;
  // One deadline for the whole attempt, resolving the name included; real time (a network timeout), not the platform clock.
  const deadline = Date.now() + timeoutMs;
  const checked = checkWebhookUrl({ url: options.url, allowHosts: options.allowHosts });
  if (!checked.ok) return { kind: 'refused', error: `refused: ${checked.reason === 'not_https' ? 'not https' : checked.reason.replace(/_/g, ' ')}` };
  const host = hostOf(checked.url);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('lookup timed out'), { code: 'TIMEOUT' })), timeoutMs);
      });
      addresses = await Promise.race([(options.resolve ?? resolveHost)(host), timedOut]);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { kind: 'failed', error: `dns: ${typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'lookup failed'}` };
    } finally {
      clearTimeout(timer);
    }
    if (addresses.length === 0) return { kind: 'failed', error: 'dns: no address' };
  }
  if (!checked.allowListed) {
    // Every address must pass: a name with one private answer among public ones is refused.
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      if (!verdict.allowed) return { kind: 'refused', error: `refused: ${reasonNames[verdict.reason] ?? verdict.reason} address` };
    }
  }
  const target = addresses[0]!;
  try {
    const answer = await (options.transport ?? nodeTransport)({
      url: checked.url,
      address: target.address,
      family: target.family === 6 ? 6 : 4,
      headers: options.headers,
      body: options.body,
      timeoutMs: Math.max(1, deadline - Date.now()),
    });
    return { kind: 'answered', statusCode: answer.statusCode };
  } catch (error) {
    return { kind: 'failed', error: describeFailure(error, timeoutMs) };
  }
}
