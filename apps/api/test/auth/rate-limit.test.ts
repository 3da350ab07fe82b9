import { createTestApp, expectError } from '../harness';

describe('sign-in rate limit', () => {
  it('answers 429 RATE_LIMITED in the envelope once an address exceeds the per-minute limit', async () => {
    const t = await createTestApp({ seed: false, env: { AUTH_RATE_LIMIT: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await t.call('POST', '/auth/dev', { body: { openid: `r${i}` } })).status).toBe(200);
      const limited = await t.call('POST', '/auth/dev', { body: { openid: 'r9' } });
      expectError(limited, 429, 'RATE_LIMITED');
      // other routes are not limited by the sign-in budget
      expect((await t.call('GET', '/healthz')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
