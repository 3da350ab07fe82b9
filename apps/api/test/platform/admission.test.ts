import http from 'node:http';
import Fastify from 'fastify';
import { admissionPlugin } from '../../src/plugins/admission';
import { errorsPlugin } from '../../src/plugins/errors';
import { createTestApp, logCapture, readUntil, type CallResult } from '../harness';
import { testDbKind } from '../setup/database';

describe('admission control (MAX_IN_FLIGHT)', () => {
  it('answers requests beyond the limit at once with 503 UNAVAILABLE and Retry-After, and admits again when they are done', async () => {
    const t = await createTestApp({ seed: false, env: { MAX_IN_FLIGHT: '2' } });
    try {
      const rider = await t.loginAs();
      const burst = await Promise.all(Array.from({ length: 12 }, () => t.call('GET', '/stamps/me', { as: rider })));
      const refused = burst.filter((r) => r.status === 503);
      expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused.length + burst.filter((r) => r.status === 200).length).toBe(12);
      for (const r of refused) {
        expect(r.body.error.code).toBe('UNAVAILABLE');
        expect(r.headers['retry-after']).toBe('1');
        // tells the client the request was never started, so sending it again is safe
        expect(r.body.error.details).toEqual({ retryAfterSeconds: 1 });
      }
      // Every admitted request released its place: two at a time pass again.
      for (let i = 0; i < 3; i++) {
        const pair = await Promise.all([t.call('GET', '/stamps/me', { as: rider }), t.call('GET', '/stamps/me', { as: rider })]);
        expect(pair.map((r) => r.status)).toEqual([200, 200]);
      }
    } finally {
      await t.close();
    }
  });

  it('unset, serves 32 at once on the embedded database and has no limit on PostgreSQL', async () => {
    const t = await createTestApp({ seed: false, env: { MAX_IN_FLIGHT: '' } });
    try {
      const rider = await t.loginAs();
      const burst = await Promise.all(Array.from({ length: 100 }, () => t.call('GET', '/stamps/me', { as: rider })));
      const served = burst.filter((r) => r.status === 200).length;
      if (testDbKind() === 'pglite') {
        expect(served).toBe(32);
        expect(burst.filter((r) => r.status === 503)).toHaveLength(68);
      } else {
        expect(tally(burst)).toEqual({ '200': 100 });
      }
    } finally {
      await t.close();
    }
  });

  it('has no limit with MAX_IN_FLIGHT=0', async () => {
    const logs = logCapture();
    const t = await createTestApp({ seed: false, env: { MAX_IN_FLIGHT: '0' }, logStream: logs.stream });
    try {
      const rider = await t.loginAs();
      const burst = await Promise.all(Array.from({ length: 100 }, () => t.call('GET', '/stamps/me', { as: rider })));
      // The errors the app logged ride along, so an unexpected answer says where it came from.
      expect({ answers: tally(burst), errorsLogged: errorsIn(logs.text()) }).toEqual({ answers: { '200': 100 }, errorsLogged: [] });
    } finally {
      await t.close();
    }
  });
});

describe('admission control when clients hang up', () => {
  // A real socket: inject() cannot hang up. Two places; the handlers wait until the test lets them go.
  it('gives the place back when the answer is ready, also for a client that hung up before it', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorsPlugin);
    await app.register(admissionPlugin, { maxInFlight: 2, retryAfterSeconds: 1 });
    const entered: Array<() => void> = [];
    app.get('/slow', () => new Promise((resolve) => entered.push(() => resolve({ ok: true }))));
    app.get('/fast', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => http.get({ host: '127.0.0.1', port, path }, (res) => res.resume().on('end', () => resolve(res.statusCode!))).on('error', reject));
    try {
      for (let round = 0; round < 3; round++) {
        // Two riders take both places and hang up before their answers...
        const hungUp = [0, 1].map(() => http.get({ host: '127.0.0.1', port, path: '/slow' }).on('error', () => undefined));
        await expect(readUntil(async () => entered.length, (n) => n === 2)).resolves.toBe(2);
        await expect(get('/fast')).resolves.toBe(503);
        hungUp.forEach((request) => request.destroy());
        await new Promise((resolve) => setTimeout(resolve, 50));
        // ...then their answers are ready (written to nobody): both places are free again.
        entered.splice(0).forEach((answer) => answer());
        await expect(readUntil(() => get('/fast'), (status) => status === 200)).resolves.toBe(200);
        await expect(Promise.all([get('/fast'), get('/fast')])).resolves.toEqual([200, 200]);
      }
    } finally {
      entered.forEach((answer) => answer());
      await app.close();
    }
  });
});

/** How many answers of each kind a burst got, e.g. `{ '200': 97, '503 UNAVAILABLE': 3 }`, so a failure says what came back. */
function tally(answers: CallResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of answers) {
    const kind = r.status === 200 ? '200' : `${r.status} ${r.body?.error?.code ?? ''}`.trim();
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** The messages of error-level (50+) lines in a captured pino log. */
function errorsIn(log: string): string[] {
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } })
    .filter((entry) => entry.level >= 50)
    .map((entry) => `${entry.msg ?? ''}: ${entry.err?.message ?? ''}`);
}
