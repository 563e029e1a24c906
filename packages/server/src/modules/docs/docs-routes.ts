/**
 * GET /api/docs: the interactive API reference (Swagger UI), served from the swagger-ui-dist
 * package on this machine — nothing from third-party hosts — under a CSP without inline scripts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.ts';

const docsCsp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>碳金融服务平台 API 文档 · Carbon finance platform API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

// validatorUrl: null — Swagger UI would otherwise send the document's address to a third-party validator.
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: false, validatorUrl: null });`;

export function docsRoutes() {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, { body: string; type: string }>();
  const asset = (name: string, type: string) => {
    let a = assets.get(name);
    if (!a) {
      a = { body: readFileSync(join(dir, name), 'utf8'), type };
      assets.set(name, a);
    }
    return a;
  };
  const send = (body: string, type: string) =>
    new Response(body, { headers: { 'Content-Type': type, 'Content-Security-Policy': docsCsp, 'Cache-Control': 'public, max-age=3600' } });
  return new Hono<AppEnv>()
    .get('/api/docs', () => send(page, 'text/html; charset=utf-8'))
    .get('/api/docs/init.js', () => send(init, 'text/javascript; charset=utf-8'))
    .get('/api/docs/swagger-ui.css', () => {
      const a = asset('swagger-ui.css', 'text/css; charset=utf-8');
      return send(a.body, a.type);
    })
    .get('/api/docs/swagger-ui-bundle.js', () => {
      const a = asset('swagger-ui-bundle.js', 'text/javascript; charset=utf-8');
      return send(a.body, a.type);
    });
}
