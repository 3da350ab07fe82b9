import { FakeWechat } from '../fake-wechat';
import { createTestApp, type TestApp } from '../harness';
import { buildFixtures, CALLERS, MATRIX, type Caller, type Fixtures, type Outcome } from './matrix';

/**
 * Build item 3 of issue 9: every route of the live route table × eight callers → the outcome the
 * matrix (./matrix.ts) expects, including object-level cases (another rider's application, report
 * photo, redemption; the sibling street's admin) and property-level ones (an extra body property is
 * a 400 for everyone who may call the route).
 */
let t: TestApp;
let wechat: FakeWechat;
let fx: Fixtures;
beforeAll(async () => {
  wechat = await new FakeWechat().start();
  t = await createTestApp({ env: { ...wechat.env, REPORT_RATE_LIMIT: '100000' } });
  fx = await buildFixtures(t, wechat);
});
afterAll(async () => {
  await t.close();
  await wechat.stop();
});

const routes = () => t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);

it('every registered route has a row in the matrix, and every row a route', () => {
  const registered = routes();
  expect(registered.filter((r) => !MATRIX[r])).toEqual([]);
  expect(Object.keys(MATRIX).filter((r) => !registered.includes(r))).toEqual([]);
});

it('public routes are exactly the ones every caller may use', () => {
  for (const route of t.app.apiRoutes) {
    const row = MATRIX[`${route.method} ${route.url}`];
    if (route.access !== 'signed-in') expect(row.expect.anonymous).toBe('ok');
    else expect(row.expect.anonymous).toBe(401);
  }
});

async function call(caller: Caller, method: string, request: { url: string; body?: unknown; headers?: Record<string, string> }) {
  return t.call(method as never, request.url, { as: caller === 'anonymous' ? undefined : fx.users[caller], body: request.body, headers: request.headers });
}

function assertOutcome(route: string, caller: Caller, expected: Outcome, res: { status: number; body: any }) {
  const where = `${route} as ${caller}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
  if (expected === 'ok') {
    if (res.status >= 500 || [401, 403, 404].includes(res.status)) throw new Error(`expected to be allowed, ${where}`);
    return;
  }
  const code = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[expected];
  if (res.status !== expected || res.body?.error?.code !== code) throw new Error(`expected ${expected} ${code}, ${where}`);
}

describe.each(Object.keys(MATRIX))('%s', (route) => {
  const [method] = route.split(' ');
  it.each([...CALLERS])('as %s', async (caller) => {
    const row = MATRIX[route];
    const request = await row.request(fx, caller);
    const res = await call(caller, method, request);
    assertOutcome(route, caller, row.expect[caller], res);
    request.check?.(res, caller);
  });

  it('an extra body property is a 400 naming it (property level)', async () => {
    const row = MATRIX[route];
    const caller = CALLERS.find((c) => row.expect[c] === 'ok' && c !== 'anonymous') ?? 'anonymous';
    const request = await row.request(fx, caller);
    if (!request.json || typeof request.body !== 'object' || request.body === null) return;
    for (const extra of [{ role: 'super_admin' }, { status: 'approved' }, { userId: fx.users.otherRider.userId }]) {
      const [name] = Object.keys(extra);
      if (name in (request.body as object)) continue;
      const res = await call(caller, method, { ...request, body: { ...(request.body as object), ...extra } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(name);
    }
  });
});
