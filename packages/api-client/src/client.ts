import type { TokenPair } from './contract';
import { ApiError, errorFromResponse } from './errors';
import { toStoredTokens, type TokenStore } from './tokens';
import type { DownloadedFile, HttpMethod, Transport, TransportResponse, UploadFile } from './transport';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface ApiClientOptions {
  /** e.g. `/api/v1` (same origin) or `https://api.example.cn/api/v1`. */
  baseUrl: string;
  transport: Transport;
  tokens: TokenStore;
  /** Called once when a refresh fails for good: the user must sign in again. */
  onSessionExpired?: () => void;
  timeoutMs?: number;
  /**
   * How many times a request the server turned away unstarted (503 with `details.retryAfterSeconds`,
   * its admission control in a storm) is sent again after the wait it asks for (default 2).
   */
  busyRetries?: number;
  /** Waits; tests replace it. */
  sleep?: (ms: number) => Promise<void>;
}

/** Longest wait a busy answer may ask for before the client gives up and shows the error. */
const MAX_BUSY_WAIT_SECONDS = 10;

/** Seconds a 503 asks to wait when the server says the request was not started; undefined otherwise. */
function busyWaitSeconds(res: { status: number; data?: unknown }): number | undefined {
  if (res.status !== 503) return undefined;
  const seconds = (res.data as { error?: { details?: { retryAfterSeconds?: unknown } } } | undefined)?.error?.details?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds >= 0 && seconds <= MAX_BUSY_WAIT_SECONDS ? seconds : undefined;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send the access token (default true). */
  auth?: boolean;
}

export interface UploadOptions {
  name: string;
  file: UploadFile;
  fields: Record<string, string | number | undefined>;
  onProgress?: (percent: number) => void;
}

export interface ApiClient {
  readonly baseUrl: string;
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  delete<T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  upload<T>(path: string, options: UploadOptions): Promise<T>;
  /** A binary resource (PNG) as something an Image can show. */
  download(path: string, options?: Pick<RequestOptions, 'query'>): Promise<string>;
  /** Exchanges the stored refresh token for a new pair; concurrent callers share one request. */
  refresh(): Promise<boolean>;
  /** Full URL for a path and query (no auth). */
  url(path: string, query?: Query): string;
}

/** `a=1&services=hot_water,wifi`: undefined and null are left out, arrays joined by commas. */
export function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (Array.isArray(value) && value.length === 0) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Fills `:name` segments, encoding each value. */
export function fillPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(params[name]));
  });
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { transport, tokens, timeoutMs = 20_000, busyRetries = 2 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let refreshing: Promise<boolean> | null = null;

  const url = (path: string, query?: Query) => `${baseUrl}${path.startsWith('/') ? path : `/${path}`}${encodeQuery(query)}`;

  const authHeaders = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

  async function doRefresh(): Promise<boolean> {
    const refreshToken = tokens.get()?.refreshToken;
    if (!refreshToken) return false;
    const res = await transport.request({
      method: 'POST',
      url: url('/auth/refresh'),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
      timeoutMs,
    });
    if (res.status >= 200 && res.status < 300) {
      tokens.set(toStoredTokens(res.data as TokenPair));
      return true;
    }
    if (res.status === 401 || res.status === 400) {
      tokens.set(null);
      options.onSessionExpired?.();
      return false;
    }
    throw errorFromResponse(res.status, res.data);
  }

  function refresh(): Promise<boolean> {
    if (!refreshing) refreshing = doRefresh().finally(() => (refreshing = null));
    return refreshing;
  }

  /**
   * Runs `send` with the current access token; on a 401 refreshes once (shared with every other
   * request that failed meanwhile) and retries once with the new token.
   */
  async function withAuth<R extends { status: number }>(auth: boolean, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
    return whenNotBusy(() => withFreshToken(auth, send));
  }

  /**
   * A storm's surplus is answered 503 before the server starts on it (so a check-in or a
   * redemption sent again cannot count twice): wait what it asks, spread by a random half so a
   * crowd does not come back in the same instant, and send again, at most `busyRetries` times.
   */
  async function whenNotBusy<R extends { status: number }>(send: () => Promise<R>): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      const res = await send();
      const wait = busyWaitSeconds(res);
      if (wait === undefined || attempt >= busyRetries) return res;
      await sleep(wait * 1000 * (1 + Math.random() / 2));
    }
  }

  async function withFreshToken<R extends { status: number }>(auth: boolean, send: (headers: Record<string, string>) => Promise<R>): Promise<R> {
    const used = auth ? tokens.get()?.accessToken : undefined;
    const first = await send(authHeaders(used));
    if (first.status !== 401 || !used) return first;
    const current = tokens.get()?.accessToken;
    // Another request already refreshed while this one was in flight: just retry.
    const renewed = current && current !== used ? true : await refresh();
    if (!renewed) return first;
    return send(authHeaders(tokens.get()?.accessToken));
  }

  function unwrap<T>(res: TransportResponse): T {
    if (res.status >= 200 && res.status < 300) return res.data as T;
    throw errorFromResponse(res.status, res.data);
  }

  async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    const hasBody = opts.body !== undefined;
    const res = await withAuth(opts.auth !== false, (auth) =>
      transport.request({
        method,
        url: url(path, opts.query),
        headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}), ...auth },
        body: hasBody ? JSON.stringify(opts.body) : undefined,
        timeoutMs,
      }),
    );
    return unwrap<T>(res);
  }

  async function upload<T>(path: string, opts: UploadOptions): Promise<T> {
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(opts.fields)) if (value !== undefined) fields[key] = String(value);
    const res = await withAuth(true, (auth) =>
      transport.upload({ url: url(path), headers: { accept: 'application/json', ...auth }, name: opts.name, file: opts.file, fields, onProgress: opts.onProgress, timeoutMs: 60_000 }),
    );
    return unwrap<T>(res);
  }

  async function download(path: string, opts: Pick<RequestOptions, 'query'> = {}): Promise<string> {
    const res: DownloadedFile = await withAuth(true, (auth) => transport.download({ url: url(path, opts.query), headers: auth }));
    if (res.status >= 200 && res.status < 300 && res.src) return res.src;
    throw errorFromResponse(res.status, undefined);
  }

  return {
    baseUrl,
    url,
    request,
    get: (path, o) => request('GET', path, o),
    post: (path, body, o) => request('POST', path, { ...o, body }),
    patch: (path, body, o) => request('PATCH', path, { ...o, body }),
    delete: (path, body, o) => request('DELETE', path, { ...o, body }),
    upload,
    download,
    refresh,
  };
}

export { ApiError };
