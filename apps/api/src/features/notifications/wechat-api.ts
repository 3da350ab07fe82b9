import { and, eq, gt } from 'drizzle-orm';
import { wechatAccessTokens, type Db } from '@xfqs/db';
import { sql } from 'drizzle-orm';

export interface WechatApiConfig {
  appId: string;
  secret: string;
  apiBase: string;
  timeoutMs: number;
}

/** A WeChat answer: `errcode` 0 (or absent) is success. */
interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}

/** The HTTP exchange failed before WeChat answered with JSON (refused, reset, 5xx, timeout). */
export class WechatTransportError extends Error {
  constructor(
    message: string,
    /** True when the request may have reached WeChat (a timeout after sending): resending could duplicate. */
    readonly maybeDelivered: boolean,
  ) {
    super(message);
  }
}

/** WeChat answered with an errcode. */
export class WechatApiError extends Error {
  constructor(readonly errcode: number, errmsg: string) {
    super(`errcode ${errcode}: ${errmsg}`);
  }
}

/** errcodes meaning the access_token is no longer good (invalid, expired, not the latest). */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
/** errcodes worth a later retry (system busy, rate limit). */
export const BUSY_ERRCODES = new Set([-1, 45009, 45011]);

async function call<T extends WechatAnswer>(url: URL, init: RequestInit, timeoutMs: number): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
    throw new WechatTransportError(timedOut ? 'timed out' : `network: ${(err as Error).message}`, timedOut);
  }
  if (!res.ok) throw new WechatTransportError(`HTTP ${res.status}`, false);
  let body: T;
  try {
    // WeChat labels its JSON text/plain.
    body = JSON.parse(await res.text()) as T;
  } catch {
    throw new WechatTransportError('answer is not JSON', false);
  }
  if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? '');
  return body;
}

/** Refresh this long before WeChat's expiry (it keeps the old token valid 5 minutes after a refresh). */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * WeChat's `access_token`, shared by every instance through PostgreSQL: read the stored one while
 * it has more than the margin left; otherwise take a transaction-scoped advisory lock, look
 * again (another instance may just have fetched it) and only then fetch — so concurrent sends
 * fetch once per expiry, as WeChat's 中控服务器 advice asks (each fetch invalidates the last).
 */
export class AccessTokens {
  constructor(
    private readonly db: Db,
    private readonly config: WechatApiConfig,
    private readonly now: () => Date,
  ) {}

  async get(): Promise<string> {
    return (await this.stored()) ?? this.refresh();
  }

  /** Drops a token WeChat refused, unless another instance already replaced it. */
  async invalidate(token: string): Promise<void> {
    await this.db.delete(wechatAccessTokens).where(and(eq(wechatAccessTokens.appId, this.config.appId), eq(wechatAccessTokens.token, token)));
  }

  private async stored(db: Pick<Db, 'select'> = this.db): Promise<string | undefined> {
    const freshUntil = new Date(this.now().getTime() + REFRESH_MARGIN_MS);
    const [row] = await db
      .select({ token: wechatAccessTokens.token })
      .from(wechatAccessTokens)
      .where(and(eq(wechatAccessTokens.appId, this.config.appId), gt(wechatAccessTokens.expiresAt, freshUntil)));
    return row?.token;
  }

  private async refresh(): Promise<string> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`wechat_access_token:${this.config.appId}`}))`);
      const again = await this.stored(tx);
      if (again) return again;
      const url = new URL(`${this.config.apiBase}/cgi-bin/token`);
      url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.secret }).toString();
      const body = await call<WechatAnswer & { access_token?: string; expires_in?: number }>(url, {}, this.config.timeoutMs);
      if (!body.access_token || !body.expires_in) throw new WechatTransportError('token answer without access_token', false);
      const now = this.now();
      const expiresAt = new Date(now.getTime() + body.expires_in * 1000);
      await tx
        .insert(wechatAccessTokens)
        .values({ appId: this.config.appId, token: body.access_token, expiresAt, fetchedAt: now })
        .onConflictDoUpdate({ target: wechatAccessTokens.appId, set: { token: body.access_token, expiresAt, fetchedAt: now } });
      return body.access_token;
    });
  }
}

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state: 'developer' | 'trial' | 'formal';
  lang: 'zh_CN';
}

/** `POST cgi-bin/message/subscribe/send`: resolves on success, throws WechatApiError / WechatTransportError. */
export async function sendSubscribeMessage(config: WechatApiConfig, accessToken: string, message: SubscribeMessage): Promise<void> {
  const url = new URL(`${config.apiBase}/cgi-bin/message/subscribe/send`);
  url.search = new URLSearchParams({ access_token: accessToken }).toString();
  await call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) }, config.timeoutMs);
}
