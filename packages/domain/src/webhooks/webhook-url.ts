/**
 * Webhook target URLs: what registration accepts and how the allow-list of hosts works. The
 * address rules (address-rules.ts) are applied later, at sending time, to every address the host
 * resolves to; this module only looks at the text of the URL.
 *
 * A target must be an absolute `https:` URL without user name or password. Hosts on the
 * allow-list (`WEBHOOK_ALLOW_HOSTS`, for tests and intranets) may also use `http:` and skip the
 * address rules. An allow-list entry is `host` (any port) or `host:port`; IPv6 in brackets.
 *
 * @example
 * const allow = parseAllowHosts('127.0.0.1:4000,erp.intranet');
 * checkWebhookUrl({ url: 'http://127.0.0.1:4000/hook', allowHosts: allow }) // { ok: true, allowListed: true, … }
 * checkWebhookUrl({ url: 'http://example.com/hook', allowHosts: [] })       // { ok: false, reason: 'not_https' }
 */

export interface AllowedHost {
  /** Lowercase, as the URL parser writes it (IPv6 in brackets), without a trailing dot. */
  hostname: string;
  /** undefined: any port. */
  port?: number;
}

export const webhookUrlRefusals = ['not_a_url', 'not_https', 'credentials', 'no_host'] as const;
export type WebhookUrlRefusal = (typeof webhookUrlRefusals)[number];

export type WebhookUrlCheck = { ok: true; url: URL; allowListed: boolean } | { ok: false; reason: WebhookUrlRefusal };

const defaultPorts: Record<string, number> = { 'http:': 80, 'https:': 443 };

const withoutTrailingDot = (hostname: string): string => (hostname.endsWith('.') ? hostname.slice(0, -1) : hostname);

/**
 * Parses `WEBHOOK_ALLOW_HOSTS` (comma-separated `host[:port]`; empty → none).
 * @throws Error naming the bad entry
 */
export function parseAllowHosts(spec: string): AllowedHost[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(`http://${entry}`);
      } catch {
        throw new Error(`"${entry}" is not host[:port]`);
      }
      if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || !url.hostname) throw new Error(`"${entry}" is not host[:port]`);
      return { hostname: withoutTrailingDot(url.hostname), ...(url.port ? { port: Number(url.port) } : {}) };
    });
}

/** Is the URL's host (and port) on the allow-list? */
export function isAllowListed(url: URL, allowHosts: readonly AllowedHost[]): boolean {
  const hostname = withoutTrailingDot(url.hostname);
  const port = url.port ? Number(url.port) : defaultPorts[url.protocol];
  return allowHosts.some((a) => a.hostname === hostname && (a.port === undefined || a.port === port));
}

/** Registration and sending both start here: syntax, scheme and the allow-list. */
export function checkWebhookUrl(options: { url: string; allowHosts: readonly AllowedHost[] }): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return { ok: false, reason: 'not_a_url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'not_https' };
  if (!url.hostname) return { ok: false, reason: 'no_host' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const allowListed = isAllowListed(url, options.allowHosts);
  if (url.protocol === 'http:' && !allowListed) return { ok: false, reason: 'not_https' };
  return { ok: true, url, allowListed };
}

/** The host as an address or a name to resolve: IPv6 literals lose their brackets. */
export function hostOf(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}
