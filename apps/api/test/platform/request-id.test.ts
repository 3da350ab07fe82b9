import { createTestApp, logCapture } from '../harness';

describe('request ids', () => {
  it('every answer names its request id; a well-formed X-Request-Id (nginx $request_id) is adopted and logged, anything else is replaced', async () => {
    const logs = logCapture();
    const t = await createTestApp({ seed: false, logStream: logs.stream, env: { LOG_LEVEL: 'info' } });
    try {
      const own = await Promise.all([t.app.inject({ url: '/healthz' }), t.app.inject({ url: '/api/v1/orgs' })]);
      const ownIds = own.map((r) => r.headers['x-request-id']);
      expect(ownIds[0]).toMatch(/^req-[0-9a-z]+$/);
      expect(ownIds[1]).toMatch(/^req-[0-9a-z]+$/);
      expect(ownIds[0]).not.toBe(ownIds[1]);
      expect(own[1].statusCode).toBe(401); // errors carry it too

      const nginxId = '5f0c3a9e2b7d4e18a6c1f09b3d2e7a41';
      const proxied = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': nginxId } });
      expect(proxied.headers['x-request-id']).toBe(nginxId);

      for (const forged of ['short', 'x'.repeat(65), 'a b c d e f g h', 'abc"}\n{"level":60', 'a'.repeat(10) + '\u00e9']) {
        const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': forged } });
        expect(res.headers['x-request-id']).toMatch(/^req-[0-9a-z]+$/);
      }
    } finally {
      await t.close();
    }
    const log = logs.text();
    expect(log).toContain(`"reqId":"5f0c3a9e2b7d4e18a6c1f09b3d2e7a41"`);
    expect(log).not.toContain('"level":60');
  });
});
