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
import { SERVICE_KEYS, type ServiceKey, type StationKind } from '../packages/domain/src';
import { openDatabase, orgs, rowsOf, serviceIndexName, stationHoursColumns, stations, stationStates, type DatabaseHandle, type OpeningHours } from '../packages/db/src';
import { findNearby, nearbyIsPrepared, nearbyQuery, nearbyStatement, type NearbyParams } from '../apps/api/src/features/stations/nearby';
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
const BASELINE = option('baseline-queries', 100);
const DURATION = option('duration', 8);
const CONNECTIONS = option('connections', 10);
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
/** Live station states present (closed, hot water or charging paused, a note); a quarter already over. */
const STATES = option('states', Math.max(1, Math.round(N / 100)));
/** HTTP ports: PostgreSQL's run on PORT, PGlite's on PORT + 2. */
const PORT = option('port', 3201);

// ---------------------------------------------------------------------------------------------
// data: a seeded PRNG so both databases and every run get the same stations and riders

let seed = 20261125;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

/** [name, lat, lng, population in millions] (approximate city centres). */
const CITIES: Array<[string, number, number, number]> = [
  ['上海', 31.23, 121.47, 24.9], ['北京', 39.9, 116.4, 21.9], ['成都', 30.66, 104.07, 21], ['广州', 23.13, 113.26, 18.7],
  ['深圳', 22.54, 114.06, 17.6], ['重庆', 29.56, 106.55, 15], ['天津', 39.13, 117.2, 13.9], ['武汉', 30.59, 114.31, 13.6],
  ['西安', 34.34, 108.94, 13], ['苏州', 31.3, 120.59, 12.9], ['郑州', 34.75, 113.63, 12.8], ['杭州', 30.27, 120.16, 12.4],
  ['石家庄', 38.04, 114.51, 11], ['保定', 38.87, 115.46, 11], ['临沂', 35.1, 118.36, 11], ['东莞', 23.02, 113.75, 10.5],
  ['长沙', 28.23, 112.94, 10.4], ['青岛', 36.07, 120.38, 10.3], ['哈尔滨', 45.8, 126.53, 9.9], ['佛山', 23.02, 113.12, 9.6],
  ['合肥', 31.82, 117.23, 9.6], ['温州', 28.0, 120.7, 9.6], ['南京', 32.06, 118.8, 9.5], ['济南', 36.65, 117.12, 9.4],
  ['宁波', 29.87, 121.54, 9.4], ['潍坊', 36.71, 119.16, 9.4], ['邯郸', 36.61, 114.49, 9.4], ['沈阳', 41.8, 123.43, 9.1],
  ['长春', 43.82, 125.32, 9], ['徐州', 34.26, 117.18, 9], ['赣州', 25.83, 114.93, 9], ['南宁', 22.82, 108.32, 8.8],
  ['泉州', 24.87, 118.68, 8.8], ['昆明', 25.04, 102.71, 8.5], ['福州', 26.07, 119.3, 8.4], ['唐山', 39.63, 118.18, 7.7],
  ['南通', 31.98, 120.89, 7.7], ['大连', 38.91, 121.61, 7.5], ['无锡', 31.49, 120.31, 7.5], ['洛阳', 34.62, 112.45, 7],
  ['烟台', 37.46, 121.45, 7], ['南昌', 28.68, 115.86, 6.4], ['贵阳', 26.65, 106.63, 6], ['汕头', 23.35, 116.68, 5.5],
  ['太原', 37.87, 112.55, 5.4], ['襄阳', 32.01, 112.12, 5.3], ['厦门', 24.48, 118.09, 5.2], ['绵阳', 31.47, 104.68, 4.9],
  ['兰州', 36.06, 103.83, 4.4], ['柳州', 24.33, 109.42, 4.2], ['乌鲁木齐', 43.83, 87.62, 4], ['宜昌', 30.69, 111.29, 4],
  ['株洲', 27.83, 113.13, 3.9], ['呼和浩特', 40.84, 111.75, 3.5], ['海口', 20.04, 110.34, 2.9], ['银川', 38.49, 106.23, 2.9],
  ['大庆', 46.59, 125.1, 2.8], ['包头', 40.66, 109.84, 2.7], ['西宁', 36.62, 101.78, 2.5], ['珠海', 22.27, 113.58, 2.4],
  ['三亚', 18.25, 109.51, 1], ['拉萨', 29.65, 91.14, 0.9],
];
/** County towns: a thin tail spread over the populated east and centre. */
const TOWNS: Array<[string, number, number, number]> = Array.from({ length: 600 }, (_, i) => [`县城${i}`, 21 + random() * 25, 100 + random() * 24, 0.05]);
const TOWN_SHARE = 0.12;

const cityWeights = CITIES.map((c) => c[3]);
const cityTotal = cityWeights.reduce((a, b) => a + b, 0);
function pickPlace(): [string, number, number, number] {
  if (random() < TOWN_SHARE) return pick(TOWNS);
  let r = random() * cityTotal;
  for (const city of CITIES) if ((r -= city[3]) <= 0) return city;
  return CITIES[0];
}
/** A point around a place: Gaussian, σ grows with the city (≈ 13 km for Beijing, 3 km for a town). */
function around([, lat, lng, pop]: [string, number, number, number]) {
  const sigmaKm = pop < 0.1 ? 3 : 4 + 2 * Math.sqrt(pop);
  const dLat = (gaussian() * sigmaKm) / 111.2;
  const dLng = (gaussian() * sigmaKm) / (111.2 * Math.cos((lat * Math.PI) / 180));
  return { lat: +(lat + dLat).toFixed(6), lng: +(lng + dLng).toFixed(6) };
}

const HOURS: Array<[number, OpeningHours]> = [
  [0.2, { weekly: [], alwaysOpen: true }],
  [0.3, { weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] }],
  [0.25, { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '22:00' }] }],
  [0.1, { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '20:00', close: '06:00' }] }],
  [0.15, { weekly: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '20:00' }, { days: [6, 7], open: '10:00', close: '16:00' }] }],
];
const HOURS_COLUMNS = HOURS.map(([p, h]) => [p, stationHoursColumns(h)] as const);
const SERVICE_ODDS: Array<[ServiceKey, number]> = [
  ['hot_water', 0.9], ['charging', 0.8], ['rest_area', 0.6], ['microwave', 0.5], ['restroom', 0.4], ['umbrella_raincoat', 0.4],
  ['medical_kit', 0.35], ['wifi', 0.3], ['fridge', 0.25], ['air_pump', 0.2], ['sewing_kit', 0.2], ['reading', 0.15],
  ['meal_discount', 0.05], ['legal_aid', 0.03], ['counselling', 0.02], ['repair_discount', 0.02], ['haircut_discount', 0.01],
];
const KINDS: Array<[StationKind, number]> = [['union_station', 0.35], ['warm_station', 0.35], ['outdoor_worker_station', 0.2], ['partner_shop', 0.1]];
function weighted<T>(options: ReadonlyArray<readonly [number, T]> | ReadonlyArray<readonly [T, number]>, probabilityFirst: boolean): T {
  let r = random();
  for (const o of options) {
    const [p, v] = probabilityFirst ? (o as [number, T]) : [(o as [T, number])[1], (o as [T, number])[0]];
    if ((r -= p) <= 0) return v;
  }
  return probabilityFirst ? (options[0] as [number, T])[1] : (options[0] as [T, number])[0];
}

function generateStations(orgId: string, count = N) {
  return Array.from({ length: count }, (_, i) => {
    const place = pickPlace();
    return {
      orgId,
      kind: weighted(KINDS, false),
      name: `${place[0]}驿站${i}`,
      address: `${place[0]}某路${i % 500}号`,
      ...around(place),
      phone: '010-63812345',
      ...weighted(HOURS_COLUMNS, true),
      services: SERVICE_ODDS.filter(([, p]) => random() < p).map(([k]) => k),
      externalCode: `B${i}`,
      status: random() < 0.03 ? ('closed' as const) : ('active' as const),
    };
  });
}
const riderPositions = () => Array.from({ length: Q }, () => around(pickPlace()));

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
    const items = await findNearby(handle.db, { ...params, ...p });
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
  seed = 20261125; // same stations on every database
  const rows = generateStations(org.id);
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
  seed = 777; // same rider positions on every database
  const positions = riderPositions();

  // Steady state: the table and index pages the queries touch are in memory, as on a server in use.
  for (const p of positions) await findNearby(handle.db, { ...CASES.plain, ...p });

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
