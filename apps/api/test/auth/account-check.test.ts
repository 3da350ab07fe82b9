import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { stampLedger } from '@xfqs/db';
import { authPlugin, secureByDefault } from '../../src/plugins/auth';
import { errorsPlugin } from '../../src/plugins/errors';
import { describeInProcess, expectError, logCapture, type TestUser } from '../harness';
import { checkIn, createActivity, createStampsApp, currentToken, stampsAppWithAdmin, type StampsApp } from '../stamps/helpers';

/**
 * The activity check-in checks the rider's account in its own statement (`accountCheck:
 * 'in-statement'`, plugins/auth.ts) instead of a query before the route: a closed or unknown
 * account must still get 401 before any other answer, and never a stamp.
 */
// No notification worker: on PGlite its job polling (every 2 s) goes through the same client
// whose statements a test below counts.
const file = stampsAppWithAdmin({ NOTIFY_WORKER: 'false' });
let t: StampsApp;
let admin: TestUser;
beforeAll(() => ({ t, admin } = file));

type Queryable = { query: (...args: unknown[]) => unknown };
/**
 * Where the driver's `query` lives, to count the statements sent: the node-postgres pool itself;
 * for PGlite, its class (the client is wrapped in a Proxy that queues operations, and a spy set
 * through the Proxy would queue the wrapped call behind itself).
 */
function queryOwner(db: unknown): Queryable {
  const client = (db as { $client: Queryable & { totalCount?: number } }).$client;
  if ('totalCount' in client) return client;
  let owner: object | null = client;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'query')) owner = Object.getPrototypeOf(owner);
  if (!owner) throw new Error('no query method on the PGlite client');
  return owner as Queryable;
}

async function closedRider(): Promise<TestUser> {
  const rider = await t.loginAs('rider');
  expect((await t.call('DELETE', '/me', { as: rider })).status).toBe(204);
  return rider;
}

const stampsOf = (userId: string, activityId: string) =>
  t.db.select().from(stampLedger).where(and(eq(stampLedger.userId, userId), eq(stampLedger.sourceId, activityId)));

describe('activity check-in with the account checked in its statement', () => {
  it('an open account checks in once (201, then 200 duplicate) and its stamp is credited', async () => {
    const activity = await createActivity(t, admin);
    const rider = await t.loginAs('rider');
    const token = await currentToken(t, admin, activity.id);
    const first = await checkIn(t, rider, activity.id, { token });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, balance: 1 });
    const again = await checkIn(t, rider, activity.id, { token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, balance: 1 });
    expect(await stampsOf(rider.userId, activity.id)).toHaveLength(1);
  });

  it('a closed account with a valid code and a live token gets 401 and no stamp', async () => {
    const activity = await createActivity(t, admin);
    const rider = await closedRider();
    const token = await currentToken(t, admin, activity.id);
    expectError(await checkIn(t, rider, activity.id, { token }), 401, 'UNAUTHENTICATED');
    expect(await stampsOf(rider.userId, activity.id)).toEqual([]);
  });

  it('a closed account hears 401 before anything else is wrong with the request', async () => {
    const activity = await createActivity(t, admin);
    const rider = await closedRider();
    expectError(await checkIn(t, rider, activity.id, { token: 'not-this-activity' }), 401, 'UNAUTHENTICATED');
    expectError(await checkIn(t, rider, randomUUID(), { token: 'x' }), 401, 'UNAUTHENTICATED');
    expectError(await checkIn(t, rider, activity.id, { token: 42, extra: true }), 401, 'UNAUTHENTICATED');
    expectError(await t.call('POST', `/activities/not-a-uuid/checkins`, { as: rider, body: { token: 'x' } }), 401, 'UNAUTHENTICATED');
    // while an open account gets the real reason
    const open = await t.loginAs('rider');
    expectError(await checkIn(t, open, activity.id, { token: 'not-this-activity' }), 422, 'INVALID_CODE');
    expectError(await checkIn(t, open, randomUUID(), { token: 'x' }), 404, 'NOT_FOUND');
  });

});

describeInProcess('activity check-in: tokens and routes only the in-process app can make or list', 'signs tokens with the app\'s secret and reads its route table', () => {
  it('a signed token of a user that never existed gets 401 and writes nothing', async () => {
    const activity = await createActivity(t, admin);
    const ghost = randomUUID();
    const headers = { authorization: `Bearer ${t.app.jwt.sign({ sub: ghost, typ: 'access' })}` };
    const token = await currentToken(t, admin, activity.id);
    expectError(await t.call('POST', `/activities/${activity.id}/checkins`, { headers, body: { token } }), 401, 'UNAUTHENTICATED');
    expectError(await t.call('POST', `/activities/${activity.id}/checkins`, { headers, body: { token: 'x' } }), 401, 'UNAUTHENTICATED');
    expect(await stampsOf(ghost, activity.id)).toEqual([]);
  });

  it('a check-in is one statement, the account check included (a new stamp and its repeat alike)', async () => {
    const activity = await createActivity(t, admin);
    const token = await currentToken(t, admin, activity.id);
    expect((await checkIn(t, await t.loginAs('rider'), activity.id, { token })).status).toBe(201); // the activity is now cached
    const rider = await t.loginAs('rider');
    const statements = jest.spyOn(queryOwner(t.db), 'query');
    try {
      expect((await checkIn(t, rider, activity.id, { token })).status).toBe(201);
      expect(statements).toHaveBeenCalledTimes(1);
      expect((await checkIn(t, rider, activity.id, { token })).status).toBe(200);
      expect(statements).toHaveBeenCalledTimes(2);
    } finally {
      statements.mockRestore();
    }
  });

  it('a closed account that runs into the check-in limit still hears 401; an open one hears 429', async () => {
    const limited = await createStampsApp({ CHECKIN_RATE_LIMIT: '2', NOTIFY_WORKER: 'false' });
    try {
      const orgAdmin = await limited.loginAs('org_admin', { orgId: limited.orgIds.LGQ });
      const activity = await createActivity(limited, orgAdmin);
      const open = await limited.loginAs('rider');
      const closed = await limited.loginAs('rider');
      expect((await limited.call('DELETE', '/me', { as: closed })).status).toBe(204);
      const statuses = async (rider: TestUser) => {
        const out: number[] = [];
        for (let i = 0; i < 3; i++) out.push((await checkIn(limited, rider, activity.id, { token: 'not-this-activity' })).status);
        return out;
      };
      expect(await statuses(open)).toEqual([422, 422, 429]);
      expect(await statuses(closed)).toEqual([401, 401, 401]);
    } finally {
      await limited.close();
    }
  });

  it('is the only route that checks the account in its own statement', () => {
    const routes = t.app.apiRoutes.filter((r) => r.accountCheck).map((r) => `${r.method} ${r.url}`);
    expect(routes).toEqual(['POST /api/v1/activities/:id/checkins']);
  });
});

/** The declaration's guard rails, on a minimal app with the real plugins and the test database. */
describeInProcess("accountCheck: 'in-statement' guard rails", 'builds its own app', () => {
  let app: FastifyInstance;
  const log = logCapture();

  async function minimalApp(routes: (scope: FastifyInstance) => void): Promise<FastifyInstance> {
    const built = Fastify({ logger: { level: 'error', stream: log.stream } });
    built.decorate('db', t.db);
    await built.register(errorsPlugin);
    await built.register(authPlugin, { secret: 'x'.repeat(64), accessTokenTtl: 900 });
    await built.register(async (scope) => {
      await scope.register(secureByDefault);
      routes(scope);
    });
    await built.ready();
    return built;
  }

  afterEach(() => app?.close());

  it('refuses the declaration on a route that is not signed-in', async () => {
    await expect(
      minimalApp((scope) => scope.get('/open', { config: { access: 'public', accountCheck: 'in-statement' } }, async () => ({ ok: true }))),
    ).rejects.toThrow(/accountCheck/);
  });

  it('a route that forgets to confirm the account still answers a closed account 401, and the slip is logged', async () => {
    app = await minimalApp((scope) => scope.get('/forgets', { config: { accountCheck: 'in-statement' } }, async () => ({ ok: true })));
    const bearer = (sub: string) => ({ authorization: `Bearer ${app.jwt.sign({ sub, typ: 'access' })}` });
    const open = await t.loginAs('rider');
    const ok = await app.inject({ method: 'GET', url: '/forgets', headers: bearer(open.userId) });
    expect(ok.statusCode).toBe(200);
    expect(log.text()).toContain('the route answered without confirming the account');

    const closed = await closedRider();
    const refused = await app.inject({ method: 'GET', url: '/forgets', headers: bearer(closed.userId) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(refused.body).not.toContain('ok');
  });
});
