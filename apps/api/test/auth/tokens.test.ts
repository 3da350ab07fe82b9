import { createTestApp, expectError, type TestApp } from '../harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const refresh = (refreshToken: string) => t.call('POST', '/auth/refresh', { body: { refreshToken } });

describe('refresh tokens', () => {
  it('rotate: a refresh gives a new pair and the old refresh token stops working', async () => {
    const rider = await t.loginAs('rider');
    const next = await refresh(rider.refreshToken);
    expect(next.status).toBe(200);
    expect(next.body.refreshToken).not.toBe(rider.refreshToken);
    expect(next.body.user.id).toBe(rider.userId);
    const me = await t.call('GET', '/me', { headers: { authorization: `Bearer ${next.body.accessToken}` } });
    expect(me.status).toBe(200);
    // the new one works once more
    expect((await refresh(next.body.refreshToken)).status).toBe(200);
  });

  it('reuse of a rotated token revokes the whole family', async () => {
    const rider = await t.loginAs('rider');
    const second = await refresh(rider.refreshToken);
    expectError(await refresh(rider.refreshToken), 401, 'UNAUTHENTICATED');
    // the thief's replay also killed the legitimate newer token
    expectError(await refresh(second.body.refreshToken), 401, 'UNAUTHENTICATED');
  });

  it('other sessions of the same user survive a revoked family', async () => {
    const phone = await t.loginAs('rider');
    const tablet = await t.call('POST', '/auth/dev', { body: { openid: phone.openid } });
    await refresh(phone.refreshToken);
    await refresh(phone.refreshToken); // reuse → phone family revoked
    expect((await refresh(tablet.body.refreshToken)).status).toBe(200);
  });

  it('two refreshes racing with one token: at most one succeeds', async () => {
    const rider = await t.loginAs('rider');
    const results = await Promise.all([refresh(rider.refreshToken), refresh(rider.refreshToken)]);
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
  });

  it('an expired refresh token is refused', async () => {
    const rider = await t.loginAs('rider');
    t.clock.advance(31 * 24 * 3600 * 1000);
    try {
      expectError(await refresh(rider.refreshToken), 401, 'UNAUTHENTICATED');
    } finally {
      t.clock.release();
    }
  });

  it('an unknown refresh token is a 401', async () => {
    expectError(await refresh('not-a-real-token'), 401, 'UNAUTHENTICATED');
  });

  it('logout revokes the family', async () => {
    const rider = await t.loginAs('rider');
    const res = await t.call('POST', '/auth/logout', { body: { refreshToken: rider.refreshToken } });
    expect(res.status).toBe(204);
    expectError(await refresh(rider.refreshToken), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /me', () => {
  it('a plain rider has exactly the rider role, no membership and an empty stamp card', async () => {
    const rider = await t.loginAs('rider');
    const me = await t.call('GET', '/me', { as: rider });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: rider.userId,
      nickname: null,
      roles: [{ role: 'rider' }],
      membership: { status: 'none' },
      stamps: { balance: 0, total: 0, goal: 10 },
    });
  });

  it('the demo admin sees the org_admin role on 卢沟桥街道总工会', async () => {
    const admin = await t.loginAs('rider', { openid: 'demo-admin' });
    const me = await t.call('GET', '/me', { as: admin });
    expect(me.body.roles).toContainEqual({ role: 'org_admin', orgId: t.orgIds.LGQ, orgName: '卢沟桥街道总工会' });
  });
});
