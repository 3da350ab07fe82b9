import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** What a request's log line says about it: method, path and id (the `req` serializer), status, milliseconds. */
export function requestLine(request: FastifyRequest, reply: FastifyReply) {
  return { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
}

/**
 * One log line per request, when it completes (method, path, status, time), instead of Fastify's
 * two ("incoming request" and "request completed"): the logging half of a check-in's CPU (issue 10).
 * Fastify calls nothing here for a client that hung up before its answer; the metrics plugin logs
 * that request's line ("answered after the client hung up").
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(...[error, request, reply]: Parameters<LogController['requestCompleted']>): void {
    if (error) return super.requestCompleted(error, request, reply);
    reply.log.info(requestLine(request, reply), 'request completed');
  }
}
