import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors';

/** Security headers, CORS from config, and the rate limiter (applied per route via `config.rateLimit`). */
export const securityPlugin = fp<{ corsOrigins: string[] | true; mapTileSources?: string[] }>(async function security(
  app: FastifyInstance,
  { corsOrigins, mapTileSources = [] },
) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The H5 station map's tiles come from the configured tile server (MAP_TILE_SOURCES).
        imgSrc: ["'self'", 'data:', 'blob:', ...mapTileSources],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, { origin: corsOrigins, credentials: false, maxAge: 600 });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new ApiError('RATE_LIMITED', '请求过于频繁，请稍后再试'),
  });
});
