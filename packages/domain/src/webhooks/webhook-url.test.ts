import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isAllowListed, parseAllowHosts } from './webhook-url.ts';

describe('webhook URLs', () => {
  const allow = parseAllowHosts(' 127.0.0.1:4567, erp.intranet ,[::1]:8080 ');

  it('parses the allow-list: host with or without port, IPv6 in brackets', () => {
    expect(allow).toEqual([{ hostname: '127.0.0.1', port: 4567 }, { hostname: 'erp.intranet' }, { hostname: '[::1]', port: 8080 }]);
    expect(parseAllowHosts('')).toEqual([]);
    expect(parseAllowHosts('ERP.Intranet.:443')).toEqual([{ hostname: 'erp.intranet', port: 443 }]);
  });

  it.each(['http://x', 'x/y', 'a:b:c', 'u@host', 'host?x', 'host:99999'])('refuses the allow-list entry %s', (entry) => {
    expect(() => parseAllowHosts(entry)).toThrow(/host\[:port\]|Invalid URL|not host/);
  });

  it.each([
    ['https://erp.bank.example/cfp/hooks', { ok: true, allowListed: false }],
    ['https://10.0.0.1/hook', { ok: true, allowListed: false }], // syntax only: the address rules apply when sending
    ['http://127.0.0.1:4567/hook', { ok: true, allowListed: true }],
    ['https://127.0.0.1:4567/hook', { ok: true, allowListed: true }],
    ['http://erp.intranet:8080/x', { ok: true, allowListed: true }],
    ['http://erp.intranet./x', { ok: true, allowListed: true }],
    ['http://[::1]:8080/', { ok: true, allowListed: true }],
    ['http://127.0.0.1:4568/hook', { ok: false, reason: 'not_https' }],
    ['http://[::1]/', { ok: false, reason: 'not_https' }],
    ['http://erp.bank.example/hook', { ok: false, reason: 'not_https' }],
    ['ftp://erp.bank.example/hook', { ok: false, reason: 'not_https' }],
    ['javascript:alert(1)', { ok: false, reason: 'not_https' }],
    ['file:///etc/passwd', { ok: false, reason: 'not_https' }],
    ['https://user:pw@erp.bank.example/', { ok: false, reason: 'credentials' }],
    ['/relative/hook', { ok: false, reason: 'not_a_url' }],
    ['https://', { ok: false, reason: 'not_a_url' }],
    ['not a url', { ok: false, reason: 'not_a_url' }],
  ])('%s', (url, expected) => {
    const result = checkWebhookUrl({ url, allowHosts: allow });
    expect(result).toMatchObject(expected);
  });

  it('matches the default port when an entry names one', () => {
    const https = parseAllowHosts('hooks.intranet:443');
    expect(isAllowListed(new URL('https://hooks.intranet/x'), https)).toBe(true);
    expect(isAllowListed(new URL('http://hooks.intranet/x'), https)).toBe(false);
  });
});
