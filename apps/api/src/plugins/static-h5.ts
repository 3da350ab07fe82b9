import fp from 'fastify-plugin';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * A page shown at `/` while the H5 app is not built yet (`pnpm start` builds it in the background
 * on a first start): it says so in plain words and reloads itself until the app is there.
 */
export const BUILDING_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="3"><title>先锋骑士 · 正在准备</title>
<style>body{margin:0;font-family:system-ui,sans-serif;background:#F7F3F0;color:#1f1f1f;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{max-width:320px;padding:24px;text-align:center}h1{font-size:20px;margin:0 0 12px}p{color:#595959;line-height:1.6;margin:0 0 8px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;background:#D7000F;animation:b 1s infinite alternate}@keyframes b{to{opacity:.2}}</style></head>
<body><main><h1><span class="dot"></span> 正在构建应用</h1><p>首次启动需要约 1 分钟构建网页版，完成后本页会自动打开。</p>
<p>接口已经可用：<a href="/docs">/docs</a></p></main></body></html>`;

/**
 * Serves the built H5 mini-app at `/` (the API lives under /api/v1). Files are looked up on each
 * request, so a build that finishes after the server started is served without a restart; until
 * `index.html` exists, `/` answers with the "building" page above.
 */
export const staticH5Plugin = fp<{ root: string }>(async function staticH5(app: FastifyInstance, { root }) {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) app.log.info({ root }, 'H5 app not built yet: `/` shows a "building" page until it is');
  // @fastify/static wants its root to exist; the build fills it later.
  fs.mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: false,
    cacheControl: false,
    setHeaders(reply, filePath) {
      // Hashed bundles may be cached for long; index.html must always be revalidated.
      const cache = /\.[0-9a-f]{8,}\./.test(path.basename(filePath)) ? 'public, max-age=31536000, immutable' : 'no-cache';
      reply.header('cache-control', cache);
    },
  });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    if (fs.existsSync(index)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.code(503).header('cache-control', 'no-store').header('retry-after', '3').type('text/html; charset=utf-8').send(BUILDING_PAGE);
  });
});
