import fp from 'fastify-plugin';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built H5 mini-app at `/` when its folder exists (the API lives under /api/v1). */
export const staticH5Plugin = fp<{ root: string }>(async function staticH5(app: FastifyInstance, { root }) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'H5 build not found; the app will not be served at /');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, filePath) {
      // Hashed bundles may be cached for long; index.html must always be revalidated.
      const cache = /\.[0-9a-f]{8,}\./.test(path.basename(filePath)) ? 'public, max-age=31536000, immutable' : 'no-cache';
      reply.header("cache-control", cache);
    },
  });
});
