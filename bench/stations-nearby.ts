/**
 * `pnpm bench stations-nearby` (also `pnpm bench:stations`): nearest-station search at national scale.
 *
 * 1. Generates N stations (default 200,000) clustered around ~60 Chinese cities by population,
 *    plus a thin tail of county towns, with realistic services (a rare one: legal_aid ≈ 3 %) and
 *    hours (24 h, overnight, weekday-only …); loads them into PGlite and, when BENCH_DATABASE_URL
 *    (or DATABASE_URL) is set, into a fresh database on that PostgreSQL server. The spatial indexes
 *    are built after the bulk insert, one by one: the build time and size of the location index and
 *    of each of the 17 per-service partial indexes are printed, and what they cost a writer
 *    (single-row INSERTs and services UPDATEs, without and with the service indexes).
 * 2. Runs Q (default 2,000) nearby queries per case from random rider positions through the
 *    service code the endpoint uses, one at a time: plain, a rare service, a rare and a common
 *    service, openNow at 03:00 (night: few stations open), and services+openNow together. Prints
 *    p50/p95/p99 in ms.
 * 3. Runs a sample of the same queries with EXPLAIN ANALYZE, with the indexes and as a naive full
 *    scan (index scans switched off), and prints the speed-up (server-side time, and the full
 *    scan against the index's whole round trip); for the shapes the endpoint runs as prepared
 *    statements, also the server time of that prepared statement (generic plan). A line starting
 *    with `==>` states the rare-service speed-up against the 100× target.
 * 4. Prints EXPLAIN ANALYZE of every case (which index each one walks).
 * 5. Serves the real app and a bare Fastify route in this process and loads both with
 *    autocannon from a separate process: req/s and p99, same spot and random spots.
 * The last line is one JSON object with all figures.
 *
 * Options: --stations N, --queries Q, --baseline-queries B (default 100; the full scans take a while), --duration S (autocannon
 * seconds per run, default 8), --connections C (default 10), --states S (live station states, default 1 % of the stations),
 * --port P (HTTP runs on P and P + 2, default 3201), --skip-pglite, --skip-http, --keep.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVICE_KEYS, type ServiceKey } from '../packages/domain/src';
import { generateStations, reseed, riderPositions, SERVICE_ODDS } from './_stations-data';
import { openDatabase, orgs, rowsOf, serviceIndexName, stations, stationStates, type DatabaseHandle } from '../packages/db/src';
import { findNearby, nearbyIsPrepared, nearbyQuery, nearbyStatement, type NearbyParams, type PreparedShapes } from '../apps/api/src/features/stations/nearby';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';

/** Built once, as an app's NearbyFinder does (the statement texts do not depend on the database). */
const preparedShapes: PreparedShapes = new Map();

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
const BASELINE = option('baseline-queries', 100);
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

async function timeQueries(handle: DatabaseHandle, positions: Array<{ lat: number; lng: number }>, params: Omit<NearbyParams, 'lat' | 'lng'>) {
  const samples: number[] = [];
  let found = 0;
  for (const p of positions) {
    const start = performance.now();
    const items = await findNearby(handle.db, { ...params, ...p }, preparedShapes);
    samples.push(performance.now() - start);
    found += items.length;
  }
  return { ...percentiles(samples), avgFound: Math.round((found / positions.length) * 10) / 10 };
}

/** Server-side execution time of the statement (EXPLAIN ANALYZE), optionally with index scans switched off. */
async function serverTimes(handle: DatabaseHandle, positions: Array<{ lat: number; lng: number }>, params: Omit<NearbyParams, 'lat' | 'lng'>, fullScan: boolean) {
  const samples: number[] = [];
  for (const p of positions) {
    const plan = await handle.db.transaction(async (tx) => {
      if (fullScan) {
        // What the same statement costs without the GiST index: a sequential scan and a sort.
        await tx.execute(sql`set local enable_indexscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
      }
      const rows = rowsOf<Record<string, unknown>>(await tx.execute(sql`explain (analyze, timing off, format json) ${nearbyQuery(tx, { ...params, ...p })}`));
      const json = Object.values(rows[0])[0];
      return (typeof json === 'string' ? JSON.parse(json) : json) as Array<{ 'Execution Time': number; 'Planning Time': number }>;
    });
    samples.push(plan[0]['Execution Time'] + plan[0]['Planning Time']);
  }
  return percentiles(samples);
}

async function explain(handle: DatabaseHandle, params: NearbyParams) {
  const rows = rowsOf<Record<string, string>>(await handle.db.execute(sql`explain (analyze, costs off, timing off, summary off) ${nearbyQuery(handle.db, params)}`));
  return rows.map((r) => `    ${Object.values(r)[0]}`).join('\n');
}

const literal = (v: unknown) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/**
 * Server time of the statement findNearby prepares (see nearbyIsPrepared), run as a
 * prepared statement with its generic plan, the way the endpoint runs it: PREPARE once on one
 * connection, then EXPLAIN ANALYZE EXECUTE per position (planning ≈ 0 after the first).
 * Also returns the generic plan's index for the first position.
 */
async function preparedServerTimes(handle: DatabaseHandle, positions: Array<{ lat: number; lng: number }>, params: Omit<NearbyParams, 'lat' | 'lng'>) {
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`prepare bench_nearby as ${nearbyStatement(tx, { ...params, ...positions[0] }).text}`));
    try {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      const execute = (p: { lat: number; lng: number }, options: string) =>
        sql.raw(`explain (${options}) execute bench_nearby(${nearbyStatement(tx, { ...params, ...p }).values.map(literal).join(', ')})`);
      const plan = rowsOf<Record<string, string>>(await tx.execute(execute(positions[0], 'costs off'))).map((r) => Object.values(r)[0]);
      const index = plan.map((line) => /Index Scan using (\S+)/.exec(line)?.[1]).find(Boolean) ?? plan.join(' / ');
      const samples: number[] = [];
      for (const p of positions) {
        const rows = rowsOf<Record<string, unknown>>(await tx.execute(execute(p, 'analyze, timing off, format json')));
        const json = Object.values(rows[0])[0];
        const [result] = (typeof json === 'string' ? JSON.parse(json) : json) as Array<{ 'Execution Time': number; 'Planning Time'?: number }>;
        samples.push(result['Execution Time'] + (result['Planning Time'] ?? 0));
      }
      return { ...percentiles(samples), index };
    } finally {
      await tx.execute(sql`deallocate bench_nearby`);
    }
  });
}

const LOCATION_INDEX = 'stations_active_location_gist';
const SERVICE_INDEXES = SERVICE_KEYS.map(serviceIndexName);
const WRITE_PROBE = 1_000;

const kib = (bytes: number) => Math.round(bytes / 1024);
async function indexBytes(handle: DatabaseHandle, names: string[]) {
  const rows = rowsOf<{ name: string; bytes: number }>(
    await handle.db.execute(sql`select c.relname as name, pg_relation_size(c.oid)::float8 as bytes from pg_class c where c.relkind = 'i' and c.relname in ${sql.raw(`(${names.map((n) => `'${n}'`).join(', ')})`)}`),
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
}

/**
 * What the indexes cost a writer: WRITE_PROBE single-row INSERTs (each its own statement and
 * transaction, as the API writes a station), then as many UPDATEs that change a station's services
 * (no HOT update: every index that holds the row gets a new entry), then the rows are deleted again.
 */
async function writeProbe(handle: DatabaseHandle, orgId: string, tag: string) {
  const probe = generateStations(orgId, WRITE_PROBE).map((r, i) => ({ ...r, externalCode: `W${tag}${i}` }));
  let start = performance.now();
  const ids: string[] = [];
  for (const row of probe) ids.push((await handle.db.insert(stations).values(row).returning({ id: stations.id }))[0].id);
  const insertMs = (performance.now() - start) / WRITE_PROBE;
  start = performance.now();
  for (const [i, id] of ids.entries()) {
    const services = SERVICE_ODDS.filter((_, j) => (i + j) % 3 === 0).map(([k]) => k);
    await handle.db.execute(sql`update stations set services = ${`{${services.join(',')}}`}::text[] where id = ${id}`);
  }
  const updateMs = (performance.now() - start) / WRITE_PROBE;
  await handle.db.execute(sql`delete from stations where external_code like ${`W${tag}%`}`);
  return { insertMs: ms(insertMs), updateServicesMs: ms(updateMs) };
}

async function load(handle: DatabaseHandle) {
  let start = performance.now();
  const [org] = await handle.db.insert(orgs).values({ name: '基准测试工会', kind: 'district', path: '/bench/', code: 'BENCH' }).returning({ id: orgs.id });
  reseed(20261125); // same stations on every database
  const rows = generateStations(org.id, N);
  // Bulk load without the spatial indexes, then build them one by one (timed).
  const indexes = rowsOf<{ indexname: string; indexdef: string }>(
    await handle.db.execute(sql`select indexname, indexdef from pg_indexes where tablename = 'stations' and indexname in ${sql.raw(`(${[LOCATION_INDEX, ...SERVICE_INDEXES].map((n) => `'${n}'`).join(', ')})`)}`),
  );
  const definition = new Map(indexes.map((ix) => [ix.indexname, ix.indexdef]));
  for (const name of [LOCATION_INDEX, ...SERVICE_INDEXES]) if (!definition.has(name)) throw new Error(`index ${name} is missing after migrating`);
  for (const ix of indexes) await handle.db.execute(sql.raw(`drop index ${ix.indexname}`));
  for (let i = 0; i < rows.length; i += 2000) await handle.db.insert(stations).values(rows.slice(i, i + 2000));
  const insertSeconds = (performance.now() - start) / 1000;

  const build = async (name: string) => {
    const t0 = performance.now();
    await handle.db.execute(sql.raw(definition.get(name)!));
    return performance.now() - t0;
  };
  const locationBuildMs = await build(LOCATION_INDEX);
  await handle.db.execute(sql`analyze stations`);
  const writesWithoutServiceIndexes = await writeProbe(handle, org.id, 'a');

  const serviceBuildMs: Record<string, number> = {};
  for (const name of SERVICE_INDEXES) serviceBuildMs[name] = await build(name);
  await handle.db.execute(sql`vacuum analyze stations`);
  const writesWithServiceIndexes = await writeProbe(handle, org.id, 'b');
  await handle.db.execute(sql`vacuum analyze stations`);

  const states = await loadStates(handle);

  start = performance.now();
  const bytes = await indexBytes(handle, [LOCATION_INDEX, ...SERVICE_INDEXES]);
  const tableBytes = Number(rowsOf<{ n: number }>(await handle.db.execute(sql`select pg_relation_size('stations')::float8 as n`))[0].n);
  const serviceBytes = SERVICE_INDEXES.reduce((sum, n) => sum + bytes[n], 0);
  const serviceSeconds = Object.values(serviceBuildMs).reduce((a, b) => a + b, 0) / 1000;
  return {
    insertSeconds: Math.round(insertSeconds * 10) / 10,
    tableKiB: kib(tableBytes),
    locationIndex: { buildSeconds: Math.round(locationBuildMs) / 1000, kib: kib(bytes[LOCATION_INDEX]) },
    serviceIndexes: {
      buildSeconds: Math.round(serviceSeconds * 10) / 10,
      kib: kib(serviceBytes),
      each: Object.fromEntries(SERVICE_KEYS.map((k) => [k, { buildSeconds: Math.round(serviceBuildMs[serviceIndexName(k)]) / 1000, kib: kib(bytes[serviceIndexName(k)]) }])),
    },
    writes: { withoutServiceIndexes: writesWithoutServiceIndexes, withServiceIndexes: writesWithServiceIndexes },
    states,
  };
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
  const mib = (k: number) => `${(k / 1024).toFixed(1)} MiB`;
  console.log(`   inserted ${count.toLocaleString('en')} rows in ${loaded.insertSeconds} s (table ${mib(loaded.tableKiB)})`);
  console.log(`   index stations_active_location_gist: built in ${loaded.locationIndex.buildSeconds} s, ${mib(loaded.locationIndex.kib)}`);
  console.log(`   17 per-service partial indexes:      built in ${loaded.serviceIndexes.buildSeconds} s, ${mib(loaded.serviceIndexes.kib)} together`);
  for (const [key, ix] of Object.entries(loaded.serviceIndexes.each)) console.log(`      ${key.padEnd(18)} ${String(ix.buildSeconds).padStart(6)} s ${mib(ix.kib).padStart(10)}`);
  const w = loaded.writes;
  console.log(
    `   writes (${WRITE_PROBE} single-row statements each): insert ${w.withoutServiceIndexes.insertMs} → ${w.withServiceIndexes.insertMs} ms, update services ${w.withoutServiceIndexes.updateServicesMs} → ${w.withServiceIndexes.updateServicesMs} ms (location index only → with the service indexes)`,
  );
  reseed(777); // same rider positions on every database
  const positions = riderPositions(Q);

  // Steady state: the table and index pages the queries touch are in memory, as on a server in use.
  for (const p of positions) await findNearby(handle.db, { ...CASES.plain, ...p }, preparedShapes);

  const cases: Record<string, ReturnType<typeof percentiles> & { avgFound: number }> = {};
  for (const [name, params] of Object.entries(CASES)) {
    cases[name] = await timeQueries(handle, positions, params);
    console.log(`   ${name.padEnd(20)} p50 ${cases[name].p50} ms  p95 ${cases[name].p95} ms  p99 ${cases[name].p99} ms  (round trip through the service, avg ${cases[name].avgFound} found, ${Q} queries)`);
  }

  const sample = positions.slice(0, BASELINE);
  const server: Record<string, ReturnType<typeof percentiles>> = {};
  const fullScan: Record<string, ReturnType<typeof percentiles>> = {};
  const prepared: Record<string, Awaited<ReturnType<typeof preparedServerTimes>>> = {};
  const speedUp: Record<string, { server: number; roundTrip: number; prepared?: number }> = {};
  for (const [name, params] of Object.entries(CASES)) {
    server[name] = await serverTimes(handle, sample, params, false);
    fullScan[name] = await serverTimes(handle, sample, params, true);
    speedUp[name] = { server: Math.round(fullScan[name].p50 / server[name].p50), roundTrip: Math.round(fullScan[name].p50 / cases[name].p50) };
    console.log(
      `   ${name.padEnd(20)} in the server (plan + execute): index p50 ${server[name].p50} ms, full scan p50 ${fullScan[name].p50} ms p99 ${fullScan[name].p99} ms → ${speedUp[name].server}× (${speedUp[name].roundTrip}× against the index round trip; ${BASELINE} queries)`,
    );
    if (nearbyIsPrepared(params)) {
      prepared[name] = await preparedServerTimes(handle, sample, params);
      speedUp[name].prepared = Math.round(fullScan[name].p50 / prepared[name].p50);
      console.log(`   ${''.padEnd(20)} as the prepared statement the endpoint runs (generic plan, ${prepared[name].index}): p50 ${prepared[name].p50} ms p99 ${prepared[name].p99} ms → ${speedUp[name].prepared}×`);
    }
  }

  const rare = speedUp.rareService.server;
  console.log(`   ==> rare service (legal_aid, 3 % of stations): ${rare}× faster than the full scan in the server (target ≥ 100×: ${rare >= 100 ? 'met' : 'NOT met'}); ${speedUp.rareService.roundTrip}× against the whole round trip`);

  for (const name of Object.keys(CASES)) {
    console.log(`   EXPLAIN ANALYZE ${name}:`);
    console.log(await explain(handle, { ...CASES[name], ...positions[0] }));
  }

  let http;
  if (!flag('skip-http')) {
    http = await measureHttp(handle, positions, port);
    console.log(`   HTTP bare Fastify route        ${http.bare.rps} req/s  p99 ${http.bare.p99} ms`);
    console.log(`   HTTP nearby, same spot         ${http.nearbySameSpot.rps} req/s  p99 ${http.nearbySameSpot.p99} ms  (${http.nearbySameSpot.percentOfBare} % of bare)`);
    console.log(`   HTTP nearby, random spots      ${http.nearbyRandomSpots.rps} req/s  p99 ${http.nearbyRandomSpots.p99} ms  (${http.nearbyRandomSpots.percentOfBare} % of bare)`);
  }
  return { rows: count, ...loaded, cases, server, prepared, fullScan, speedUp, http };
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
  console.log(`stations-nearby: ${N.toLocaleString('en')} stations, ${Q} queries per case, ${BASELINE} full-scan queries per case, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load1()}`);
  const result: Record<string, unknown> = {
    bench: 'stations-nearby',
    stations: N,
    states: STATES,
    queries: Q,
    baselineQueries: BASELINE,
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
