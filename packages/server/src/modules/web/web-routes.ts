/**
 * The web app (dist/web, built by packages/web/scripts/build.mjs): hashed assets under /assets/
 * with a year's cache (gzipped when the browser accepts it), and index.html — never cached — for
 * every other path outside /api (the single-page app routes itself). All under the app's CSP:
 * nothing from third-party hosts; inline styles only, which Ant Design's CSS-in-JS needs.
 * While the build is missing or running (`npm start` builds it in the background), every page is
 * a small "building" page that reloads itself; the API answers meanwhile.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Hono, type Context, type Next } from 'hono';
import type { AppEnv, Platform } from '../../http/context.ts';

export const webAppCsp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

const buildingPage = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3">
<title>正在构建界面 · Building the web app</title>
</head>
<body style="font-family: system-ui, sans-serif; margin: 15vh auto; max-width: 32em; padding: 0 1em; color: #333">
<h1 style="font-size: 1.3em">正在构建界面…</h1>
<p>Building the web app… This page reloads itself. The API is already available at <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>`;

/** dist/web: beside the bundled server (dist/cfp.mjs), or under the repository root when run from source. */
export function defaultWebDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (basename(here) === 'dist') return join(here, 'web');
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'packages', 'web', 'package.json'))) return join(dir, 'dist', 'web');
  }
  return join(here, 'web');
}

/** True while a background build holds the lock (dist/web-building.json with a live pid). */
function buildRunning(webDir: string): boolean {
  const lock = join(dirname(webDir), 'web-building.json');
  try {
    const { pid } = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number };
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Asset {
  body: Buffer;
  gzipped: Buffer | undefined;
  type: string;
  mtimeMs: number;
}

export function webRoutes(_platform: Platform, options: { dir?: string } = {}) {
  const webDir = options.dir ?? defaultWebDir();
  const assetsDir = join(webDir, 'assets');
  const cache = new Map<string, Asset>();

  const headers = (type: string, cacheControl: string): Record<string, string> => ({ 'Content-Type': type, 'Content-Security-Policy': webAppCsp, 'Cache-Control': cacheControl });

  function load(file: string): Asset | undefined {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached;
    const body = readFileSync(file);
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    const compressible = type.startsWith('text/') || type === 'image/svg+xml' || type === 'application/json';
    const asset = { body, gzipped: compressible && body.length > 1024 ? gzipSync(body) : undefined, type, mtimeMs: stat.mtimeMs };
    if (cache.size > 2000) cache.clear();
    cache.set(file, asset);
    return asset;
  }

  function send(c: Context<AppEnv>, asset: Asset, cacheControl: string): Response {
    const h = headers(asset.type, cacheControl);
    h['Vary'] = 'Accept-Encoding';
    const gzip = asset.gzipped && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    if (gzip) h['Content-Encoding'] = 'gzip';
    const body = gzip ? asset.gzipped! : asset.body;
    return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: h });
  }

  const building = () => new Response(buildingPage, { status: 503, headers: { ...headers('text/html; charset=utf-8', 'no-store'), 'Retry-After': '3' } });

  const handle = async (c: Context<AppEnv>, next: Next) => {
    const path = c.req.path;
    // The API's own routes (some registered after this one, e.g. /api/openapi.json) and its 404s.
    if (path === '/api' || path.startsWith('/api/')) return next();
    const index = join(webDir, 'index.html');
    if (buildRunning(webDir) || !existsSync(index)) return building();
    if (path.startsWith('/assets/')) {
      let relativePath: string;
      try {
        relativePath = decodeURIComponent(path.slice('/assets/'.length));
      } catch {
        return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8', 'no-store') });
      }
      const file = normalize(join(assetsDir, relativePath));
      const asset = file.startsWith(assetsDir + sep) && !relativePath.includes('\0') ? load(file) : undefined;
      // A missing asset is a 404, never index.html: a stale tab must not run HTML as a script.
      if (!asset) return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8', 'no-store') });
      return send(c, asset, 'public, max-age=31536000, immutable');
    }
    const page = load(index);
    if (!page) return building();
    return send(c, page, 'no-cache');
  };

  return new Hono<AppEnv>().get('*', handle);
}
