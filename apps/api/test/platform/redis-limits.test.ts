import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestApp, GENEROUS_LIMITS, type TestApp } from '../harness';
import { testDbKind } from '../setup/database';
import { FENGTAI } from '../stations/helpers';

/**
 * Two API instances with one REDIS_URL share their limits: a real redis-server (Debian's) is
 * started on this developer's port for the test and stopped after it. Both database projects
 * run this file, each on its own port.
 */
const port = Number(process.env.TEST_REDIS_PORT) || (testDbKind() === 'postgres' ? 3421 : 6421);
const redisUrl = `redis://127.0.0.1:${port}/0`;
jest.setTimeout(600_000);
let server: ChildProcess;

/** Another API instance on the same database (only `app` and `call` are used from it). */
async function secondInstance(first: TestApp, env: Record<string, string>): Promise<TestApp> {
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', DEV_LOGIN: 'true', ...GENEROUS_LIMITS, ...env }), { database: first.database, clock: first.clock, pruneIntervalMinutes: 0 });
  await app.ready();
  const call: TestApp['call'] = async (method, url, opts = {}) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, headers: opts.headers, ...(opts.body !== undefined ? { payload: opts.body as object } : {}) });
    return { status: res.statusCode, body: res.json(), headers: res.headers, raw: res.rawPayload };
  };
  return { ...first, app, call, close: () => app.close() };
}
let dir: string;

async function waitForRedis(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    probe.on('error', () => undefined); // a server still starting: the next probe tries again
    try {
      await probe.connect();
      await probe.ping();
      await probe.flushall();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      probe.disconnect();
    }
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-redis-'));
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await waitForRedis();
});

afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('REDIS_URL', () => {
  it('two app instances share one limit through Redis (and would not without it)', async () => {
    const env = { REDIS_URL: redisUrl, NEARBY_RATE_LIMIT: '3', AUTH_RATE_LIMIT_PER_ID: '2' };
    // two instances of the API on one database, as behind a load balancer, and one without Redis
    const a = await createTestApp({ seed: false, env });
    const b = await secondInstance(a, env);
    const alone = await secondInstance(a, { NEARBY_RATE_LIMIT: '3' });
    const nearby = (t: TestApp) =>
      t.app.inject({ method: 'GET', url: `/api/v1/stations/nearby?lat=${FENGTAI.lat}&lng=${FENGTAI.lng}`, remoteAddress: '10.20.30.40' });
    try {
      expect(a.app.redis).not.toBeNull();
      expect(alone.app.redis).toBeNull();
      expect((await nearby(a)).statusCode).toBe(200);
      expect((await nearby(b)).statusCode).toBe(200);
      expect((await nearby(a)).statusCode).toBe(200);
      const limited = await nearby(b); // the fourth request of this address, on the other instance
      expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await nearby(a)).statusCode).toBe(429);
      // an instance without Redis counts alone
      for (let i = 0; i < 3; i++) expect((await nearby(alone)).statusCode).toBe(200);

      // sign-in per openid across instances too
      expect((await a.call('POST', '/auth/dev', { body: { openid: 'shared-openid' } })).status).toBe(200);
      expect((await b.call('POST', '/auth/dev', { body: { openid: 'shared-openid' } })).status).toBe(200);
      expect((await a.call('POST', '/auth/dev', { body: { openid: 'shared-openid' } })).status).toBe(429);

      // the counters really are in Redis, under the limit's name
      const probe = new Redis(redisUrl);
      const keys = await probe.keys('xfqs-rl:*');
      probe.disconnect();
      expect(keys.some((k) => k.includes('nearby-address:10.20.30.40'))).toBe(true);
    } finally {
      await b.close();
      await alone.close();
      await a.close();
    }
    // closing the apps closed their connections
    await expect(a.app.redis!.ping()).rejects.toThrow();
  });

  it('Redis going away mid-run: requests are served (without limits), never a 5xx', async () => {
    const t = await createTestApp({ seed: false, env: { REDIS_URL: redisUrl, NEARBY_RATE_LIMIT: '1000' } });
    try {
      const url = `/stations/nearby?lat=${FENGTAI.lat}&lng=${FENGTAI.lng}`;
      expect((await t.call('GET', url)).status).toBe(200);
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      for (let i = 0; i < 3; i++) expect((await t.call('GET', url)).status).toBe(200);
      expect((await t.call('POST', '/auth/dev', { body: { openid: 'while-redis-is-down' } })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('a REDIS_URL nobody answers fails the start instead of the first request', async () => {
    await expect(createTestApp({ seed: false, env: { REDIS_URL: 'redis://127.0.0.1:1/0' } })).rejects.toThrow(/REDIS_URL: cannot connect/);
  });
});
