/**
 * The deployment of deploy/ and scripts/deploy-local.sh, driven over HTTP through nginx:
 * PostgreSQL + streaming replica, Redis, an S3 emulator, 2 API instances, nginx — brought up once
 * for the deploy project by support/global-setup.ts. Run by through-nginx.test.ts after the
 * journeys, as these tests kill and restart instances.
 * Needs nginx and redis-server (Debian packages) and PostgreSQL's server binaries.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { API_PORT, deploy, METRICS_TOKEN, NGINX_URL as BASE, PG_PORT, ROOT, STATE } from './support/deployment';

/**
 * One request on its own connection (no client keep-alive: an nginx reload closes idle client
 * connections, and a client reusing one at that instant sees it closed — browsers retry that,
 * a bare test client would count it as a failure of the API).
 */
function api(method: string, url: string, options: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const req = http.request(
      `${BASE}${url}`,
      {
        method,
        agent: false,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d) => (text += d));
        res.on('end', () => {
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON (an nginx error page)
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let riderCounter = 0;
async function signIn(openid = `deploy-rider-${process.pid}-${++riderCounter}`): Promise<string> {
  const res = await api('POST', '/api/v1/auth/dev', { body: { openid } });
  if (res.status !== 200) throw new Error(`sign-in ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/** The API server process under instance n's start.mjs wrapper. */
function serverPidOf(n: 1 | 2): number {
  const wrapper = fs.readFileSync(path.join(STATE, `api-${n}.pid`), 'utf8').trim();
  const children = fs.readFileSync(`/proc/${wrapper}/task/${wrapper}/children`, 'utf8').trim().split(/\s+/).map(Number);
  if (!children[0]) throw new Error(`no server under wrapper ${wrapper}`);
  return children[0];
}

/** Ids among `ids` that are rows of station_checkins on the primary (psql, as an operator would look). */
function storedCheckins(ids: string[]): string[] {
  const list = ids.map((id) => `'${id.replace(/[^0-9a-f-]/g, '')}'`).join(',');
  const out = execFileSync('psql', ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', '-d', 'xfqs_deploy', '-qAt', '-c', `select id from station_checkins where id in (${list})`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

/** A station of the demo data with its check-in code (as the demo org admin). */
async function stationWithCode(): Promise<{ stationId: string; code: string }> {
  const admin = await signIn('demo-admin');
  const near = await api('GET', '/api/v1/stations/nearby?lat=39.8496&lng=116.2133&limit=5');
  for (const s of near.body.items) {
    const code = await api('GET', `/api/v1/stations/${s.id}/checkin-code`, { token: admin });
    if (code.status === 200) return { stationId: s.id, code: code.body.code };
  }
  throw new Error('no station the demo admin manages');
}

/** Runs `work` on `concurrency` lanes until `until` resolves; returns every outcome. */
async function underLoad<T>(concurrency: number, work: (i: number) => Promise<T>, until: Promise<unknown>): Promise<T[]> {
  let done = false;
  void until.finally(() => (done = true));
  const results: T[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!done) results.push(await work(i++));
    }),
  );
  await until;
  return results;
}

describe('the deployment through nginx', () => {
  it('serves readiness, sign-in, nearby (replica), a check-in and a photo through nginx', async () => {
    expect(await api('GET', '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    const token = await signIn();
    expect((await api('GET', '/api/v1/me', { token })).status).toBe(200);
    const { stationId, code } = await stationWithCode();
    const checkin = await api('POST', `/api/v1/stations/${stationId}/checkins`, { token, body: { code } });
    expect(checkin.status).toBe(201);
    expect((await api('GET', `/api/v1/stations/${stationId}`)).body.id).toBe(stationId);
    expect((await api('GET', '/metrics')).status).toBe(404); // not public through nginx
  });

  it('one request id from nginx to the API: the X-Request-Id the API answers with is the one in nginx\'s access log', async () => {
    const id = await new Promise<string>((resolve, reject) =>
      http
        .get(`${BASE}/api/v1/orgs`, { agent: false }, (res) => {
          res.resume();
          resolve(String(res.headers['x-request-id']));
        })
        .on('error', reject),
    );
    expect(id).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id, not an id of the API's own (req-…)
    const accessLog = path.join(STATE, 'nginx-access.log');
    const deadline = Date.now() + 3000;
    while (!fs.readFileSync(accessLog, 'utf8').includes(`rid=${id}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fs.readFileSync(accessLog, 'utf8')).toContain(`"GET /api/v1/orgs HTTP/1.1" 401`);
    expect(fs.readFileSync(accessLog, 'utf8')).toContain(`rid=${id}`);
  });

  it('a second burst of requests reuses nginx\'s kept-alive upstream connections: the instances accept next to none', async () => {
    const accepted = async () => {
      let total = 0;
      for (const port of [API_PORT, API_PORT + 1]) {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
        total += Number(/^http_connections_accepted_total (\d+)$/m.exec(text)?.[1] ?? NaN);
      }
      return total;
    };
    // 120 at once: nginx needs about 60 upstream connections per instance, above the 32 it used to keep
    const burst = async () => expect((await Promise.all(Array.from({ length: 120 }, () => api('GET', '/readyz')))).map((r) => r.status)).toEqual(Array(120).fill(200));
    await burst();
    const before = await accepted();
    expect(before).toBeGreaterThan(0);
    await burst();
    expect((await accepted()) - before).toBeLessThan(20);
  });

  it('an instance killed during check-ins: every acknowledged check-in is in the database and nginx routes around the dead one', async () => {
    const { stationId, code } = await stationWithCode();
    const tokens = await Promise.all(Array.from({ length: 40 }, () => signIn()));
    let killed = false;
    const kill = new Promise<void>((resolve) => setTimeout(() => {
      process.kill(serverPidOf(1), 'SIGKILL');
      killed = true;
      resolve();
    }, 1500));
    const outcomes: Array<{ status: number; id?: string; afterKill: boolean }> = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = lane; i < tokens.length; i += 4) {
          const afterKill = killed;
          const res = await api('POST', `/api/v1/stations/${stationId}/checkins`, { token: tokens[i], body: { code } }).catch(() => ({ status: 0, body: undefined as any }));
          outcomes.push({ status: res.status, id: res.body?.checkin?.id, afterKill });
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    await kill;
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.id!);
    expect(acknowledged.length).toBeGreaterThan(30);
    const stored = storedCheckins(acknowledged);
    expect(stored.sort()).toEqual([...acknowledged].sort());
    // A POST nginx had already written to the dead instance's kept-alive connection is not replayed
    // (it may have been done): the client gets 502 and retries; nothing else fails, and once nginx
    // has marked the instance failed (max_fails=2) every request goes to the survivor.
    const failed = outcomes.filter((o) => o.status !== 201);
    expect(failed.every((o) => o.status === 502)).toBe(true);
    expect(failed.length).toBeLessThanOrEqual(4);
    expect(outcomes.slice(-12).every((o) => o.status === 201)).toBe(true);
    for (let i = 0; i < 10; i++) expect((await api('GET', '/readyz')).status).toBe(200);

    deploy('restart', '1'); // what systemd's Restart=on-failure does
    expect((await fetch(`http://127.0.0.1:${API_PORT}/readyz`)).status).toBe(200);
  }, 300_000);

  it('a rolling restart of both instances under load fails no request', async () => {
    const { stationId, code } = await stationWithCode();
    const rolling = new Promise<void>((resolve, reject) => {
      const child = spawn('sh', ['-c', `${path.join(ROOT, 'scripts/deploy-local.sh')} restart 1 && ${path.join(ROOT, 'scripts/deploy-local.sh')} restart 2`], { cwd: ROOT, stdio: 'ignore' });
      child.on('exit', (status) => (status === 0 ? resolve() : reject(new Error(`rolling restart exited ${status}`))));
    });
    const results = await underLoad(
      4,
      async (i) => {
        if (i % 4 === 0) {
          const token = await signIn();
          return (await api('POST', `/api/v1/stations/${stationId}/checkins`, { token, body: { code } })).status;
        }
        if (i % 4 === 1) return (await api('GET', `/api/v1/stations/${stationId}`)).status;
        return (await api('GET', '/api/v1/stations/nearby?lat=39.8496&lng=116.2133&limit=10')).status;
      },
      rolling,
    );
    expect(results.length).toBeGreaterThan(50);
    const failed = results.filter((s) => s >= 300);
    expect(failed).toEqual([]);
  }, 600_000);
});
