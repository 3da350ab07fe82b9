import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

const API_PATH = '/api/';

/** Security headers, CORS from config, and `Cache-Control: no-store` on every API response. */
export const securityPlugin = fp<{ corsOrigins: string[] | true }>(async function security(
  app: FastifyInstance,
  { corsOrigins },
) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, { origin: corsOrigins, credentials: false, maxAge: 600 });
  // Nothing the API answers is stored by browsers, proxies or the WeChat client unless a route says
  // so itself (public images set their own Cache-Control): responses carry personal data (/me,
  // applications, exports, help requests, notifications…) and a new route is covered without thinking.
  app.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('cache-control') && request.url.startsWith(API_PATH)) reply.header('cache-control', 'no-store');
  });
});
