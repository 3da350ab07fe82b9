import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** What a request id from outside may look like: nginx's `$request_id` (32 hex), a UUID, a tracing id. */
const WELL_FORMED = /^[0-9A-Za-z_-]{8,64}$/;

/**
 * Request ids: the `X-Request-Id` nginx sets (deploy/nginx/xfqs.conf, `$request_id`, also in its
 * access log) when it is well formed, so one id follows a request from nginx's log to the API's;
 * otherwise one of our own. Anything else in the header (too long, control characters) is ignored,
 * never logged. One generator per app (a Fastify constructor option).
 */
export function requestIdGenerator(): (req: IncomingMessage) => string {
  let counter = 0;
  return (req) => {
    const fromProxy = req.headers['x-request-id'];
    if (typeof fromProxy === 'string' && WELL_FORMED.test(fromProxy)) return fromProxy;
    counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
    return `req-${counter.toString(36)}`;
  };
}

/** Every answer names its request id (`X-Request-Id`), so a rider's or an operator's report can be found in the logs. */
export const requestIdPlugin = fp(async function requestId(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
});
