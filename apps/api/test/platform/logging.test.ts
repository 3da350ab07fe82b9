import { createTestApp, logCapture } from '../harness';

describe('logs', () => {
  it('never contain tokens, codes, phone or ID numbers, even at debug level and on errors', async () => {
    const logs = logCapture();
    const t = await createTestApp({ seed: false, logStream: logs.stream, env: { LOG_LEVEL: 'trace' } });
    try {
      const login = await t.call('POST', '/auth/dev', { body: { openid: 'log-rider' } });
      const { accessToken, refreshToken } = login.body;
      await t.call('GET', '/me?phone=13812345678', { headers: { authorization: `Bearer ${accessToken}` } });
      await t.call('POST', '/auth/refresh', { body: { refreshToken } });
      await t.call('POST', '/auth/refresh', { body: { refreshToken } }); // reuse → 401 path
      await t.call('POST', '/auth/dev', { body: { openid: 'x', idCardNumber: '11010519491231002X', phone: '13812345678' } });
      await t.call('POST', '/auth/wechat', { body: { code: 'wx-code-secret-123' } });
    } finally {
      await t.close();
    }
    const log = logs.text();
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('"url":"/api/v1/me"'); // the path is logged, its query string is not
    for (const secret of ['13812345678', '11010519491231002X', 'wx-code-secret-123']) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT
    expect(log).not.toMatch(/Bearer /);
  });
});
