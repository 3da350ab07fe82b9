import { createTestApp, expectError } from '../harness';

const key = Buffer.alloc(32, 7).toString('base64');

describe('POST /auth/dev', () => {
  it('signs in by openid while dev login is on', async () => {
    const t = await createTestApp({ seed: false });
    try {
      const res = await t.call('POST', '/auth/dev', { body: { openid: 'someone', nickname: '小张' } });
      expect(res.status).toBe(200);
      expect(res.body.user.nickname).toBe('小张');
    } finally {
      await t.close();
    }
  });

  it('does not exist in production (404), so nobody can sign in as anyone', async () => {
    const t = await createTestApp({
      seed: false,
      env: {
        NODE_ENV: 'production',
        DEV_LOGIN: 'false',
        JWT_SECRET: 'x'.repeat(48),
        PII_KEY: key,
        CODE_SECRET: 'y'.repeat(48),
        WECHAT_APPID: 'wx1',
        WECHAT_SECRET: 's1',
        LOG_LEVEL: 'silent',
      },
    });
    try {
      expectError(await t.call('POST', '/auth/dev', { body: { openid: 'demo-super' } }), 404, 'NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});
