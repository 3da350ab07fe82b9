import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

const API_PATH = '/api/';

/** Security headers (helmet's, computed once), CORS from config, and `Cache-Control: no-store` on every API response. */
export const securityPlugin = fp<{ corsOrigins: string[] | true; mapTileSources?: string[] }>(async function security(
  app: FastifyInstance,
  { corsOrigins, mapTileSources = [] },
) {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The H5 station map's tiles come from the configured tile server (MAP_TILE_SOURCES).
        imgSrc: ["'self'", 'data:', 'blob:', ...mapTileSources],
        connectSrc: ["'self'"],
        // The H5 camera scanner decodes QR codes in a worker it creates from a blob (qr-scanner).
        workerSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(cors, { origin: corsOrigins, credentials: false, maxAge: 600 });
  // Nothing the API answers is stored by browsers, proxies or the WeChat client unless a route says
  // so itself (public images set their own Cache-Control): responses carry personal data (/me,
  // applications, exports, help requests, notifications…) and a new route is covered without thinking.
  app.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('cache-control') && request.url.startsWith(API_PATH)) reply.header('cache-control', 'no-store');
  });
});

/**
 * Helmet's headers for these options, computed once. (@fastify/helmet runs `helmet(options)` on
 * every request, re-validating the CSP directives each time: ≈ 6 % of a check-in's CPU under
 * load, issue 10. The headers do not depend on the request, so they are the same.)
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as never, response as never, (err?: unknown) => void (failure = err));
  if (failure) throw failure;
  return headers;
}
