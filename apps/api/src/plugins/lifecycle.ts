import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** True from the moment `close()` starts (SIGTERM): new requests are turned away with a 503. */
    readonly shuttingDown: boolean;
  }
}

/**
 * Shutdown that a load balancer and its clients can live with. Once `close()` starts, requests
 * that still arrive (on kept-alive connections) get 503 `UNAVAILABLE` in the contract's envelope
 * with `Connection: close`, so nginx retries them on another instance; requests in flight finish,
 * also with `Connection: close` (else their keep-alive socket holds the server open until the
 * client drops it: CI saw a health check answered mid-shutdown keep the process up past its 10 s
 * deadline); Fastify closes idle keep-alive sockets (`forceCloseConnections: 'idle'`); the pool
 * closes last (its onClose hook runs after the server has closed).
 */
export const lifecyclePlugin = fp(async function lifecycle(app: FastifyInstance) {
  let shuttingDown = false;
  app.decorate('shuttingDown', { getter: () => shuttingDown });
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!shuttingDown) return;
    reply.header('retry-after', '1');
    return reply.status(503).send(errorBody('UNAVAILABLE', '服务正在重启，请稍后再试'));
  });
  app.addHook('onSend', async (_request, reply) => {
    if (shuttingDown) reply.header('connection', 'close');
  });
});
