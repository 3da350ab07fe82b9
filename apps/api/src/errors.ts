import { Type, type Static } from '@sinclair/typebox';

/** Every error code of the contract with its HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_APPLIED: 409,
  ALREADY_FULFILLED: 409,
  OUT_OF_STOCK: 409,
  CONFLICT: 409,
  CODE_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_CODE: 422,
  ACTIVITY_CLOSED: 422,
  OUT_OF_RANGE: 422,
  INSUFFICIENT_STAMPS: 422,
  NOT_A_MEMBER: 422,
  RULE_VIOLATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type routes and services throw; the error handler turns it into the envelope. */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = ERROR_STATUS[code];
  }
}

export const badRequest = (fields: FieldError[], message = '请求参数不正确') =>
  new ApiError('VALIDATION_FAILED', message, fields);
export const fieldError = (field: string, message: string) => badRequest([{ field, message }], message);
export const unauthenticated = (message = '请先登录') => new ApiError('UNAUTHENTICATED', message);
export const forbidden = (message = '没有权限执行此操作') => new ApiError('FORBIDDEN', message);
export const notFound = (what = '资源') => new ApiError('NOT_FOUND', `${what}不存在`);
export const conflict = (message: string) => new ApiError('CONFLICT', message);
export const unavailable = (message = '服务暂时不可用，请稍后再试') => new ApiError('UNAVAILABLE', message);

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'UPPER_SNAKE error code, see the contract' }),
      message: Type.String(),
      details: Type.Optional(
        Type.Unknown({
          description:
            'More about the error (fields of a 400, the activity window, …). A 503 UNAVAILABLE with `{ retryAfterSeconds }` was turned away before it started (admission control in a storm): send it again after that many seconds; the client does so twice.',
        }),
      ),
    }),
  },
  { $id: 'ErrorBody', description: 'The error envelope every failing request returns' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
