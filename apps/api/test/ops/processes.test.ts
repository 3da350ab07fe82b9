import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS_FOLDER } from '@xfqs/db';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { testDbKind } from '../setup/database';
import { createEmptyPostgres, createMigratedPostgres } from '../setup/postgres';
import { readUntil } from '../harness';
import { expectExit, freePort, request, ROOT, startServer, stopServer, waitReady, type ServerProcess } from './processes';

const kind = testDbKind();
const onPostgres = kind === 'postgres' ? describe : describe.skip;

/** Settings for one real server process on a database of this project's kind. */
async function databaseEnv(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (kind === 'postgres') {
    const db = await createMigratedPostgres();
    return { env: { DATABASE_URL: db.url, SEED_DEMO: 'false' }, drop: db.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-ops-'));
  return { env: { DATA_DIR: dir, SEED_DEMO: 'false' }, drop: async () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) };
}

onPostgres('many instances started at once (postgres)', () => {
  it('apps built at the same moment on an empty database all start, 6 rounds of 3 (CI saw the job queue schema install race, then two queue creations deadlock)', async () => {
    for (let round = 0; round < 6; round++) {
      const db = await createEmptyPostgres();
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
      const started = await Promise.allSettled([0, 1, 2].map(() => buildApp(config)));
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
      await db.drop();
      expect(started.map((s) => (s.status === 'fulfilled' ? 'started' : String(s.reason)))).toEqual(['started', 'started', 'started']);
    }
  }, 300_000);

  it('three instances on an empty database all come up: migrations run once under the advisory lock', async () => {
    const db = await createEmptyPostgres();
    const servers: ServerProcess[] = [];
    try {
      for (let i = 0; i < 3; i++) servers.push(startServer({ PORT: String(await freePort()), DATABASE_URL: db.url, SEED_DEMO: 'true' }));
      await Promise.all(servers.map((s) => waitReady(s, 120000)));
      for (const s of servers) expect((await request(s.port, 'GET', '/readyz')).body).toEqual({ status: 'ready' });

      const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const applied = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      await client.end();
      expect(applied.rows[0].n).toBe(journal.entries.length);
    } finally {
      await Promise.all(servers.map(stopServer));
      await db.drop();
    }
  });
});

onPostgres('a start that fails half-way (Redis nobody answers)', () => {
  const redisNobodyAnswers = 'redis://127.0.0.1:1/0';

  it('on PostgreSQL, leaves no connection open on its database (pool, LISTEN, job queue all closed)', async () => {
    const db = await createMigratedPostgres();
    const name = new URL(db.url).pathname.slice(1);
    const connectionsTo = async () => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        return rows[0].n as number;
      } finally {
        await client.end();
      }
    };
    try {
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL: redisNobodyAnswers, LOG_LEVEL: 'silent' });
      await expect(buildApp(config)).rejects.toThrow(/REDIS_URL: cannot connect/);
      expect(await readUntil(connectionsTo, (n) => n === 0)).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('on the embedded database, releases its data folder: the same process starts on it next', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-halfway-'));
    try {
      const env = { NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent' };
      await expect(buildApp(loadConfig({ ...env, REDIS_URL: redisNobodyAnswers }))).rejects.toThrow(/REDIS_URL: cannot connect/);
      const app = await buildApp(loadConfig(env));
      await app.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  });
});

onPostgres('`pnpm test` (scripts/test.mjs) with a test that leaves a handle open', () => {
  it('stops jest once it has written its results and still not exited, says why and counts one failure', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-leak-'));
    try {
      fs.writeFileSync(path.join(dir, 'leak.test.js'), "it('leaves a timer running', () => { setInterval(() => undefined, 1000); expect(1 + 1).toBe(2); });\n");
      const config = JSON.stringify({ rootDir: dir, testMatch: ['<rootDir>/leak.test.js'], transform: {}, testEnvironment: 'node' });
      const started = Date.now();
      const run = spawnSync('node', [path.join(ROOT, 'scripts/test.mjs'), '--config', config], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, SKIP_TYPECHECK: '1', JEST_EXIT_GRACE_SECONDS: '2', JEST_RESULTS_FILE: path.join(dir, 'results.json') },
      });
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status).toBe(1);
      expect(output).toContain('jest had not exited 2 s after writing its results');
      expect(run.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(`a server process under supervision (${kind})`, () => {
  it('on SIGTERM with a keep-alive client holding a connection, exits 0 well within 10 s', async () => {
    const { env, drop } = await databaseEnv();
    const server = startServer({ PORT: String(await freePort()), ...env });
    const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 60000 });
    try {
      await waitReady(server, 400000);
      expect((await request(server.port, 'GET', '/healthz', { agent })).status).toBe(200);
      expect(agent.freeSockets[Object.keys(agent.freeSockets)[0]]?.length).toBe(1); // held open, idle
      const sent = Date.now();
      server.child.kill('SIGTERM');
      const exit = await expectExit(server, 0);
      expect(exit.at - sent).toBeLessThan(10000);
    } finally {
      agent.destroy();
      await stopServer(server);
      await drop();
    }
  }, 900_000);

  it('`pnpm start` (scripts/start.mjs) exits non-zero when the server process dies, and 0 when asked to stop', async () => {
    const { env, drop } = await databaseEnv();
    const wrappers: ServerProcess[] = [];
    const serverPids: number[] = [];
    try {
      for (const [i, fate] of (['killed', 'stopped'] as const).entries()) {
        const wrapper = startServer({ PORT: String(await freePort()), ...env }, { wrapper: true });
        wrappers.push(wrapper);
        await waitReady(wrapper, 400000);
        const pid = serverPidOf(wrapper);
        serverPids.push(pid);
        if (fate === 'killed') {
          process.kill(pid, 'SIGKILL');
          await expectExit(wrapper, 128 + 9);
        } else {
          wrapper.child.kill('SIGTERM');
          await expectExit(wrapper, 0);
        }
      }
    } finally {
      for (const pid of serverPids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await Promise.all(wrappers.map(stopServer));
      await drop();
    }
  }, 900_000);
});

/** The API server's pid, from its JSON log lines (pino writes `pid` on each). */
function serverPidOf(wrapper: ServerProcess): number {
  for (const line of wrapper.output().split('\n')) {
    if (!line.startsWith('{')) continue;
    const pid = JSON.parse(line).pid;
    if (typeof pid === 'number' && pid !== wrapper.child.pid) return pid;
  }
  throw new Error(`no server pid in the output:\n${wrapper.output()}`);
}
