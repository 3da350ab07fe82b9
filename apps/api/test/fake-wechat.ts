import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted answer of the fake's subscribe-message endpoint. */
export type SendAnswer = 'ok' | 'http-500' | 'reset' | { errcode: number; errmsg?: string };

/** One message the fake received (whatever it answered). */
export interface ReceivedMessage {
  accessToken: string;
  body: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }>; miniprogram_state?: string; lang?: string };
  answer: SendAnswer;
}

/**
 * A local stand-in for WeChat, answering like the documented API. Tests can never reach WeChat itself.
 * - `sns/jscode2session`: codes are single-use, an unknown or reused code is errcode 40029, a risky
 *   user 40226, and "busy" codes -1.
 * - `cgi-bin/token`: a new `access_token` per call (`tokenFetches` counts them), valid `tokenTtlSeconds`;
 *   each fetch invalidates all but the previous token (WeChat keeps the old one working a while).
 * - `cgi-bin/message/subscribe/send`: 40001 for an unknown token, 47003 for a value over its type's
 *   limit (`thing` > 20 characters, `phrase` > 5), else the next scripted answer in `sendAnswers`
 *   ('ok' when none is left). Every call lands in `messages`.
 */
export class FakeWechat {
  readonly appId = 'wx-test-appid';
  readonly secret = 'wx-test-secret';
  private codes = new Map<string, { openid: string; unionid?: string }>();
  private server = http.createServer((req, res) => this.handle(req, res));
  calls: Array<Record<string, string>> = [];
  mode: 'normal' | 'http-500' | 'hang' = 'normal';
  tokenTtlSeconds = 7200;
  tokenFetches = 0;
  private validTokens: string[] = [];
  sendAnswers: SendAnswer[] = [];
  messages: ReceivedMessage[] = [];

  /** Messages WeChat accepted (answered errcode 0). */
  get delivered(): ReceivedMessage[] {
    return this.messages.filter((m) => m.answer === 'ok');
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What the app's config needs to talk to this fake. */
  get env(): Record<string, string> {
    return { WECHAT_APPID: this.appId, WECHAT_SECRET: this.secret, WECHAT_API_BASE: this.baseUrl, WECHAT_TIMEOUT_MS: '1000' };
  }

  /** A fresh login code for this openid, as `wx.login` would give the phone. */
  issueCode(openid: string, unionid?: string): string {
    const code = `code-${Math.random().toString(36).slice(2)}`;
    this.codes.set(code, { openid, unionid });
    return code;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    this.calls.push(query);
    if (this.mode === 'hang') return; // never answers: the client must time out
    if (this.mode === 'http-500') {
      res.writeHead(500).end('oops');
      return;
    }
    const reply = (body: object) => {
      // WeChat sends JSON labelled text/plain.
      res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') return this.token(query, reply);
    if (url.pathname === '/cgi-bin/message/subscribe/send') return this.send(req, res, query, reply);
    if (url.pathname !== '/sns/jscode2session') return res.writeHead(404).end();
    if (query.appid !== this.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (query.secret !== this.secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (query.grant_type !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = query.js_code ?? '';
    if (code === 'busy') return reply({ errcode: -1, errmsg: 'system error' });
    if (code.startsWith('risky')) return reply({ errcode: 40226, errmsg: 'code blocked' });
    const session = this.codes.get(code);
    if (!session) return reply({ errcode: 40029, errmsg: 'invalid code' });
    this.codes.delete(code);
    reply({ openid: session.openid, session_key: 'tiWL/zRb4NE5S0uHRLj6Rw==', ...(session.unionid ? { unionid: session.unionid } : {}) });
  }

  private token(query: Record<string, string>, reply: (body: object) => void) {
    if (query.grant_type !== 'client_credential') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    if (query.appid !== this.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (query.secret !== this.secret) return reply({ errcode: 40001, errmsg: 'invalid credential' });
    this.tokenFetches++;
    const token = `fake-token-${this.tokenFetches}-${'x'.repeat(100)}`;
    this.validTokens = [...this.validTokens.slice(-1), token];
    reply({ access_token: token, expires_in: this.tokenTtlSeconds });
  }

  private send(req: http.IncomingMessage, res: http.ServerResponse, query: Record<string, string>, reply: (body: object) => void) {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as ReceivedMessage['body'];
      const accessToken = query.access_token ?? '';
      if (!this.validTokens.includes(accessToken)) {
        this.messages.push({ accessToken, body, answer: { errcode: 40001 } });
        return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      }
      const tooLong = Object.entries(body.data ?? {}).some(([key, { value }]) => {
        const limit = key.startsWith('thing') ? 20 : key.startsWith('phrase') ? 5 : 32;
        return !value || Array.from(value).length > limit;
      });
      const answer: SendAnswer = tooLong ? { errcode: 47003, errmsg: 'argument invalid! data.thing.value exceeds limit' } : (this.sendAnswers.shift() ?? 'ok');
      this.messages.push({ accessToken, body, answer });
      if (answer === 'ok') return reply({ errcode: 0, errmsg: 'ok', msgid: this.messages.length });
      if (answer === 'http-500') return res.writeHead(500).end('oops');
      if (answer === 'reset') return res.destroy();
      reply({ errcode: answer.errcode, errmsg: answer.errmsg ?? 'error' });
    });
  }
}
