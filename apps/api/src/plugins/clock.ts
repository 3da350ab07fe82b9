import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

export interface Clock {
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    clock: Clock;
  }
}

/** The app's notion of "now", replaceable in tests that fix the clock. */
export const clockPlugin = fp<{ clock: Clock }>(async function clock(app: FastifyInstance, { clock }) {
  app.decorate('clock', clock);
});

export const systemClock: Clock = { now: () => new Date() };
