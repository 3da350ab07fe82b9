import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    admitted: boolean;
  }
}

export interface AdmissionOptions {
  /** Most requests served at once; beyond it a request is answered 503 at once. 0: no limit. */
  maxInFlight: number;
  /** Seconds the 503's `Retry-After` asks the client to wait. */
  retryAfterSeconds: number;
}

/**
 * Admission control (issue 10): at most `maxInFlight` requests are served at once; one more is
 * answered at once with 503 `UNAVAILABLE` in the error envelope and `Retry-After`, instead of
 * queueing behind the others. With the embedded database every query runs on the API's own
 * thread, one at a time, so a storm of 200–500 requests used to wait 10–25 s in the database's
 * queue while the event loop, busy with the queue, also stopped accepting new connections. With
 * the limit, admitted requests wait at most about `maxInFlight` queries, and a refused one costs
 * a fraction of a millisecond.
 */
export const admissionPlugin = fp<AdmissionOptions>(async function admission(app: FastifyInstance, { maxInFlight, retryAfterSeconds }) {
  let inFlight = 0;
  if (maxInFlight <= 0) return;
  app.decorateRequest('admitted', false);
  app.addHook('onRequest', (request, reply, done) => {
    if (inFlight >= maxInFlight) {
      reply.header('retry-after', String(retryAfterSeconds));
      // `details.retryAfterSeconds` tells clients the request was not started: sending it again is safe
      return done(new ApiError('UNAVAILABLE', '服务繁忙，请稍后再试', { retryAfterSeconds }));
    }
    inFlight++;
    request.admitted = true;
    done();
  });
  // A place is given back once the answer is ready (onSend), not when it has reached the client
  // (onResponse): a client that hangs up early — a rider's phone losing signal, a WeChat request
  // timing out — never gets onResponse, and each such request would otherwise hold its place forever.
  // onResponse stays as the fallback for answers that skip onSend.
  const release = (request: FastifyRequest) => {
    if (!request.admitted) return;
    request.admitted = false;
    inFlight--;
  };
  app.addHook('onSend', (request, _reply, payload, done) => {
    release(request);
    done(null, payload);
  });
  app.addHook('onResponse', (request, _reply, done) => {
    release(request);
    done();
  });
});
