import type { FastifyInstance, InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { orgs, seedDemoData, type DatabaseHandle, type Db, type Role } from '@xfqs/db';
import { buildApp } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';
import { grantRole } from '../src/features/orgs/grants';
import { stationOrgOf } from '../src/features/orgs/scope';
import { openReplicaOf, openTestDatabase } from './setup/database';

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

/** Limits far above what any test sends, unless a test sets its own. */
export const GENEROUS_LIMITS: Record<string, string> = Object.fromEntries(
  ['AUTH_RATE_LIMIT', 'AUTH_RATE_LIMIT_PER_ID', 'CHECKIN_RATE_LIMIT', 'APPLICATION_RATE_LIMIT', 'REDEMPTION_RATE_LIMIT', 'NEARBY_RATE_LIMIT', 'HEAVY_RATE_LIMIT'].map((name) => [name, '1000000']),
);

/**
 * A fully built app on a fresh database of the project's kind (PGlite or PostgreSQL), with the demo
 * orgs loaded (unless `seed: false`) and a controllable clock.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; seed?: boolean; logStream?: NodeJS.WritableStream; database?: DatabaseHandle } = {},
): Promise<TestApp> {
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

  const orgRows = await database.db.select({ id: orgs.id, code: orgs.code }).from(orgs);
  const orgIds = Object.fromEntries(orgRows.filter((o) => o.code).map((o) => [o.code as string, o.id]));

  const call: TestApp['call'] = async (method, url, opts = {}) => {
    const res = await app.inject({
      method,
      url: url.startsWith('/api/') || url.startsWith('/healthz') || url.startsWith('/docs') ? url : `/api/v1${url}`,
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

  const loginAs: TestApp['loginAs'] = async (role = 'rider', scope = {}) => {
    const openid = scope.openid ?? `test-${role}-${process.pid}-${++userCounter}`;
    if (role !== 'rider') {
      await grantRole(database.db, null, { openid, role, orgId: scope.orgId, stationId: scope.stationId }, stationOrgOf);
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

  return {
    app,
    db: database.db,
    database,
    config,
    clock,
    orgIds,
    call,
    loginAs,
    close: async () => {
      await app.close();
      await readDatabase?.close();
      await database.close();
    },
  };
}

export async function orgIdByCode(db: Db, code: string): Promise<string> {
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code));
  if (!org) throw new Error(`no org ${code}`);
  return org.id;
}

/** Expects the contract's error envelope with this status and code; returns the error for more checks. */
export function expectError(res: CallResult, status: number, code: string) {
  if (res.status !== status || res.body?.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  expect(typeof res.body.error.message).toBe('string');
  return res.body.error as { code: string; message: string; details?: Array<{ field: string; message: string }> };
}
