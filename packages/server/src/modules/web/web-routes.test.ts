import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../http/context.ts';
import { webAppCsp, webRoutes } from './web-routes.ts';

const root = mkdtempSync(join(tmpdir(), 'cfp-web-routes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function site(): string {
  const dir = mkdtempSync(join(root, 'site-'));
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'web', 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  return join(dir, 'web');
}

const noPlatform = {} as Platform;

describe('web app routes', () => {
  const app = webRoutes(noPlatform, { dir: site() });

  it.each(['/', '/home', '/organisations/bank-taiyue/users'])('%s is index.html, not cached, under the app CSP', async (path) => {
    const r = await app.request(path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('content-security-policy')).toBe(webAppCsp);
    expect(await r.text()).toContain('id="root"');
  });

  it('hashed assets are cached for a year and gzipped when accepted', async () => {
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-type')).toContain('text/javascript');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const gz = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
  });

  it.each(['/assets/missing.js', '/assets/..%2F..%2Fsecret.txt', '/assets/..%2Findex.html', '/assets/%00.js'])(
    '%s is a plain 404, never index.html or a file outside assets',
    async (path) => {
      const r = await app.request(path);
      expect(r.status).toBe(404);
      expect(await r.text()).toBe('Not found');
    },
  );

  it('leaves /api paths to the API (and its 404)', async () => {
    const r = await app.request('/api/v1/nope');
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('id="root"');
  });

  it('shows the "building" page while there is no build', async () => {
    const empty = webRoutes(noPlatform, { dir: join(root, 'nothing-here', 'web') });
    const r = await empty.request('/home');
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('3');
    expect(r.headers.get('content-security-policy')).toBe(webAppCsp);
    expect(await r.text()).toContain('正在构建界面');
  });
});
