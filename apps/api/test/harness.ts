import type { FastifyInstance, InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { openDatabase, orgs, seedDemoData, type DatabaseHandle, type Db, type Role } from '@xfqs/db';
import { buildApp } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';
import { grantRole } from '../src/features/orgs/grants';
import { stationOrgOf } from '../src/features/orgs/scope';
import { openReplicaOf, openTestDatabase } from './setup/database';
import { PassThrough } from 'node:stream';

/** A clock tests can pin and move; it runs in real time until set. */
export class TestClock {
  private offsetMs = 0;
  private fixed?: number;
  now = (): Date => new Date(this.fixed ?? Date.now() + this.offsetMs);
  set(at: Date | string): void {
    this.fixed = new Date(at).getTime();
  }
  advance(ms: number): void {
    if (this.fixed !== undefined) this.fixed += ms;
    else this.offsetMs += ms;
  }
  release(): void {
    this.fixed = undefined;
    this.offsetMs = 0;
  }
}

export interface TestUser {
  userId: string;
  openid: string;
  token: string;
  refreshToken: string;
  /** `{ authorization: 'Bearer …' }` for inject(). */
  headers: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  raw: Buffer;
}

export interface TestApp {
  /** The app in this process (not there in remote mode: reading it throws). */
  app: FastifyInstance;
  db: Db;
  database: DatabaseHandle;
  config: AppConfig;
  clock: TestClock;
  /** The demo orgs by code (FT district, LGQ and DGD streets) when seeded. */
  orgIds: Record<string, string>;
  /** JSON request against /api/v1 (or an absolute path starting with `/` outside it when `raw`). */
  call<T = any>(method: InjectOptions['method'], url: string, options?: { as?: TestUser; body?: unknown; headers?: Record<string, string> }): Promise<CallResult<T>>;
  /** Signs a user in by dev login, granting a role first when asked. */
  loginAs(role?: Role | 'rider', scope?: { openid?: string; orgId?: string; stationId?: string }): Promise<TestUser>;
  close(): Promise<void>;
}

let userCounter = 0;
/** Makes the users of a run unique on a deployment's database, which outlives the run. */
const runTag = () => (remoteApiBaseUrl() ? `${process.pid}-${Date.now().toString(36)}` : String(process.pid));

/** A log stream for `createTestApp({ logStream })` and everything written to it so far. */
export function logCapture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk) => chunks.push(String(chunk)));
  return { stream, text: () => chunks.join('') };
}

/** Limits far above what any test sends, unless a test sets its own. */
export const GENEROUS_LIMITS: Record<string, string> = {
  ...Object.fromEntries(
    ['AUTH_RATE_LIMIT', 'AUTH_RATE_LIMIT_PER_ID', 'CHECKIN_RATE_LIMIT', 'APPLICATION_RATE_LIMIT', 'REDEMPTION_RATE_LIMIT', 'NEARBY_RATE_LIMIT', 'HEAVY_RATE_LIMIT'].map((name) => [name, '1000000']),
  ),
  // tests fire 50–200 requests at once through inject(); the admission control has its own tests
  MAX_IN_FLIGHT: '0',
};

/**
 * A fully built app on a fresh database of the project's kind (PGlite or PostgreSQL), with the demo
 * orgs loaded (unless `seed: false`) and a controllable clock.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; seed?: boolean; logStream?: NodeJS.WritableStream; database?: DatabaseHandle } = {},
): Promise<TestApp> {
  if (remoteApiBaseUrl()) return createRemoteTestApp(options);
  const database = options.database ?? (await openTestDatabase());
  if (options.seed !== false) await seedDemoData(database.db);
  // Tests sign in many users from one address and send many requests per rider; each limit has
  // its own tests with a low value (apps/api/test/platform/rate-limits.test.ts and the features').
  const config = loadConfig({ NODE_ENV: 'test', DEV_LOGIN: 'true', ...GENEROUS_LIMITS, ...options.env });
  const clock = new TestClock();
  const readDatabase = await openReplicaOf(database);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    app = await buildApp(config, { database, readDatabase, clock, logStream: options.logStream, pruneIntervalMinutes: 0 });
    await app.ready();
  } catch (err) {
    // a start that failed half way (e.g. Redis unreachable) still closes what it opened
    await app?.close().catch(() => undefined);
    await readDatabase?.close();
    if (!options.database) await database.close();
    throw err;
  }

  const orgIds = await orgIdsByCode(database.db);

  const call: TestApp['call'] = async (method, url, opts = {}) => {
    const res = await app.inject({
      method,
      url: apiPath(url),
      headers: { ...(opts.as ? opts.as.headers : {}), ...opts.headers },
      ...(opts.body !== undefined ? (typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? { payload: opts.body } : { payload: opts.body as object }) : {}),
    });
    const type = String(res.headers['content-type'] ?? '');
    return {
      status: res.statusCode,
      body: (type.includes("application/json") ? res.json() : res.body) as never,
      headers: res.headers,
      raw: res.rawPayload,
    };
  };

  return {
    app,
    db: database.db,
    database,
    config,
    clock,
    orgIds,
    call,
    loginAs: loginWith(database.db, call),
    close: async () => {
      await app.close();
      await readDatabase?.close();
      await database.close();
    },
  };
}

/** Dev login of a new (or given) user, the role granted in the database first when asked. */
function loginWith(db: Db, call: TestApp['call']): TestApp['loginAs'] {
  return async (role = 'rider', scope = {}) => {
    const openid = scope.openid ?? `test-${role}-${runTag()}-${++userCounter}`;
    if (role !== 'rider') {
      await grantRole(db, null, { openid, role, orgId: scope.orgId, stationId: scope.stationId }, stationOrgOf);
    }
    const res = await call('POST', '/auth/dev', { body: { openid } });
    if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return {
      userId: res.body.user.id,
      openid,
      token: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      headers: { authorization: `Bearer ${res.body.accessToken}` },
    };
  };
}

async function orgIdsByCode(db: Db): Promise<Record<string, string>> {
  const orgRows = await db.select({ id: orgs.id, code: orgs.code }).from(orgs);
  return Object.fromEntries(orgRows.filter((o) => o.code).map((o) => [o.code as string, o.id]));
}

// ---------------------------------------------------------------- remote mode

/**
 * Remote mode: with `TEST_API_BASE_URL` set (the jest project `deploy` sets it to the deployment's
 * nginx, see tests/deploy/support/env.js), `call()` sends real HTTP requests there and `db` is
 * that deployment's primary (`TEST_API_DATABASE_URL`), so a test file runs unchanged against a
 * running deployment. What cannot work there fails loudly instead of passing on something else:
 * `app` (no app in this process), `clock.set`/`advance` (the deployment runs on the real clock),
 * settings in `env` (the deployment has its own), `seed: false` (its database is seeded). Skip such
 * tests there with `describeInProcess`.
 */
export function remoteApiBaseUrl(): string | undefined {
  return process.env.TEST_API_BASE_URL || undefined;
}

/**
 * `describe`, or in remote mode `describe.skip` with the reason in its title (shown among the
 * skipped tests): for tests that need a fresh database, the test clock or the app's internals.
 */
export function describeInProcess(title: string, whyNotRemote: string, fn: () => void): void {
  if (remoteApiBaseUrl()) describe.skip(`${title} [not run against a deployment: ${whyNotRemote}]`, fn);
  else describe(title, fn);
}

/** Settings a test may pass that a deployment already satisfies (uploads folder, lifted limits). */
const SETTINGS_A_DEPLOYMENT_HAS = new Set(['DATA_DIR', ...Object.keys(GENEROUS_LIMITS)]);

/** The real clock: a deployment cannot be moved in time. */
class RealClock extends TestClock {
  override set(): void {
    throw new Error('the deployment runs on the real clock: skip this test in remote mode (describeInProcess)');
  }
  override advance(): void {
    throw new Error('the deployment runs on the real clock: skip this test in remote mode (describeInProcess)');
  }
}

async function createRemoteTestApp(options: { env?: Record<string, string>; seed?: boolean; database?: DatabaseHandle }): Promise<TestApp> {
  const baseUrl = remoteApiBaseUrl()!.replace(/\/$/, '');
  const databaseUrl = process.env.TEST_API_DATABASE_URL;
  if (!databaseUrl) throw new Error('TEST_API_BASE_URL is set but not TEST_API_DATABASE_URL (the deployment\'s primary)');
  const unsupported = Object.keys(options.env ?? {}).filter((name) => !SETTINGS_A_DEPLOYMENT_HAS.has(name));
  if (unsupported.length || options.seed === false || options.database) {
    throw new Error(`remote mode cannot apply ${[...unsupported, ...(options.seed === false ? ['seed: false'] : []), ...(options.database ? ['database'] : [])].join(', ')}: skip this test against a deployment (describeInProcess)`);
  }
  const database = await openDatabase({ databaseUrl, poolSize: 5 });

  const call: TestApp['call'] = async (method, url, opts = {}) => {
    const body = opts.body;
    const json = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
    const res = await fetch(`${baseUrl}${apiPath(url)}`, {
      method: String(method),
      redirect: 'manual',
      headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...(opts.as ? opts.as.headers : {}), ...opts.headers },
      ...(body !== undefined ? { body: json ? JSON.stringify(body) : typeof body === 'string' ? body : new Uint8Array(body as Buffer) } : {}),
    });
    const raw = Buffer.from(await res.arrayBuffer());
    const text = raw.toString('utf8');
    const isJson = (res.headers.get('content-type') ?? '').includes('application/json') && text.length > 0;
    return { status: res.status, body: (isJson ? JSON.parse(text) : text) as never, headers: Object.fromEntries(res.headers), raw };
  };

  // Any use of the app (helpers may copy the reference, e.g. `{ ...t }`) throws.
  const noApp = new Proxy({} as FastifyInstance, {
    get: () => {
      throw new Error(`remote mode (${baseUrl}): there is no app in this process; skip this test against a deployment (describeInProcess)`);
    },
  });
  return {
    app: noApp,
    db: database.db,
    database,
    // Not the deployment's configuration (that lives in its environment): the test defaults.
    config: loadConfig({ NODE_ENV: 'test', DEV_LOGIN: 'true', ...GENEROUS_LIMITS }),
    clock: new RealClock(),
    orgIds: await orgIdsByCode(database.db),
    call,
    loginAs: loginWith(database.db, call),
    // The deployment's database outlives the test file: only this file's connections are closed.
    close: () => database.close(),
  };
}

/** `call()`'s URL: paths outside /api, /healthz and /docs are under /api/v1. */
function apiPath(url: string): string {
  return url.startsWith('/api/') || url.startsWith('/healthz') || url.startsWith('/docs') ? url : `/api/v1${url}`;
}

export async function orgIdByCode(db: Db, code: string): Promise<string> {
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code));
  if (!org) throw new Error(`no org ${code}`);
  return org.id;
}

/**
 * Reads until `done` holds of the answer (at most `timeoutMs`) and returns the last answer: for
 * lag-tolerant reads a replica answers, which may trail a write by a few milliseconds when it is
 * asynchronous (a deployment's), or for an event on a real socket. The caller still asserts the
 * answer. The deadline is generous: it only costs time when the wait fails, and CI's machine is
 * loaded by other test files running alongside.
 */
export async function readUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Expects the contract's error envelope with this status and code; returns the error for more checks. */
export function expectError(res: CallResult, status: number, code: string) {
  if (res.status !== status || res.body?.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  expect(typeof res.body.error.message).toBe('string');
  return res.body.error as { code: string; message: string; details?: Array<{ field: string; message: string }> };
}
