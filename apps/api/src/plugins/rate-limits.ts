import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitSettings } from '../config';
import { ApiError } from '../errors';

/** A hook usable as onRequest, preParsing or preHandler: counts the request and answers 429 beyond the limit. */
export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface LimitDefinition {
  /** Unique name; part of every key, so limits never share counters by accident. */
  name: string;
  max: number;
  /** Window in milliseconds. */
  windowMs: number;
  /**
   * Whose requests are counted together: `address` (client IP), `user` (the signed-in rider; the
   * hook signs the request in first when needed), or a function of the request (return undefined
   * to skip counting, e.g. when the body has no identity).
   */
  by: 'address' | 'user' | ((request: FastifyRequest) => string | undefined);
}

export interface Limits {
  /** Defines a limit; share one hook between routes to count them together. */
  define(definition: LimitDefinition): LimitHook;
  /** The configured figures (README's configuration table). */
  settings: RateLimitSettings;
  /** Station and activity check-ins per rider, counted together. */
  checkins: LimitHook;
  /** QR images (meeting and station) per staff member: each costs real CPU. */
  qrImages: LimitHook;
  /** At most `max` of a kind of heavy work at once in this instance; beyond it 429 with Retry-After. */
  gate(name: string, max: number): ConcurrencyGate;
}

declare module 'fastify' {
  interface FastifyInstance {
    limits: Limits;
  }
}

export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError('RATE_LIMITED', `请求过于频繁，请 ${retryAfterSeconds} 秒后再试`);

/** Counts concurrent runs of one kind of heavy work (exports, imports) in this process. */
export class ConcurrencyGate {
  private running = 0;
  constructor(
    readonly name: string,
    private readonly max: number,
  ) {}

  async run<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      reply.header('retry-after', '5');
      throw rateLimited(5);
    }
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
    }
  }
}

/**
 * The request limits of the whole API, on `@fastify/rate-limit`'s stores: counters live in Redis
 * (shared by every instance) when `app.redis` is set, in this process otherwise. Each limit is a
 * named hook a route adds; one hook on several routes counts them together (all sign-in routes
 * share one per-address budget). Every limit answers 429 `RATE_LIMITED` with `Retry-After`.
 */
export const rateLimitsPlugin = fp<{ settings: RateLimitSettings }>(
  async function rateLimits(app: FastifyInstance, { settings }) {
    await app.register(rateLimit, {
      global: false,
      ...(app.redis ? { redis: app.redis, nameSpace: 'xfqs-rl:' } : {}),
      // Per-user keys: an in-memory store must not forget a busy rider to make room for others.
      cache: 100_000,
      // Redis gone for a moment: serve without limits (logged by the Redis plugin) rather than fail every request with a 5xx.
      skipOnError: true,
      errorResponseBuilder: (_request, context) => rateLimited(Math.ceil(context.ttl / 1000)),
    });
    const names = new Set<string>();

    const define = (definition: LimitDefinition): LimitHook => {
      if (names.has(definition.name)) throw new Error(`rate limit "${definition.name}" is defined twice`);
      names.add(definition.name);
      const keyOf =
        definition.by === 'address'
          ? (request: FastifyRequest) => request.ip
          : definition.by === 'user'
            ? (request: FastifyRequest) => request.principal.userId
            : definition.by;
      const check = app.createRateLimit({
        max: definition.max,
        timeWindow: definition.windowMs,
        keyGenerator: (request) => `${definition.name}:${keyOf(request)}`,
      });
      return async function limit(request, reply) {
        if (definition.by === 'user' && !request.principal) await app.authenticate.call(app, request, reply);
        if (typeof definition.by === 'function' && definition.by(request) === undefined) return;
        const result = await check(request);
        if (result.isAllowed || !result.isExceeded) return;
        const seconds = Math.max(1, result.ttlInSeconds);
        reply.header('retry-after', String(seconds));
        throw rateLimited(seconds);
      };
    };

    app.decorate('limits', {
      define,
      settings,
      checkins: define({ name: 'checkins-user', max: settings.checkinsPerMinute, windowMs: 60_000, by: 'user' }),
      qrImages: define({ name: 'qr-user', max: settings.heavyPerMinute * 3, windowMs: 60_000, by: 'user' }),
      gate: (name: string, max: number) => new ConcurrencyGate(name, max),
    });
  },
  { name: 'rate-limits', dependencies: ['redis'] },
);
