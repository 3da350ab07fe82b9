import fp from 'fastify-plugin';
import Redis from 'ioredis';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The Redis connection every instance shares (`REDIS_URL`), or null when the app runs alone
     * and keeps shared state in memory. Closed with the app.
     */
    redis: Redis | null;
  }
}

export interface RedisPluginOptions {
  /** `REDIS_URL`; without it `app.redis` is null. */
  url?: string;
}

/**
 * One Redis client for the whole app (rate limits first; anything instances must share next).
 * It connects before the app is ready, so a wrong URL fails the start instead of the first
 * request, and commands fail fast (no offline queue) rather than hang a request.
 */
export const redisPlugin = fp<RedisPluginOptions>(
  async function redis(app: FastifyInstance, { url }) {
    if (!url) {
      app.decorate('redis', null);
      return;
    }
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5000,
    });
    // A dropped connection is retried by ioredis; requests meanwhile fail with an error, never crash the process.
    client.on('error', (err) => app.log.warn({ err: { message: err.message } }, 'redis connection error'));
    try {
      await client.connect();
    } catch (err) {
      client.disconnect(); // no reconnect loop keeping a failed start alive
      throw new Error(`REDIS_URL: cannot connect to Redis (${(err as Error).message})`);
    }
    app.decorate('redis', client);
    app.addHook('onClose', async () => {
      await client.quit().catch(() => client.disconnect());
    });
  },
  { name: 'redis' },
);
