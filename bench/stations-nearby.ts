/**
 * `pnpm bench stations-nearby` (also `pnpm bench:stations`): nearest-station search at national scale.
 *
 * 1. Generates N stations (default 200,000) clustered around ~60 Chinese cities by population,
 *    plus a thin tail of county towns, with realistic services (a rare one: legal_aid ≈ 3 %) and
 *    hours (24 h, overnight, weekday-only …), and S live states; loads them into PGlite and, when
 *    BENCH_DATABASE_URL (or DATABASE_URL) is set, into a fresh database on that PostgreSQL server.
 * 2. Reads the in-memory station directory the endpoint answers from (NearbyFinder): how long the
 *    first read takes, how much heap it holds, and how long a reload after a station change or a
 *    live-state change takes.
 * 3. Runs Q (default 2,000) nearby searches per case from random rider positions through the
 *    finder the endpoint uses, one at a time: plain, a rare service, a rare and a common service,
 *    openNow at 03:00 (night: few stations open), and services+openNow together. Prints
 *    p50/p95/p99 in ms.
 * 4. Serves the real app and a bare Fastify route in this process and loads both with
 *    autocannon from a separate process: req/s and p99, same spot and random spots.
 * The last line is one JSON object with all figures.
 *
 * Options: --stations N, --queries Q, --duration S (autocannon seconds per run, default 8),
 * --connections C (default 10), --states S (live station states, default 1 % of the stations),
 * --port P (HTTP runs on P and P + 2, default 3201), --skip-pglite, --skip-http, --keep.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ServiceKey } from '../packages/domain/src';
import { generateStations, reseed, riderPositions } from './_stations-data';
import { openDatabase, orgs, rowsOf, stations, stationStates, type DatabaseHandle } from '../packages/db/src';
import { NearbyFinder, type NearbyParams } from '../apps/api/src/features/stations/nearby';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';

const root = path.resolve(__dirname, '..');
// drizzle-orm, pg and fastify are dependencies of the API package, not of the workspace root.
const apiRequire = createRequire(path.join(root, 'apps/api/package.json'));
const { sql } = apiRequire('drizzle-orm') as typeof import('drizzle-orm');
const { Client } = apiRequire('pg') as typeof import('pg');

// ---------------------------------------------------------------------------------------------
// options

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer`);
  return n;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const N = option('stations', 200_000);
const Q = option('queries', 2_000);
const DURATION = option('duration', 8);
const CONNECTIONS = option('connections', 10);
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
/** Live station states present (closed, hot water or charging paused, a note); a quarter already over. */
const STATES = option('states', Math.max(1, Math.round(N / 100)));
/** HTTP ports: PostgreSQL's run on PORT, PGlite's on PORT + 2. */
const PORT = option('port', 3201);

// ---------------------------------------------------------------------------------------------
// data: bench/_stations-data.ts (seeded, the same on every database and run)

// ---------------------------------------------------------------------------------------------
// measuring

const ms = (n: number) => Math.round(n * 1000) / 1000;
function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { n: s.length, p50: ms(at(50)), p95: ms(at(95)), p99: ms(at(99)), max: ms(s[s.length - 1]) };
}

/** Wednesday 2026-11-25 03:00 and 12:00 in Beijing. */
const NIGHT = new Date('2026-11-24T19:00:00Z');
const NOON = new Date('2026-11-25T04:00:00Z');
const CASES: Record<string, Omit<NearbyParams, 'lat' | 'lng'>> = {
  plain: { limit: 10, radiusM: 10_000, services: [], openNow: false, at: NOON },
  rareService: { limit: 10, radiusM: 10_000, services: ['legal_aid'], openNow: false, at: NOON },
  rareAndCommonService: { limit: 10, radiusM: 10_000, services: ['microwave', 'legal_aid'], openNow: false, at: NOON },
  openNowAtNight: { limit: 10, radiusM: 10_000, services: [], openNow: true, at: NIGHT },
  servicesAndOpenNow: { limit: 10, radiusM: 10_000, services: ['microwave', 'charging'], openNow: true, at: NIGHT },
};

async function timeQueries(finder: NearbyFinder, positions: Array<{ lat: number; lng: number }>, params: Omit<NearbyParams, 'lat' | 'lng'>) {
  const samples: number[] = [];
  let found = 0;
  for (const p of positions) {
    const start = performance.now();
    const items = await finder.find({ ...params, ...p });
    samples.push(performance.now() - start);
    found += items.length;
  }
  return { ...percentiles(samples), avgFound: Math.round((found / positions.length) * 10) / 10 };
}

async function load(handle: DatabaseHandle) {
  const start = performance.now();
  const [org] = await handle.db.insert(orgs).values({ name: '基准测试工会', kind: 'district', path: '/bench/', code: 'BENCH' }).returning({ id: orgs.id });
  reseed(20261125); // same stations on every database
  const rows = generateStations(org.id, N);
  for (let i = 0; i < rows.length; i += 2000) await handle.db.insert(stations).values(rows.slice(i, i + 2000));
  const insertSeconds = (performance.now() - start) / 1000;
  const states = await loadStates(handle);
  return { insertSeconds: Math.round(insertSeconds * 10) / 10, states };
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
function heapUsed() {
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

/** The directory's first read, its heap, and its reloads after a station change and after a state change. */
async function measureDirectory(handle: DatabaseHandle) {
  const finder = new NearbyFinder(handle.db, handle.db);
  const before = heapUsed();
  let t0 = performance.now();
  await finder.find({ ...CASES.plain, lat: 39.9, lng: 116.4 });
  const firstReadMs = performance.now() - t0;
  const heapMiB = mib(heapUsed() - before);
  t0 = performance.now();
  await finder.reload('stations');
  const stationsReloadMs = performance.now() - t0;
  t0 = performance.now();
  await finder.reload('station_states');
  const statesReloadMs = performance.now() - t0;
  return { finder, figures: { stations: await finder.stationCount(), firstReadMs: Math.round(firstReadMs), heapMiB, stationsReloadMs: Math.round(stationsReloadMs), statesReloadMs: Math.round(statesReloadMs) } };
}

// ---------------------------------------------------------------------------------------------
// HTTP

function runLoad(url: string, paths: string[]): Promise<{ rps: number; p50: number; p99: number; errors: number; non2xx: number; requests: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '_load.mjs'), JSON.stringify({ url, paths, duration: DURATION, connections: CONNECTIONS })], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`load generator exited ${code}`))));
  });
}

async function measureHttp(handle: DatabaseHandle, positions: Array<{ lat: number; lng: number }>, port: number) {
  const Fastify = apiRequire('fastify') as typeof import('fastify').default;
  const bare = Fastify({ logger: false });
  const payload = { items: [{ id: 'x', name: '驿站', distanceM: 120 }] };
  bare.get('/bare', async () => payload);
  await bare.listen({ port: port + 1, host: '127.0.0.1' });

  const config = loadConfig({ NODE_ENV: 'development', DEV_LOGIN: 'false', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { database: handle });
  await app.listen({ port, host: '127.0.0.1' });
  const nearbyPath = (p: { lat: number; lng: number }) => `/api/v1/stations/nearby?lat=${p.lat}&lng=${p.lng}&limit=10`;
  try {
    const check = await app.inject({ method: 'GET', url: nearbyPath(positions[0]) });
    if (check.statusCode !== 200) throw new Error(`nearby answered ${check.statusCode}: ${check.body}`);
    const bareResult = await runLoad(`http://127.0.0.1:${port + 1}`, ['/bare']);
    const sameSpot = await runLoad(`http://127.0.0.1:${port}`, [nearbyPath(positions[0])]);
    const randomSpots = await runLoad(`http://127.0.0.1:${port}`, positions.map(nearbyPath));
    const share = (r: { rps: number }) => Math.round((r.rps / bareResult.rps) * 1000) / 10;
    return { bare: bareResult, nearbySameSpot: { ...sameSpot, percentOfBare: share(sameSpot) }, nearbyRandomSpots: { ...randomSpots, percentOfBare: share(randomSpots) } };
  } finally {
    await app.close();
    await bare.close();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * STATES live states on random active stations, as staff set them: a third closed, a third with hot
 * water or charging paused, a third a note only; a quarter of them already over at the cases' times
 * (rows nobody cleared, which every reader skips by comparing `until`).
 */
async function loadStates(handle: DatabaseHandle) {
  const ids = rowsOf<{ id: string }>(await handle.db.execute(sql`select id from stations where status = 'active' order by md5(id::text) limit ${STATES}`)).map((r) => r.id);
  const inForce = new Date(NOON.getTime() + 2 * 3600_000);
  const over = new Date(NIGHT.getTime() - 3600_000);
  const rows = ids.map((stationId, i) => ({
    stationId,
    closed: i % 3 === 0,
    pausedServices: i % 3 === 1 ? [i % 2 ? 'hot_water' : 'charging'] as ServiceKey[] : [],
    note: i % 3 === 2 ? '今天有绿豆汤' : null,
    until: i % 4 === 3 ? over : inForce,
  }));
  for (let i = 0; i < rows.length; i += 2000) await handle.db.insert(stationStates).values(rows.slice(i, i + 2000));
  await handle.db.execute(sql`analyze station_states`);
  const inForceCount = rows.filter((r) => r.until === inForce).length;
  console.log(`   live states: ${rows.length} rows (${inForceCount} in force at the cases' times; closed ${rows.filter((r) => r.closed).length}, paused ${rows.filter((r) => r.pausedServices.length).length})`);
  return { rows: rows.length, inForce: inForceCount };
}

async function benchDatabase(label: string, handle: DatabaseHandle, port: number) {
  console.log(`\n== ${label}: loading ${N.toLocaleString('en')} stations …`);
  const loaded = await load(handle);
  const count = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from stations`))[0].n;
  console.log(`   inserted ${count.toLocaleString('en')} rows in ${loaded.insertSeconds} s`);
  const { finder, figures: directory } = await measureDirectory(handle);
  console.log(
    `   directory: ${directory.stations.toLocaleString('en')} active stations read in ${directory.firstReadMs} ms, ${directory.heapMiB} MiB of heap${global.gc ? '' : ' (run with --expose-gc for a steadier figure)'}; reload after a station change ${directory.stationsReloadMs} ms, after a live-state change ${directory.statesReloadMs} ms`,
  );
  reseed(777); // same rider positions on every database
  const positions = riderPositions(Q);
  for (const p of positions) await finder.find({ ...CASES.plain, ...p }); // warm (JIT)

  const cases: Record<string, ReturnType<typeof percentiles> & { avgFound: number }> = {};
  for (const [name, params] of Object.entries(CASES)) {
    cases[name] = await timeQueries(finder, positions, params);
    console.log(`   ${name.padEnd(20)} p50 ${cases[name].p50} ms  p95 ${cases[name].p95} ms  p99 ${cases[name].p99} ms  (through the finder, avg ${cases[name].avgFound} found, ${Q} searches)`);
  }

  let http;
  if (!flag('skip-http')) {
    http = await measureHttp(handle, positions, port);
    console.log(`   HTTP bare Fastify route        ${http.bare.rps} req/s  p99 ${http.bare.p99} ms`);
    console.log(`   HTTP nearby, same spot         ${http.nearbySameSpot.rps} req/s  p99 ${http.nearbySameSpot.p99} ms  (${http.nearbySameSpot.percentOfBare} % of bare)`);
    console.log(`   HTTP nearby, random spots      ${http.nearbyRandomSpots.rps} req/s  p99 ${http.nearbyRandomSpots.p99} ms  (${http.nearbyRandomSpots.percentOfBare} % of bare)`);
  }
  return { rows: count, ...loaded, directory, cases, http };
}

async function withPostgres<T>(url: string, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const name = `xfqs_bench_${process.pid}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 });
  try {
    await handle.migrate();
    return await fn(handle);
  } finally {
    await handle.close();
    if (!flag('keep')) await admin.query(`drop database if exists "${name}" with (force)`);
    else console.log(`   kept database ${name}`);
    await admin.end();
  }
}

async function main() {
  const load1 = () => Math.round(os.loadavg()[0] * 100) / 100;
  console.log(`stations-nearby: ${N.toLocaleString('en')} stations, ${Q} searches per case, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load1()}`);
  const result: Record<string, unknown> = {
    bench: 'stations-nearby',
    stations: N,
    states: STATES,
    queries: Q,
    autocannon: { seconds: DURATION, connections: CONNECTIONS },
    cpus: os.cpus().length,
    loadAverageAtStart: load1(),
  };
  if (PG_URL) result.postgres = await withPostgres(PG_URL, (h) => benchDatabase('PostgreSQL', h, PORT));
  else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL to include it)');
  if (!flag('skip-pglite')) {
    const handle = await openDatabase({});
    try {
      await handle.migrate();
      result.pglite = await benchDatabase('PGlite', handle, PORT + 2);
    } finally {
      await handle.close();
    }
  }
  result.loadAverageAtEnd = load1();
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
