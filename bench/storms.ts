/**
 * `pnpm bench storms`: the lunchtime storms of issue 10 against the real app over HTTP.
 *
 * The app (and a bare Fastify route as the reference) are served by this process; the load comes
 * from autocannon in a separate process (bench/_storm-load.mjs), on the same machine. Storms:
 *
 * - bare: the reference route, measured in the same run;
 * - signin: R riders sign in once each by dev login (POST /auth/dev);
 * - checkin@C: R riders check in to one activity, each once and then once more (the retry answers
 *   `duplicate: true`), C requests in flight (default 50, 200, 500; a fresh activity per level);
 * - nearby: GET /stations/nearby at 2,000 random spots over S stations, next to the bare route;
 *   (before check-in and nearby, S stations with two gifts each are seeded: a province's catalogue,
 *   so a check-in's "did this stamp reach a gift" runs against 2S gifts, not the demo's ten)
 * - stock: 200 riders make a redemption of a reward with 50 in stock, then 5 staff fulfil every
 *   code at once (each code presented twice): exactly 50 fulfilled, the rest OUT_OF_STOCK/ALREADY_FULFILLED;
 * - applications: A riders apply (walk-in), then admins approve them one by one while a bulk approve
 *   runs over an overlapping half: every application approved once, member numbers gap-free.
 *
 * Each storm prints req/s, p50/p99 latency, error counts (network errors, timeouts, 5xx, and any
 * status the storm does not expect), the CPU time per request of the API (process.cpuUsage()
 * of this process, which serves the app, split into user and system), of the load generator (its
 * own process) and of PostgreSQL (every process of a local cluster, from /proc), the machine's load
 * average, and afterwards the invariants (packages/db/src/invariants.ts). The last line is JSON.
 *
 * Database: PostgreSQL from BENCH_DATABASE_URL / DATABASE_URL (a database `xfqs_storm_<pid>` is
 * created and dropped), else a throwaway cluster (scripts/pg-throwaway.sh, port PGTEST_PORT);
 * `--pglite` uses embedded PGlite in memory instead.
 *
 * Options: --pglite, --riders R (2000), --inflight 50,200,500, --stations S (20000), --spots 2000,
 * --duration D (seconds for bare/nearby, 5), --applications A (6000), --only signin,checkin,…,
 * --pool N (PostgreSQL pool size, default the app's), --max-in-flight N (MAX_IN_FLIGHT; default the
 * app's: 64 on PGlite, none on PostgreSQL), --log-level L (info: log lines are written
 * to /dev/null, so their cost counts), --profile DIR (CPU profile per storm, top self-time functions
 * printed; slows the server down, so take figures from a run without it), --warmup N (1000 sign-ins
 * and 2N check-ins of other riders before measuring, as on a server that has been running; 0: cold), --keep,
 * --front URL (send the storms through a proxy in front of the app's port, --port, default 3431).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { idCardCheckChar, rotatingToken, rotationStep } from '../packages/domain/src';
import {
  activities,
  checkInvariants,
  membershipApplications,
  openDatabase,
  orgs,
  rewards,
  seedDemoData,
  stampLedger,
  stationHoursColumns,
  stations,
  users,
  type DatabaseHandle,
  type InvariantReport,
} from '../packages/db/src';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { grantRole } from '../apps/api/src/features/orgs/grants';
import { stationOrgOf } from '../apps/api/src/features/orgs/scope';
import { generateStations, reseed, riderPositions } from './_stations-data';
import { startProfile, type ProfileSummary } from './_profile';

const root = path.resolve(__dirname, '..');
const apiRequire = createRequire(path.join(root, 'apps/api/package.json'));
const { sql, eq, inArray, and, like } = apiRequire('drizzle-orm') as typeof import('drizzle-orm');
const { Client } = apiRequire('pg') as typeof import('pg');
const Fastify = apiRequire('fastify') as typeof import('fastify').default;

// ---------------------------------------------------------------------------------------------
// options

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer`);
  return n;
}
const text = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const flag = (name: string) => process.argv.includes(`--${name}`);

const PGLITE = flag('pglite');
const RIDERS = option('riders', 2000);
const INFLIGHT = text('inflight', '50,200,500').split(',').map(Number);
/** A proxy in front of the app's port (e.g. an nginx with `proxy_pass http://127.0.0.1:3431`): the storms go through it. */
const FRONT = text('front', '');
const STATIONS = option('stations', 20_000);
const SPOTS = option('spots', 2000);
const DURATION = option('duration', 5);
const APPLICATIONS = option('applications', 6000);
const POOL = process.argv.includes('--pool') ? option('pool', 10) : undefined;
const LOG_LEVEL = text('log-level', 'info');
const PROFILE_DIR = process.argv.includes('--profile') ? path.resolve(text('profile', 'bench-profiles')) : undefined;
const ONLY = process.argv.includes('--only') ? new Set(text('only', '').split(',')) : undefined;
const runs = (name: string) => !ONLY || ONLY.has(name);
const PORT = option('port', 3431);
const MAX_IN_FLIGHT = text('max-in-flight', '');
const WARMUP = process.argv.includes('--warmup') ? Number(text('warmup', '0')) : 1000;

// ---------------------------------------------------------------------------------------------
// measuring

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  requests: number;
  seconds: number;
  /** The load generator's own CPU per request, ms. */
  cpuMsPerRequest: number;
  /** Latency per status, ms (e.g. admitted 201 vs shed 503). */
  byStatus?: Record<string, LatencySummary>;
  /** Latency of each connection's first request, and of the requests on connections already open. */
  byConnection?: { first?: LatencySummary; established?: LatencySummary };
}
interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}
interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}
type Reply = { i: number; status: number; body: string };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-storm-'));
let specNo = 0;

/** Runs the load generator once; resolves with its figures (and the responses when asked). */
function load(spec: { url: string; connections: number; requests?: Request[]; paths?: string[]; duration?: number }, keepBodies = false) {
  const file = path.join(tmp, `spec-${++specNo}.json`);
  const bodies = keepBodies ? path.join(tmp, `bodies-${specNo}.jsonl`) : undefined;
  fs.writeFileSync(file, JSON.stringify({ ...spec, bodies }));
  return new Promise<{ result: LoadResult; replies: Reply[] }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '_storm-load.mjs'), file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      const result = JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
      const replies = bodies ? fs.readFileSync(bodies, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Reply) : [];
      resolve({ result, replies });
    });
  });
}

interface StormFigures {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Network errors + timeouts + 5xx other than 503 + statuses the storm does not expect. */
  errors: number;
  /** 503 UNAVAILABLE with Retry-After: requests the admission control turned away (MAX_IN_FLIGHT). */
  shed: number;
  statusCodes: Record<string, number>;
  byStatus?: LoadResult['byStatus'];
  byConnection?: LoadResult['byConnection'];
  /** The serving process's event-loop delay during the storm (perf_hooks.monitorEventLoopDelay). */
  eventLoopDelayMs: { p99: number; max: number };
  /** API process CPU (user + system) per request, ms. */
  cpuMsPerRequest: number;
  /** The load generator's CPU per request, ms (same machine: it takes from the same cores). */
  loadGeneratorCpuMsPerRequest: number;
  /** The API process's CPU split into user and kernel (system) time, ms per request. */
  apiCpuSplit: { user: number; system: number };
  /** PostgreSQL's CPU per request, ms: every process of the local cluster (undefined on PGlite or a remote server). */
  databaseCpuMsPerRequest?: number;
  loadAverage: number[];
  profile?: ProfileSummary;
}

/** One measured storm: CPU of this process (the server) and, with --profile, a CPU profile around it. */
async function measure(name: string, expected: number[], run: () => Promise<{ result: LoadResult; replies: Reply[] }>) {
  const stop = PROFILE_DIR ? await startProfile(PROFILE_DIR, `${PGLITE ? 'pglite' : 'postgres'}-${name}`) : undefined;
  const cpu = process.cpuUsage();
  const databaseCpuAtStart = clusterCpuMs();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const { result, replies } = await run();
  loopDelay.disable();
  const used = process.cpuUsage(cpu);
  const databaseCpu = databaseCpuAtStart === undefined ? undefined : clusterCpuSince(databaseCpuAtStart);
  const profile = stop ? await stop() : undefined;
  const shed = result.statusCodes['503'] ?? 0;
  const unexpected = Object.entries(result.statusCodes)
    .filter(([code]) => !expected.includes(Number(code)) && code !== '503')
    .reduce((sum, [, n]) => sum + n, 0);
  const figures: StormFigures = {
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    max: result.max,
    requests: result.requests,
    errors: result.errors + result.timeouts + unexpected,
    shed,
    statusCodes: result.statusCodes,
    ...(result.byStatus ? { byStatus: result.byStatus } : {}),
    ...(result.byConnection?.established ? { byConnection: result.byConnection } : {}),
    cpuMsPerRequest: round((used.user + used.system) / 1000 / Math.max(1, result.requests)),
    loadGeneratorCpuMsPerRequest: result.cpuMsPerRequest,
    apiCpuSplit: { user: round(used.user / 1000 / Math.max(1, result.requests)), system: round(used.system / 1000 / Math.max(1, result.requests)) },
    ...(databaseCpu === undefined ? {} : { databaseCpuMsPerRequest: round(databaseCpu / Math.max(1, result.requests)) }),
    eventLoopDelayMs: { p99: round(loopDelay.percentile(99) / 1e6, 1), max: round(loopDelay.max / 1e6, 1) },
    loadAverage: loadAverage(),
    ...(profile ? { profile } : {}),
  };
  const codes = Object.entries(result.statusCodes).map(([c, n]) => `${c}×${n}`).join(' ');
  console.log(
    `   ${name.padEnd(18)} ${String(figures.rps).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  max ${figures.max} ms  ` +
      `errors ${figures.errors}  shed ${shed}  [${codes}]  CPU ${figures.cpuMsPerRequest} ms/req (user ${figures.apiCpuSplit.user} + system ${figures.apiCpuSplit.system}; load generator ${figures.loadGeneratorCpuMsPerRequest}` +
      `${figures.databaseCpuMsPerRequest === undefined ? '' : `; PostgreSQL ${figures.databaseCpuMsPerRequest}`})  ` +
      `loop delay p99 ${figures.eventLoopDelayMs.p99} / max ${figures.eventLoopDelayMs.max} ms  load ${figures.loadAverage.join(' ')}`,
  );
  if (result.byStatus && Object.keys(result.byStatus).length > 1) {
    console.log(`      by status: ${Object.entries(result.byStatus).map(([c, l]) => `${c} p50 ${l.p50} / p99 ${l.p99} / max ${l.max} ms`).join(';  ')}`);
  }
  const { first, established } = result.byConnection ?? {};
  if (first && established) {
    console.log(
      `      by connection: first request on each of ${first.n} new connections p50 ${first.p50} / p99 ${first.p99} / max ${first.max} ms;  ` +
        `${established.n} on open connections p50 ${established.p50} / p99 ${established.p99} / max ${established.max} ms`,
    );
  }
  if (profile) {
    console.log(`      profile ${profile.file}: ${profile.byPackage.slice(0, 8).map((p) => `${p.pkg} ${p.selfPct}%`).join(', ')}`);
    for (const f of profile.topFunctions.slice(0, 10)) console.log(`        ${String(f.selfPct).padStart(5)}%  ${f.fn}`);
  }
  return { figures, replies };
}

// ---------------------------------------------------------------------------------------------
// database

/** The local cluster's postmaster, found once the database is open (undefined on PGlite or a server elsewhere). */
let postmasterPid: number | undefined;
const CLOCK_TICKS_PER_MS = 100 / 1000; // Linux reports utime/stime in USER_HZ, 100 per second

async function findPostmaster(url: string) {
  if (process.platform !== 'linux') return;
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ dir: string }>(`select setting as dir from pg_settings where name = 'data_directory'`);
    const pid = Number(fs.readFileSync(path.join(rows[0].dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (fs.existsSync(`/proc/${pid}/stat`)) postmasterPid = pid;
  } catch {
    // not local, or not readable: the figure is left out
  } finally {
    await c.end();
  }
}

/** CPU (user + system) so far of the postmaster and each of its children, ms by process id. */
function clusterCpuMs(): Map<number, number> | undefined {
  if (postmasterPid === undefined) return undefined;
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // fields after the command name (which may contain spaces): state ppid … utime(14) stime(15)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    if (pid === postmasterPid || Number(fields[1]) === postmasterPid) byPid.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_MS);
  }
  return byPid;
}

/** The cluster's CPU between two readings, ms: processes alive at the end (one that exited in between is not counted). */
function clusterCpuSince(start: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of clusterCpuMs() ?? []) ms += now - (start.get(pid) ?? 0);
  return ms;
}

/** BENCH_DATABASE_URL / DATABASE_URL, else a throwaway cluster on PGTEST_PORT, stopped afterwards only if this run started it. */
async function postgresUrl(): Promise<{ url: string; stopCluster?: () => void }> {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (given) return { url: given };
  const port = process.env.PGTEST_PORT ?? '54329';
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  const running = await probe.connect().then(() => true, () => false);
  await probe.end().catch(() => undefined);
  if (running) return { url };
  const script = path.join(root, 'scripts/pg-throwaway.sh');
  const started = spawnSync(script, ['start', port], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`no BENCH_DATABASE_URL and no throwaway cluster: ${started.stderr}`);
  return {
    url: started.stdout.trim(),
    stopCluster: () => {
      spawnSync(script, ['stop', port]);
      fs.rmSync(process.env.PGTEST_DIR ?? `/tmp/xfqs-pg-${port}`, { recursive: true, force: true });
    },
  };
}

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (PGLITE) {
    const handle = await openDatabase({});
    return { handle, drop: async () => undefined };
  }
  const { url, stopCluster } = await postgresUrl();
  const name = `xfqs_storm_${process.pid}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: dbUrl.toString(), poolSize: POOL });
  await findPostmaster(url);
  const drop = async () => {
    process.off('SIGINT', dropAndExit).off('SIGTERM', dropAndExit);
    if (flag('keep')) return console.log(`kept database ${dbUrl}`);
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
    stopCluster?.();
  };
  // A run stopped early (Ctrl-C, `timeout`) drops its database too, else each leaves one behind.
  const dropAndExit = (signal: NodeJS.Signals) => {
    console.error(`${signal}: dropping ${name}`);
    void drop().finally(() => process.exit(128 + os.constants.signals[signal]));
  };
  process.once('SIGINT', dropAndExit).once('SIGTERM', dropAndExit);
  return { handle, drop };
}

/** Riders as rows (openid prefix + number), created if missing; returns their ids in order. */
async function riders(handle: DatabaseHandle, prefix: string, n: number): Promise<string[]> {
  const openids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  for (let i = 0; i < n; i += 1000) {
    await handle.db.insert(users).values(openids.slice(i, i + 1000).map((openid) => ({ openid }))).onConflictDoNothing();
  }
  const rows = await handle.db.select({ id: users.id, openid: users.openid }).from(users).where(like(users.openid, `${prefix}-%`));
  const byOpenid = new Map(rows.map((r) => [r.openid, r.id]));
  return openids.map((o) => byOpenid.get(o)!);
}

// ---------------------------------------------------------------------------------------------
// storms

interface Context {
  app: FastifyInstance;
  handle: DatabaseHandle;
  url: string;
  clock: { at?: Date; now(): Date };
  orgId: string;
  bearer: (userId: string) => Record<string, string>;
}

async function signinStorm(ctx: Context) {
  const requests = Array.from({ length: RIDERS }, (_, i) => ({ method: 'POST', path: '/api/v1/auth/dev', body: { openid: `storm-rider-${i}` } }));
  const { figures } = await measure('signin', [200], () => load({ url: ctx.url, connections: 100, requests }));
  const [{ n }] = (await ctx.handle.db.select({ n: sql<number>`count(*)::int` }).from(users).where(like(users.openid, 'storm-rider-%')));
  return { ...figures, invariants: { usersCreated: n, expected: RIDERS } };
}

/**
 * An activity open now and every rider's check-in to it twice (the retry), with the app's clock
 * held at one instant for the storm, so a slow run never outlives the token; `release` lets the clock go.
 */
async function checkinRequests(ctx: Context, title: string, riderIds: string[]) {
  const now = new Date();
  const [activity] = await ctx.handle.db
    .insert(activities)
    .values({
      orgId: ctx.orgId,
      title,
      kind: 'volunteer',
      startsAt: new Date(now.getTime() - 3600_000),
      endsAt: new Date(now.getTime() + 3600_000),
      stamps: 1,
      secret: randomBytes(32).toString('base64url'),
    })
    .returning({ id: activities.id, secret: activities.secret });
  ctx.clock.at = now;
  const token = await rotatingToken(activity.secret, rotationStep(now));
  const one = (userId: string) => ({ method: 'POST', path: `/api/v1/activities/${activity.id}/checkins`, headers: ctx.bearer(userId), body: { token } });
  return { activityId: activity.id, requests: [...riderIds.map(one), ...riderIds.map(one)], release: () => (ctx.clock.at = undefined) };
}

async function checkinStorm(ctx: Context, inflight: number) {
  const riderIds = await riders(ctx.handle, 'storm-rider', RIDERS);
  const { activityId, requests, release } = await checkinRequests(ctx, `午间签到风暴 ${inflight}`, riderIds);
  try {
    const { figures } = await measure(`checkin@${inflight}`, [200, 201], () => load({ url: ctx.url, connections: inflight, requests }));
    const [stamps] = await ctx.handle.db
      .select({ rows: sql<number>`count(*)::int`, riders: sql<number>`count(distinct ${stampLedger.userId})::int` })
      .from(stampLedger)
      .where(and(eq(stampLedger.source, 'activity'), eq(stampLedger.sourceId, activityId)));
    return {
      ...figures,
      created: figures.statusCodes['201'] ?? 0,
      duplicates: figures.statusCodes['200'] ?? 0,
      // Every 201 made exactly one stamp and nobody holds two; riders whose both tries were shed (503) hold none.
      invariants: {
        stamps: stamps.rows,
        ridersStamped: stamps.riders,
        riders: RIDERS,
        oneStampPerRider: stamps.rows === stamps.riders && stamps.rows === (figures.statusCodes['201'] ?? 0),
      },
    };
  } finally {
    release();
  }
}

/**
 * A server at lunchtime has been running for hours: its code is compiled by the JIT and its pool
 * is open. Before the storms are measured, `--warmup N` (1000; 0 for a cold start) sign-ins and
 * check-ins of other riders to another activity run and are not counted.
 */
async function warmUp(ctx: Context) {
  const started = Date.now();
  const signins = Array.from({ length: WARMUP }, (_, i) => ({ method: 'POST', path: '/api/v1/auth/dev', body: { openid: `warmup-rider-${i}` } }));
  await load({ url: ctx.url, connections: 50, requests: signins });
  const riderIds = await riders(ctx.handle, 'warmup-rider', WARMUP);
  const { requests, release } = await checkinRequests(ctx, '预热', riderIds);
  try {
    await load({ url: ctx.url, connections: 50, requests });
  } finally {
    release();
  }
  console.log(`   (warm-up: ${WARMUP} sign-ins and ${2 * WARMUP} check-ins of other riders in ${((Date.now() - started) / 1000).toFixed(1)} s, not counted)`);
}

async function bareRoute(ctx: { bareUrl: string }) {
  const { figures } = await measure('bare', [200], () => load({ url: ctx.bareUrl, connections: 10, paths: ['/bare'], duration: DURATION }));
  return figures;
}

/**
 * A province's catalogue before any storm: S stations, each with two gifts in stock (5–30 stamps),
 * so a check-in's "did this stamp reach a gift" and nearby both run against national-scale tables.
 */
async function seedCatalogue(ctx: Context) {
  const [org] = await ctx.handle.db.insert(orgs).values({ name: '风暴基准工会', kind: 'district', path: '/storm/', code: 'STORM' }).returning({ id: orgs.id });
  reseed(20261125);
  const rows = generateStations(org.id, STATIONS);
  for (let i = 0; i < rows.length; i += 2000) {
    const ids = await ctx.handle.db.insert(stations).values(rows.slice(i, i + 2000)).returning({ id: stations.id });
    const gifts = ids.flatMap(({ id }, k) => [
      { stationId: id, name: '雨衣', cost: 5 + (k % 6) * 5, stock: 20 },
      { stationId: id, name: '保温杯', cost: 10 + (k % 5) * 5, stock: 20 },
    ]);
    await ctx.handle.db.insert(rewards).values(gifts);
  }
  await ctx.handle.db.execute(sql`analyze stations`);
  await ctx.handle.db.execute(sql`analyze rewards`);
}

async function nearbyStorm(ctx: Context & { bareUrl: string }) {
  reseed(777);
  const paths = riderPositions(SPOTS).map((p) => `/api/v1/stations/nearby?lat=${p.lat}&lng=${p.lng}&limit=10`);
  const bare = await bareRoute(ctx);
  const { figures } = await measure('nearby', [200], () => load({ url: ctx.url, connections: 10, paths, duration: DURATION }));
  return { bare, nearby: { ...figures, percentOfBare: round((figures.rps / bare.rps) * 100, 1) } };
}

async function stockStorm(ctx: Context) {
  const STOCK = 50;
  const riderIds = await riders(ctx.handle, 'storm-stock', 200);
  const [station] = await ctx.handle.db
    .insert(stations)
    .values({ ...generateStations(ctx.orgId, 1)[0], ...stationHoursColumns({ weekly: [], alwaysOpen: true }), status: 'active', externalCode: 'STORM-STOCK' })
    .returning({ id: stations.id });
  const [reward] = await ctx.handle.db.insert(rewards).values({ stationId: station.id, name: '午餐券', cost: 3, stock: STOCK }).returning({ id: rewards.id });
  const now = new Date();
  await ctx.handle.db
    .insert(stampLedger)
    .values(riderIds.map((userId) => ({ userId, orgId: ctx.orgId, kind: 'earn' as const, source: 'report' as const, sourceId: randomUUID(), amount: 5, title: '基准积分', at: now })));
  const staff: string[] = [];
  for (let i = 0; i < 5; i++) {
    await grantRole(ctx.handle.db, null, { openid: `storm-staff-${i}`, role: 'station_staff', stationId: station.id }, stationOrgOf);
    staff.push((await ctx.handle.db.select({ id: users.id }).from(users).where(eq(users.openid, `storm-staff-${i}`)))[0].id);
  }
  const create = await measure('stock:redeem', [201, 409], () =>
    load({ url: ctx.url, connections: 200, requests: riderIds.map((id) => ({ method: 'POST', path: '/api/v1/redemptions', headers: ctx.bearer(id), body: { stationId: station.id, rewardId: reward.id } })) }, true),
  );
  const codes = create.replies.filter((r) => r.status === 201).map((r) => (JSON.parse(r.body) as { code: string }).code);
  // Every code presented twice, by different staff, interleaved so twins race.
  const fulfil = codes.flatMap((code, i) => [0, 1].map((k) => ({ method: 'POST', path: '/api/v1/redemptions/fulfill', headers: ctx.bearer(staff[(i + k) % 5]), body: { code } })));
  const fulfilled = await measure('stock:fulfil', [200, 409], () => load({ url: ctx.url, connections: 50, requests: fulfil }));
  const [left] = await ctx.handle.db.select({ stock: rewards.stock }).from(rewards).where(eq(rewards.id, reward.id));
  return {
    redeem: create.figures,
    fulfil: fulfilled.figures,
    invariants: { initialStock: STOCK, stockLeft: left.stock, fulfilled: fulfilled.figures.statusCodes['200'] ?? 0, rewardId: reward.id },
  };
}

function idCard(n: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 10_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `110105${birth}${String(Math.floor(n / 10_000) + 100).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

async function applicationStorm(ctx: Context) {
  const riderIds = await riders(ctx.handle, 'storm-applicant', APPLICATIONS);
  const body = (i: number) => ({
    orgId: ctx.orgId,
    realName: '张三',
    phone: `139${String(10_000_000 + i).padStart(8, '0')}`,
    idCardNumber: idCard(i),
    platform: 'meituan',
    occupation: 'food_delivery',
    workArea: '卢沟桥街道',
    consent: true,
  });
  const apply = await measure('applications', [201], () =>
    load({ url: ctx.url, connections: 200, requests: riderIds.map((id, i) => ({ method: 'POST', path: '/api/v1/membership/applications', headers: ctx.bearer(id), body: body(i) })) }),
  );
  const pending = await ctx.handle.db
    .select({ id: membershipApplications.id })
    .from(membershipApplications)
    .where(and(inArray(membershipApplications.userId, riderIds), eq(membershipApplications.status, 'pending')));
  const ids = pending.map((p) => p.id);
  const admins: string[] = [];
  for (let i = 0; i < 3; i++) {
    await grantRole(ctx.handle.db, null, { openid: `storm-admin-${i}`, role: 'org_admin', orgId: ctx.orgId }, stationOrgOf);
    admins.push((await ctx.handle.db.select({ id: users.id }).from(users).where(eq(users.openid, `storm-admin-${i}`)))[0].id);
  }
  // One by one: the first 60 %; in bulk (100 ids a request): the last 60 % — a fifth of them twice, at once.
  const cut = Math.floor(ids.length * 0.4);
  const single = ids.slice(0, ids.length - cut).map((id, i) => ({ method: 'POST', path: `/api/v1/membership/applications/${id}/approve`, headers: ctx.bearer(admins[i % 2]) }));
  const bulkIds = ids.slice(cut);
  const bulk = Array.from({ length: Math.ceil(bulkIds.length / 100) }, (_, i) => ({
    method: 'POST',
    path: '/api/v1/membership/applications/approve',
    headers: ctx.bearer(admins[2]),
    body: { ids: bulkIds.slice(i * 100, i * 100 + 100) },
  }));
  const [one, many] = await Promise.all([
    measure('approve:single', [200, 409], () => load({ url: ctx.url, connections: 50, requests: single })),
    measure('approve:bulk', [200], () => load({ url: ctx.url, connections: 4, requests: bulk })),
  ]);
  const [counts] = await ctx.handle.db
    .select({ approved: sql<number>`count(*) filter (where ${membershipApplications.status} = 'approved')::int`, all: sql<number>`count(*)::int` })
    .from(membershipApplications)
    .where(inArray(membershipApplications.userId, riderIds));
  return { apply: apply.figures, approveSingle: one.figures, approveBulk: many.figures, invariants: { applications: counts.all, approved: counts.approved, expected: APPLICATIONS } };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  console.log(`storms on ${PGLITE ? 'PGlite (embedded)' : 'PostgreSQL'}: ${RIDERS} riders, in flight ${INFLIGHT.join('/')}; load average ${loadAverage().join(' ')}, ${os.cpus().length} CPUs`);
  const { handle, drop } = await openBenchDatabase();
  const logFd = fs.openSync('/dev/null', 'w');
  const clock = { at: undefined as Date | undefined, now() { return this.at ?? new Date(); } };
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ items: [{ id: 'x', name: '驿站', distanceM: 120 }] }));
  await bare.listen({ port: PORT + 1, host: '127.0.0.1' });
  let app: FastifyInstance | undefined;
  try {
    await handle.migrate();
    await seedDemoData(handle.db);
    const config = loadConfig({
      NODE_ENV: 'development',
      DEV_LOGIN: 'true',
      // every simulated rider comes from 127.0.0.1: the per-address limits would count them as one
      AUTH_RATE_LIMIT: '1000000',
      NEARBY_RATE_LIMIT: '1000000',
      LOG_LEVEL,
      MAX_IN_FLIGHT,
    });
    app = await buildApp(config, { database: handle, clock, logStream: { write: (line: string) => fs.writeSync(logFd, line) } as unknown as NodeJS.WritableStream });
    await app.listen({ port: PORT, host: '127.0.0.1' });
    const [org] = await handle.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'LGQ'));
    const signer = app;
    const ctx: Context & { bareUrl: string } = {
      app,
      handle,
      url: FRONT || `http://127.0.0.1:${PORT}`,
      bareUrl: `http://127.0.0.1:${PORT + 1}`,
      clock,
      orgId: org.id,
      bearer: (userId) => ({ authorization: `Bearer ${signer.jwt.sign({ sub: userId, typ: 'access' })}` }),
    };
    if (runs('checkin') || runs('nearby')) await seedCatalogue(ctx);
    if (WARMUP > 0) await warmUp(ctx);
    const out: Record<string, unknown> = {};
    if (runs('bare')) out.bare = await bareRoute(ctx);
    if (runs('signin')) out.signin = await signinStorm(ctx);
    if (runs('checkin')) for (const c of INFLIGHT) out[`checkin@${c}`] = await checkinStorm(ctx, c);
    if (runs('nearby')) out.nearby = await nearbyStorm(ctx);
    if (runs('stock')) out.stock = await stockStorm(ctx);
    if (runs('applications')) out.applications = await applicationStorm(ctx);
    const initialStock = (out.stock as { invariants?: { rewardId: string; initialStock: number } } | undefined)?.invariants;
    const invariants: InvariantReport = await checkInvariants(handle.db, initialStock ? { initialStock: { [initialStock.rewardId]: initialStock.initialStock } } : {});
    console.log(`   invariants: ${JSON.stringify(invariants)}`);
    const bareRps = (out.bare as StormFigures | undefined)?.rps;
    if (bareRps) {
      for (const [k, v] of Object.entries(out)) {
        if (k.startsWith('checkin@') || k === 'signin') (v as Record<string, unknown>).percentOfBare = round(((v as StormFigures).rps / bareRps) * 100, 1);
      }
    }
    console.log(
      JSON.stringify({
        bench: 'storms',
        database: PGLITE ? 'pglite' : 'postgres',
        startedAt: started.toISOString(),
        cpus: os.cpus().length,
        riders: RIDERS,
        logLevel: LOG_LEVEL,
        ...out,
        invariants,
      }),
    );
    if (!invariants.ok) process.exitCode = 1;
  } finally {
    await app?.close();
    await bare.close();
    await handle.close();
    await drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
