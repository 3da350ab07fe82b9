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
  it('finishes requests in flight with Connection: close, answers later ones 503 UNAVAILABLE in the envelope, drops idle keep-alive sockets and closes fast', async () => {
    const database = await openTestDatabase();
    const app = await buildApp(config(), { database });
    const gate = () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    };
    const slow = gate();
    const slowRunning = gate();
    // holds close() between "shutting down" and the server's own close, so a request can arrive then
    const preClose = gate();
    app.get('/test/slow', async () => {
      slowRunning.open();
      await slow.opened;
      return { done: true };
    });
    app.addHook('preClose', async () => preClose.opened);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const quietAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // keep-alive clients, as nginx's upstream keepalive pool holds them; one stays quiet
      expect((await get(port, '/healthz', idleAgent)).status).toBe(200);
      expect((await get(port, '/healthz', quietAgent)).status).toBe(200);
      const quietSocket = Object.values(quietAgent.freeSockets)[0]![0]!;
      const quietSocketClosed = new Promise<void>((resolve) => quietSocket.once('close', () => resolve()));

      // a slow request in flight on its own socket
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d.toString('utf8')));
      const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(rawRequest('/test/slow'));
      await slowRunning.opened;

      const started = Date.now();
      const closing = app.close();
      await new Promise((r) => setTimeout(r, 50));
      expect(app.shuttingDown).toBe(true);
      // a request arriving on the kept-alive socket while the server shuts down
      const late = await get(port, '/api/v1/stations/nearby?lat=39.9&lng=116.4', idleAgent);
      expect(late.status).toBe(503);
      expect(late.headers.connection).toBe('close');
      expect(late.headers['retry-after']).toBe('1');
      expect(JSON.parse(late.body)).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });

      preClose.open();
      slow.open();
      await closing;
      const closeMs = Date.now() - started;
      await socketClosed; // the server closed the in-flight request's socket after answering it
      await quietSocketClosed;

      const responses = received.split(/(?=HTTP\/1\.1 )/);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
      expect(responses[0]).toMatch(/connection: close/i);
      expect(responses[0]).toContain('{"done":true}');
      expect(closeMs).toBeLessThan(10000);
    } finally {
      preClose.open();
      slow.open();
      idleAgent.destroy();
      quietAgent.destroy();
      if (!app.shuttingDown) await app.close();
      await database.close();
    }
  });
});

function get(port: number, path: string, agent: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}
