import { ApiError, unauthenticated, unavailable } from '../../errors';

export interface WechatConfig {
  appId: string;
  secret: string;
  apiBase: string;
  timeoutMs: number;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

interface Code2SessionResponse {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** errcodes that mean "WeChat is busy or rate-limited", worth a retry later rather than a new code. */
const RETRYABLE = new Set([-1, 45011]);

/**
 * Exchanges a `wx.login` code for the user's openid via `sns/jscode2session`. The session_key
 * WeChat returns is deliberately dropped here: it never leaves this function.
 */
export class WechatClient {
  constructor(private readonly config: WechatConfig) {}

  async code2Session(code: string): Promise<WechatSession> {
    const url = new URL(`${this.config.apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();

    let body: Code2SessionResponse;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.config.timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      // WeChat answers JSON with a text/plain content type, so parse the text ourselves.
      body = JSON.parse(await res.text()) as Code2SessionResponse;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw unavailable('暂时无法连接微信，请稍后再试');
    }

    // A successful answer may omit errcode altogether.
    if (body.errcode && body.errcode !== 0) {
      if (RETRYABLE.has(body.errcode)) throw unavailable('微信登录繁忙，请稍后再试');
      throw unauthenticated(body.errcode === 40226 ? '该微信账号存在风险，暂时无法登录' : '微信登录凭证无效或已过期，请重试');
    }
    if (!body.openid) throw unavailable('微信返回的数据不完整，请稍后再试');
    return { openid: body.openid, unionid: body.unionid || undefined };
  }
}
