import type { ErrorCode, FieldError } from './contract';

/** Any failed call: a contract error from the server, or one the client made up (network, bad body). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(status: number, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** `VALIDATION_FAILED` details as a list of `{ field, message }` (empty otherwise). */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError => !!d && typeof d === 'object' && typeof (d as FieldError).field === 'string',
    );
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (!!value && typeof value === 'object' && (value as ApiError).name === 'ApiError');
}

const FALLBACK_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  410: 'CODE_EXPIRED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATION',
  429: 'RATE_LIMITED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'UNAVAILABLE',
};

/** Builds the ApiError for a non-2xx response, reading the contract's `{ error }` body when there is one. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') {
    const e = error as { code: ErrorCode; message?: unknown; details?: unknown };
    return new ApiError(status, e.code, typeof e.message === 'string' ? e.message : e.code, e.details);
  }
  const code = FALLBACK_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE');
  return new ApiError(status, code, `HTTP ${status}`);
}
