import { createTestApp } from '../harness';
import { testDbKind } from '../setup/database';

/** Three sign-ins: what the per-address sign-in limit (2 a minute here) makes of them. */
async function signIns(t: Awaited<ReturnType<typeof createTestApp>>, from: Array<{ remote: string; xff?: string }>) {
  const statuses: number[] = [];
  for (const [i, who] of from.entries()) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      remoteAddress: who.remote,
      headers: who.xff ? { 'x-forwarded-for': who.xff } : {},
      payload: { openid: `proxy-${i}` },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe(`TRUST_PROXY (${testDbKind()})`, () => {
  it('behind a trusted proxy, riders are told apart by X-Forwarded-For; the proxy itself is not one client', async () => {
    const t = await createTestApp({ seed: false, env: { AUTH_RATE_LIMIT: '2', TRUST_PROXY: '127.0.0.1,10.0.0.0/8' } });
    try {
      const riderA = { remote: '10.1.2.3', xff: '203.0.113.7' };
      const riderB = { remote: '127.0.0.1', xff: '198.51.100.9' };
      expect(await signIns(t, [riderA, riderA, riderB, riderB, riderA])).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await t.close();
    }
  });

  it('X-Forwarded-For from an untrusted address is ignored (a rider cannot pick a fresh address per request)', async () => {
    const t = await createTestApp({ seed: false, env: { AUTH_RATE_LIMIT: '2', TRUST_PROXY: '127.0.0.1' } });
    try {
      const spoofer = (n: number) => ({ remote: '192.0.2.50', xff: `203.0.113.${n}` });
      expect(await signIns(t, [spoofer(1), spoofer(2), spoofer(3)])).toEqual([200, 200, 429]);
    } finally {
      await t.close();
    }
  });

  it('without TRUST_PROXY the socket address is the client, whatever the header says', async () => {
    const t = await createTestApp({ seed: false, env: { AUTH_RATE_LIMIT: '2' } });
    try {
      expect(await signIns(t, [{ remote: '127.0.0.1', xff: '203.0.113.1' }, { remote: '127.0.0.1', xff: '203.0.113.2' }, { remote: '127.0.0.1', xff: '203.0.113.3' }])).toEqual([200, 200, 429]);
    } finally {
      await t.close();
    }
  });
});
