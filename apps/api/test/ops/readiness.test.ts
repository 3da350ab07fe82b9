import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestApp } from '../harness';
import { openTestDatabase, testDbKind } from '../setup/database';

const config = () => loadConfig({ NODE_ENV: 'test' });

describe(`GET /readyz (${testDbKind()})`, () => {
  it('is 200 { status: "ready" } on a migrated database and 503 UNAVAILABLE in the envelope once the database is gone', async () => {
    const t = await createTestApp({ seed: false });
    try {
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready' });
      expect(ready.headers['cache-control']).toBe('no-store');
      await t.database.close();
      const down = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
    } finally {
      await t.app.close();
    }
  });

  it('is 503 while migrations are missing, and 200 after they ran', async () => {
    const database = await openTestDatabase({ migrated: false });
    const app = await buildApp(config(), { database });
    try {
      const before = await app.inject({ method: 'GET', url: '/readyz' });
      expect(before.statusCode).toBe(503);
      expect(before.json().error.code).toBe('UNAVAILABLE');
      expect(await database.migrationsApplied()).toBe(false);
      await database.migrate();
      expect(await database.migrationsApplied()).toBe(true);
      const after = await app.inject({ method: 'GET', url: '/readyz' });
      expect(after.statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

/** Raw HTTP/1.1 on one socket, so a test can send a second request while the first is in flight. */
function rawRequest(path: string) {
  return `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`;
}

describe(`shutdown (${testDbKind()})`, () => {
  it('finishes requests in flight, answers later ones 503 UNAVAILABLE in the envelope, drops idle keep-alive sockets and closes fast', async () => {
    const database = await openTestDatabase();
    const app = await buildApp(config(), { database });
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    let slowStarted!: () => void;
    const slowRunning = new Promise<void>((resolve) => (slowStarted = resolve));
    app.get('/test/slow', async () => {
      slowStarted();
      await slowGate;
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    try {
      // an idle keep-alive client, as nginx's upstream keepalive pool holds them
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      let idleSocketClosed!: Promise<void>;
      await new Promise<void>((answered) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => res.resume().on('end', () => answered()));
        idleSocketClosed = new Promise((resolve) => req.on('socket', (s) => s.once('close', () => resolve())));
      });

      // one socket: a slow request in flight, then a second request sent while the server closes
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d.toString('utf8')));
      const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(rawRequest('/test/slow'));
      await slowRunning;

      const started = Date.now();
      const closing = app.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(app.shuttingDown).toBe(true);
      socket.write(rawRequest('/api/v1/stations/nearby?lat=39.9&lng=116.4'));
      await new Promise((r) => setTimeout(r, 100));
      releaseSlow();
      await closing;
      const closeMs = Date.now() - started;
      await socketClosed;
      await idleSocketClosed;
      agent.destroy();

      const responses = received.split(/(?=HTTP\/1\.1 )/);
      expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
      expect(responses[0]).toContain('{"done":true}');
      expect(responses).toHaveLength(2);
      expect(responses[1]).toMatch(/^HTTP\/1\.1 503/);
      expect(responses[1]).toMatch(/connection: close/i);
      const body = JSON.parse(responses[1].slice(responses[1].indexOf('\r\n\r\n') + 4));
      expect(body).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
      expect(closeMs).toBeLessThan(10000);
    } finally {
      releaseSlow();
      if (!app.shuttingDown) await app.close();
      await database.close();
    }
  });
});
