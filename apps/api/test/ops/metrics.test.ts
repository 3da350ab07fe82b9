import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { getTableName, sql } from 'drizzle-orm';
import { rowsOf, stationCheckins } from '@xfqs/db';
import { createTestApp, expectError, logCapture, readUntil, type TestApp } from '../harness';
import { testDbKind } from '../setup/database';
import { metricsPlugin } from '../../src/plugins/metrics';
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

  // A real socket: inject() cannot hang up. The check-in's insert waits behind a lock the test
  // holds; the rider hangs up meanwhile; then the lock goes and the check-in commits, its answer
  // written to nobody. Fastify runs no onResponse for it, and the count must not miss it.
  it('counts a check-in whose rider hung up before the answer, once, also as an answer nobody received', async () => {
    const log = logCapture();
    const t = await createTestApp({ env: { METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' }, logStream: log.stream });
    try {
      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
      const station = await createStation(t, {}, admin);
      const { code } = (await t.call('GET', `/stations/${station.id}/checkin-code`, { as: admin })).body;
      const rider = await t.loginAs('rider');
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const hungUp = new Promise<void>((resolve) => t.app.server.once('request', (req: http.IncomingMessage) => req.once('close', () => resolve())));

      await t.db.transaction(async (tx) => {
        await tx.execute(sql`lock table ${stationCheckins} in exclusive mode`);
        const body = JSON.stringify({ code });
        const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/v1/stations/${station.id}/checkins`, headers: { ...rider.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
        request.on('error', () => undefined).end(body);
        await insertWaiting(t);
        request.destroy();
        await hungUp;
      });

      const text = await readUntil(async () => (await scrape(t, `Bearer ${TOKEN}`)).body, (body) => sample(body, 'xfqs_checkins_total', { kind: 'station' }) !== undefined);
      const route = '/api/v1/stations/:id/checkins';
      expect(sample(text, 'xfqs_checkins_total', { kind: 'station' })).toBe(1);
      expect(sample(text, 'http_requests_total', { method: 'POST', route, status_class: '2xx' })).toBe(1);
      expect(sample(text, 'http_requests_client_gone_total', { method: 'POST', route, status_class: '2xx' })).toBe(1);
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route, status_class: '2xx' })).toBe(1);
      // the check-in did commit: the count is of what happened
      const rows = await t.db.select().from(stationCheckins).where(sql`${stationCheckins.stationId} = ${station.id}`);
      expect(rows).toHaveLength(1);
      expect(log.text()).toContain('answered after the client hung up');
      // a later answer that does reach its client counts once, in the usual place
      expect((await t.call('POST', `/stations/${station.id}/checkins`, { as: rider, body: { code } })).status).toBe(200);
      const after = (await scrape(t, `Bearer ${TOKEN}`)).body;
      expect(sample(after, 'http_requests_total', { method: 'POST', route, status_class: '2xx' })).toBe(2);
      expect(sample(after, 'http_requests_client_gone_total', { method: 'POST', route, status_class: '2xx' })).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('metrics when a client hangs up while its answer is on the way', () => {
  // A minimal app: the answer passes the app's onSend on a live socket, then waits in a route's own
  // onSend hook (the test holds it) while the client hangs up; Fastify then runs no onResponse.
  it('counts that answer once, at the hang-up', async () => {
    const app = Fastify({ logger: false });
    app.decorate('database', {} as never); // no pool to report
    await app.register(metricsPlugin, { token: TOKEN });
    let sendAnswer = () => undefined as void;
    const answerHeld = new Promise<void>((resolve) => {
      app.get('/late', { onSend: (_request, _reply, payload, done) => { sendAnswer = () => done(null, payload); resolve(); } }, async () => ({ ok: true }));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    try {
      const hungUp = new Promise<void>((resolve) => app.server.once('request', (req: http.IncomingMessage) => req.once('close', () => resolve())));
      const request = http.get({ host: '127.0.0.1', port, path: '/late' }).on('error', () => undefined);
      await answerHeld;
      request.destroy();
      await hungUp;
      sendAnswer();
      const text = (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
      expect(sample(text, 'http_requests_total', { method: 'GET', route: '/late', status_class: '2xx' })).toBe(1);
      expect(sample(text, 'http_requests_client_gone_total', { method: 'GET', route: '/late', status_class: '2xx' })).toBe(1);
    } finally {
      await app.close();
    }
  });
});

/**
 * Until the check-in's insert waits for the test's lock on `station_checkins`, seen from another
 * connection (this file runs on PostgreSQL only, jest.config.js). pg_locks shows the whole cluster,
 * where other test files wait on locks of their own: only a wait on this database's table counts.
 */
async function insertWaiting(t: TestApp): Promise<void> {
  const waiting = async () =>
    rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from pg_locks
        where not granted and locktype = 'relation' and relation = to_regclass(${getTableName(stationCheckins)})
          and database = (select oid from pg_database where datname = current_database())`),
    )[0].n;
  await expect(readUntil(waiting, (n) => n > 0)).resolves.toBeGreaterThan(0);
}
