import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, expectError, type TestApp } from '../harness';
import { testDbKind } from '../setup/database';
import { createStation } from '../stations/helpers';

const TOKEN = 'metrics-token-for-tests-0123456789';

const scrape = (t: TestApp, authorization?: string) =>
  t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

/** The value of one sample line (`name{labels} value`) in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const [series, value] = [line.slice(0, line.lastIndexOf(' ')), line.slice(line.lastIndexOf(' ') + 1)];
    if (series.split('{')[0] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => series.includes(`${k}="${v}"`))) return Number(value);
  }
  return undefined;
}

describe(`GET /metrics (${testDbKind()})`, () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const t = await createTestApp({ seed: false });
    try {
      const res = await scrape(t, `Bearer ${TOKEN}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    } finally {
      await t.close();
    }
  });

  it('answers 401 in the envelope without the token or with a wrong one', async () => {
    const t = await createTestApp({ seed: false, env: { METRICS_TOKEN: TOKEN } });
    try {
      for (const auth of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN]) {
        const res = await scrape(t, auth);
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
    } finally {
      await t.close();
    }
  });

  it('counts the TCP connections it accepts, not the requests on them', async () => {
    const t = await createTestApp({ seed: false, env: { METRICS_TOKEN: TOKEN } });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const get = (agent: http.Agent | false) =>
        new Promise<number>((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0))).on('error', reject));
      const before = sample((await scrape(t, `Bearer ${TOKEN}`)).body, 'http_connections_accepted_total') ?? 0;
      const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (const agent of [false, false, false, keepAlive, keepAlive, keepAlive] as const) expect(await get(agent)).toBe(200);
      keepAlive.destroy();
      // three connections of their own, and one kept alive for three requests
      expect(sample((await scrape(t, `Bearer ${TOKEN}`)).body, 'http_connections_accepted_total')).toBe(before + 4);
    } finally {
      await t.close();
    }
  });

  it('counts requests by route and status class, latency, event-loop lag, pool use, check-ins and rate-limit hits', async () => {
    const t = await createTestApp({ env: { METRICS_TOKEN: TOKEN, AUTH_RATE_LIMIT: '1000000' } });
    try {
      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
      const station = await createStation(t, {}, admin);
      const { code } = (await t.call('GET', `/stations/${station.id}/checkin-code`, { as: admin })).body;
      const rider = await t.loginAs('rider');
      expect((await t.call('POST', `/stations/${station.id}/checkins`, { as: rider, body: { code } })).status).toBe(201);
      expect((await t.call('POST', `/stations/${station.id}/checkins`, { as: rider, body: { code } })).status).toBe(200); // repeat: not a new check-in
      expectError(await t.call('POST', `/stations/${station.id}/checkins`, { as: rider, body: { code: 'nope' } }), 422, 'INVALID_CODE');
      await t.call('GET', `/stations/${station.id}`);

      const res = await scrape(t, `Bearer ${TOKEN}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = res.body;
      const route = '/api/v1/stations/:id/checkins';
      expect(sample(text, 'http_requests_total', { method: 'POST', route, status_class: '2xx' })).toBe(2);
      expect(sample(text, 'http_requests_total', { method: 'POST', route, status_class: '4xx' })).toBe(1);
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route, status_class: '2xx' })).toBe(2);
      expect(sample(text, 'xfqs_checkins_total', { kind: 'station' })).toBe(1);
      expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(text).not.toContain(station.id); // route patterns, never raw URLs
      if (testDbKind() === 'postgres') expect(sample(text, 'db_pool_connections', { pool: 'primary', state: 'total' })).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
    }
  });

  it('counts rate-limit hits', async () => {
    const t = await createTestApp({ seed: false, env: { METRICS_TOKEN: TOKEN, AUTH_RATE_LIMIT: '1' } });
    try {
      await t.call('POST', '/auth/dev', { body: { openid: 'm1' } });
      expectError(await t.call('POST', '/auth/dev', { body: { openid: 'm2' } }), 429, 'RATE_LIMITED');
      expectError(await t.call('POST', '/auth/dev', { body: { openid: 'm3' } }), 429, 'RATE_LIMITED');
      const text = (await scrape(t, `Bearer ${TOKEN}`)).body;
      expect(sample(text, 'xfqs_rate_limited_total', { route: '/api/v1/auth/dev' })).toBe(2);
    } finally {
      await t.close();
    }
  });
});
