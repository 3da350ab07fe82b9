import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody, type FieldError } from '../errors';
import { accountFirst } from './auth';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Ajv errors → `{ field, message }`, naming missing and unknown properties too. */
export function fieldErrors(validation: AjvError[], context?: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of validation) {
    let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      field = [field, String(e.params.missingProperty)].filter(Boolean).join('.');
      message = '必填';
    } else if (e.keyword === 'additionalProperties') {
      field = [field, String(e.params.additionalProperty)].filter(Boolean).join('.');
      message = '不允许的字段';
    }
    if (!field) field = context ?? 'body';
    const key = `${field}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ field, message });
    }
  }
  return out;
}

/** Fastify's own error codes that are the client's fault, mapped onto the contract's codes. */
const FASTIFY_CODES: Record<string, { code: string; status: number; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', status: 400, message: '请求体不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', status: 400, message: '请求体为空' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, message: '不支持的内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED', status: 400, message: '请求长度不正确' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', status: 413, message: '请求体过大' },
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', status: 413, message: '文件过大' },
  FST_PARTS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', status: 413, message: '上传的部分过多' },
  FST_FILES_LIMIT: { code: 'PAYLOAD_TOO_LARGE', status: 413, message: '上传的文件过多' },
  FST_FIELDS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', status: 413, message: '上传的字段过多' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, message: '需要 multipart/form-data' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', status: 400, message: '请求参数不正确' },
  FST_ERR_BAD_URL: { code: 'VALIDATION_FAILED', status: 400, message: '请求地址的编码不正确' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'VALIDATION_FAILED', status: 400, message: '路径参数过长' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'VALIDATION_FAILED', status: 400, message: '请求不正确' },
  FST_INVALID_JSON_FIELD_ERROR: { code: 'VALIDATION_FAILED', status: 400, message: '表单中的 JSON 字段无效' },
  FST_PROTO_VIOLATION: { code: 'VALIDATION_FAILED', status: 400, message: '请求体包含不允许的键' },
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: { code: 'UNAUTHENTICATED', status: 401, message: '请先登录' },
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: { code: 'UNAUTHENTICATED', status: 401, message: '登录已过期' },
  FST_JWT_AUTHORIZATION_TOKEN_INVALID: { code: 'UNAUTHENTICATED', status: 401, message: '登录凭证无效' },
  FST_JWT_AUTHORIZATION_TOKEN_UNTRUSTED: { code: 'UNAUTHENTICATED', status: 401, message: '登录凭证无效' },
  FST_JWT_BAD_REQUEST: { code: 'UNAUTHENTICATED', status: 401, message: '登录凭证格式不正确' },
};

/**
 * One error handler for the whole app: validation, unknown routes, bad JSON, auth, domain errors
 * and surprises all leave as `{ error: { code, message, details? } }`, never HTML or a stack.
 */
/**
 * Busboy's own errors for a multipart body that is not one (no boundary, wrong boundary, cut off):
 * the client's fault, so a 400 naming the body.
 */
const MALFORMED_MULTIPART = /^(Multipart: |Malformed part header|Unexpected end of (multipart|form)|Boundary not found|Part terminated early)/i;

/**
 * How much of an unread request body is drained before answering an error about it, so an
 * ordinary client that is still sending (Node's fetch, a phone) reads the 4xx instead of a broken
 * pipe. Beyond this the connection is closed: a huge or endless body is never read to the end.
 */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

/** Reads and discards the rest of the request body (up to the limit); resolves whether it all arrived. */
function drainBody(request: FastifyRequest): Promise<boolean> {
  const raw = request.raw;
  if (raw.complete || raw.destroyed || raw.readableEnded) return Promise.resolve(true);
  const declared = Number(raw.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    let received = 0;
    const finish = (complete: boolean) => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('error', onError);
      raw.removeListener('close', onClose);
      resolve(complete);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_LIMIT_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const onClose = () => finish(raw.complete);
    const timer = setTimeout(() => finish(false), DRAIN_TIMEOUT_MS);
    raw.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
    raw.resume();
  });
}

/** Sends an error about the request body once the body has been drained, or closes the connection after it. */
async function sendAfterBody(request: FastifyRequest, reply: FastifyReply, status: number, body: unknown) {
  if (!(await drainBody(request))) {
    reply.header('connection', 'close');
    reply.raw.once('finish', () => request.raw.socket?.destroy());
  }
  return reply.status(status).send(body);
}

/**
 * One error handler for the whole app: validation, unknown routes, bad JSON, auth, domain errors
 * and surprises all leave as `{ error: { code, message, details? } }`, never HTML or a stack.
 */
export const errorsPlugin = fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler(async (thrown: FastifyError & { validationContext?: string }, request, reply) => {
    const err = await accountFirst(thrown, request);
    if (err instanceof ApiError) {
      if (err.statusCode >= 500) request.log.error({ err }, 'request failed');
      return sendAfterBody(request, reply, err.statusCode, errorBody(err.code, err.message, err.details));
    }
    if (err.validation) {
      return reply
        .status(400)
        .send(errorBody('VALIDATION_FAILED', '请求参数不正确', fieldErrors(err.validation as AjvError[], err.validationContext)));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendAfterBody(request, reply, known.status, errorBody(known.code, known.message));
    if (MALFORMED_MULTIPART.test(err.message ?? '')) {
      return sendAfterBody(request, reply, 400, errorBody('VALIDATION_FAILED', '上传的表单格式不正确', [{ field: 'body', message: '不是有效的 multipart/form-data' }]));
    }
    if (err.statusCode === 429) return sendAfterBody(request, reply, 429, errorBody('RATE_LIMITED', '请求过于频繁，请稍后再试'));
    if (isDatabaseUnavailable(err)) {
      request.log.error({ err }, 'database unavailable');
      return reply.status(503).send(errorBody('UNAVAILABLE', '服务暂时不可用，请稍后再试'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendAfterBody(request, reply, err.statusCode, errorBody(codeForStatus(err.statusCode), err.message));
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send(errorBody('INTERNAL', '服务器内部错误'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `没有这个接口：${request.method} ${request.url.split('?')[0]}`));
  });
});

/**
 * Errors the router raises before any route is found (bad percent-encoding, an over-long path
 * parameter): Fastify's `frameworkErrors` option, so they leave in the envelope too.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = FASTIFY_CODES[err.code] ?? { code: 'VALIDATION_FAILED', status: 400, message: '请求不正确' };
  reply.status(known.status).send(errorBody(known.code, known.message));
}

function codeForStatus(status: number): string {
  switch (status) {
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    case 413: return 'PAYLOAD_TOO_LARGE';
    case 415: return 'UNSUPPORTED_MEDIA_TYPE';
    case 429: return 'RATE_LIMITED';
    default: return 'VALIDATION_FAILED';
  }
}

const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003']);

function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown; message?: string } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e.code && UNAVAILABLE_ERRNOS.has(e.code)) return true;
    if (e.message && /database closed|Connection terminated|timeout exceeded when trying to connect|PGlite is closed/i.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
