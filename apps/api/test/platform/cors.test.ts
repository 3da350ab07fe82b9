import { createTestApp } from '../harness';

describe('CORS from config', () => {
  it('allows the configured origins and no others', async () => {
    const t = await createTestApp({ seed: false, env: { CORS_ORIGINS: 'https://app.example.cn' } });
    try {
      const preflight = (origin: string) =>
        t.app.inject({ method: 'OPTIONS', url: '/api/v1/me', headers: { origin, 'access-control-request-method': 'GET' } });
      expect((await preflight('https://app.example.cn')).headers['access-control-allow-origin']).toBe('https://app.example.cn');
      expect((await preflight('https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
