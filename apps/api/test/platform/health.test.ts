import { createTestApp } from '../harness';

describe('GET /healthz', () => {
  it('is ok while the database answers and 503 with db "down" when it does not', async () => {
    const t = await createTestApp({ seed: false });
    try {
      const ok = await t.call('GET', '/healthz');
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ status: 'ok', db: 'ok' });

      await t.database.close();
      const down = await t.call('GET', '/healthz');
      expect(down.status).toBe(503);
      expect(down.body.db).toBe('down');
      expect(down.body.error.code).toBe('UNAVAILABLE');
    } finally {
      await t.app.close();
    }
  });
});
