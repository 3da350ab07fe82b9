import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's `sns/jscode2session`, answering like the documented API:
 * codes are single-use, an unknown or reused code is errcode 40029, a risky user 40226,
 * and "busy" codes -1. Tests can never reach WeChat itself.
 */
export class FakeWechat {
  readonly appId = 'wx-test-appid';
  readonly secret = 'wx-test-secret';
  private codes = new Map<string, { openid: string; unionid?: string }>();
  private server = http.createServer((req, res) => this.handle(req, res));
  calls: Array<Record<string, string>> = [];
  mode: 'normal' | 'http-500' | 'hang' = 'normal';

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
}
