import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

const tooLarge = () => new ApiError('PAYLOAD_TOO_LARGE', '请求体过大');

/**
 * onRequest hook for routes whose body a plugin reads straight from the socket (multipart), where
 * Fastify's `bodyLimit` does not apply: a declared length over `maxBytes` is a 413 before anything
 * is read, and a body without a length (chunked) is cut off once more than `maxBytes` arrived, so an
 * endless upload is never read to its end.
 */
export function limitStreamedBody(maxBytes: number) {
  return async function streamedBodyLimit(request: FastifyRequest, reply: FastifyReply) {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
    const socket = request.raw.socket;
    if (!socket || typeof socket.bytesRead !== 'number') return;
    const start = socket.bytesRead;
    const timer = setInterval(() => {
      if (socket.bytesRead - start <= maxBytes + 64 * 1024) return;
      clearInterval(timer);
      request.log.warn({ maxBytes }, 'streamed body over the limit: connection closed');
      request.raw.destroy(tooLarge());
      socket.destroy();
    }, 50);
    timer.unref();
    const stop = () => clearInterval(timer);
    reply.raw.once('finish', stop).once('close', stop);
    request.raw.once('close', stop);
  };
}
