import { expectError, type TestUser } from '../harness';
import { checkIn, createActivity, createStampsApp, createStation, currentToken, giveStamps, loginStaff, sendReport } from './helpers';

let t: Awaited<ReturnType<typeof createStampsApp>>;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
let district: TestUser;

beforeAll(async () => {
  t = await createStampsApp();
  lgqAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
  dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
  district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

describe('the stamp card (GET /stamps/me and /me)', () => {
  it('a new rider has an empty card with the default goal of 10', async () => {
    const rider = await t.loginAs('rider');
    const res = await t.call('GET', '/stamps/me', { as: rider });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ balance: 0, total: 0, goal: 10, items: [], redemptions: [] });
    expect((await t.call('GET', '/me', { as: rider })).body.stamps).toEqual({ balance: 0, total: 0, goal: 10 });
    expectError(await t.call('GET', '/stamps/me'), 401, 'UNAUTHENTICATED');
  });

  it('lists every stamp newest first with titles and times; /me carries the same numbers', async () => {
    await createStation(t, { orgId: t.orgIds.LGQ });
    const rider = await t.loginAs('rider');
    t.clock.set('2026-11-20T02:00:00.000Z');
    const activity = await createActivity(t, lgqAdmin, { title: '卢沟桥交通劝导', stamps: 2 });
    await checkIn(t, rider, activity.id, { token: await currentToken(t, lgqAdmin, activity.id) });
    t.clock.set('2026-11-21T02:00:00.000Z');
    const report = await sendReport(t, rider);
    await t.call('POST', `/reports/${report.body.id}/accept`, { as: lgqAdmin });

    const res = await t.call('GET', '/stamps/me', { as: rider });
    expect(res.body).toMatchObject({ balance: 3, total: 3, goal: 10, redemptions: [] });
    expect(res.body.items).toEqual([
      { id: expect.any(String), source: 'report', title: '随手拍·安全隐患', amount: 1, awardedAt: '2026-11-21T02:00:00.000Z' },
      { id: expect.any(String), source: 'activity', title: '卢沟桥交通劝导', amount: 2, awardedAt: '2026-11-20T02:00:00.000Z' },
    ]);
    expect((await t.call('GET', '/me', { as: rider })).body.stamps).toEqual({ balance: 3, total: 3, goal: 10 });
  });

  it('the goal follows the org of the rider’s latest stamp, inherited down the org tree', async () => {
    const rider = await t.loginAs('rider');
    await giveStamps(t, rider, 1, t.orgIds.LGQ);
    expect((await t.call('PUT', `/stamps/settings/${t.orgIds.FT}`, { as: district, body: { goal: 12, dailyReportStamps: 3 } })).status).toBe(200);
    expect((await t.call('GET', '/stamps/me', { as: rider })).body.goal).toBe(12);
    const own = await t.call('GET', `/stamps/settings/${t.orgIds.LGQ}`, { as: lgqAdmin });
    expect(own.body).toEqual({ orgId: t.orgIds.LGQ, goal: 12, dailyReportStamps: 3, inheritedFrom: t.orgIds.FT });

    const set = await t.call('PUT', `/stamps/settings/${t.orgIds.LGQ}`, { as: lgqAdmin, body: { goal: 8, dailyReportStamps: 2 } });
    expect(set.body).toEqual({ orgId: t.orgIds.LGQ, goal: 8, dailyReportStamps: 2, inheritedFrom: t.orgIds.LGQ });
    expect((await t.call('GET', '/me', { as: rider })).body.stamps.goal).toBe(8);
    // DGD still inherits the district's
    expect((await t.call('GET', `/stamps/settings/${t.orgIds.DGD}`, { as: dgdAdmin })).body.goal).toBe(12);
  });

  it('settings: only admins of the org or above, values in range, unknown orgs 404', async () => {
    expectError(await t.call('PUT', `/stamps/settings/${t.orgIds.FT}`, { as: lgqAdmin, body: { goal: 5, dailyReportStamps: 1 } }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/stamps/settings/${t.orgIds.LGQ}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/stamps/settings/${t.orgIds.LGQ}`, { as: await t.loginAs('rider') }), 403, 'FORBIDDEN');
    const err = expectError(await t.call('PUT', `/stamps/settings/${t.orgIds.LGQ}`, { as: lgqAdmin, body: { goal: 0, dailyReportStamps: 101 } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field).sort()).toEqual(['dailyReportStamps', 'goal']);
    const superAdmin = await t.loginAs('super_admin');
    expectError(await t.call('GET', '/stamps/settings/00000000-0000-4000-8000-000000000000', { as: superAdmin }), 404, 'NOT_FOUND');
    // an org that does not exist is a 404 for an org admin too, not a 403 (orgs/scope.ts)
    expectError(await t.call('GET', '/stamps/settings/00000000-0000-4000-8000-000000000000', { as: lgqAdmin }), 404, 'NOT_FOUND');
    expectError(await t.call('PUT', '/stamps/settings/00000000-0000-4000-8000-000000000000', { as: lgqAdmin, body: { goal: 5, dailyReportStamps: 1 } }), 404, 'NOT_FOUND');
  });
});

describe('statistics', () => {
  it('stamps issued and redemptions per Asia/Shanghai day, per org subtree', async () => {
    const station = await createStation(t, { orgId: t.orgIds.LGQ, name: '统计驿站' });
    const dgdStation = await createStation(t, { orgId: t.orgIds.DGD, name: '东高地统计驿站', lat: 39.8398, lng: 116.4225 });
    const rider = await t.loginAs('rider');

    t.clock.set('2026-10-04T15:30:00.000Z'); // 23:30 on 4 Oct in Shanghai
    await giveStamps(t, rider, 2, t.orgIds.LGQ);
    t.clock.set('2026-10-04T16:30:00.000Z'); // 00:30 on 5 Oct in Shanghai
    await giveStamps(t, rider, 5, t.orgIds.LGQ);
    await giveStamps(t, rider, 5, t.orgIds.LGQ);
    await giveStamps(t, rider, 4, t.orgIds.DGD);
    const report = await sendReport(t, rider);
    await t.call('POST', `/reports/${report.body.id}/accept`, { as: lgqAdmin });
    const gift = await t.call('POST', '/rewards', { as: lgqAdmin, body: { stationId: station.id, name: '雨衣', cost: 10, stock: 4 } });
    await t.call('POST', '/rewards', { as: dgdAdmin, body: { stationId: dgdStation.id, name: '手套', cost: 3, stock: 9 } });
    const redemption = await t.call('POST', '/redemptions', { as: rider, body: { stationId: station.id, rewardId: gift.body.id } });
    expect((await t.call('POST', '/redemptions/fulfill', { as: await loginStaff(t, station.id), body: { code: redemption.body.code } })).status).toBe(200);

    const lgq = await t.call('GET', `/stats/stamps/daily?orgId=${t.orgIds.LGQ}&from=2026-10-04&to=2026-10-06`, { as: lgqAdmin });
    expect(lgq.status).toBe(200);
    expect(lgq.body).toEqual({
      from: '2026-10-04',
      to: '2026-10-06',
      items: [
        { date: '2026-10-04', stampsIssued: 2, activityStamps: 2, reportStamps: 0, redemptions: 0, stampsRedeemed: 0 },
        { date: '2026-10-05', stampsIssued: 11, activityStamps: 10, reportStamps: 1, redemptions: 1, stampsRedeemed: 10 },
        { date: '2026-10-06', stampsIssued: 0, activityStamps: 0, reportStamps: 0, redemptions: 0, stampsRedeemed: 0 },
      ],
    });
    // the district sees both streets; its default org is its own
    const ft = await t.call('GET', '/stats/stamps/daily?from=2026-10-05&to=2026-10-05', { as: district });
    expect(ft.body.items).toEqual([{ date: '2026-10-05', stampsIssued: 15, activityStamps: 14, reportStamps: 1, redemptions: 1, stampsRedeemed: 10 }]);

    // default range: the 30 days ending today in Shanghai
    const recent = await t.call('GET', '/stats/stamps/daily', { as: lgqAdmin });
    expect(recent.body.items).toHaveLength(30);
    expect(recent.body.to).toBe('2026-10-05');
    expect(recent.body.items[29]).toMatchObject({ date: '2026-10-05', stampsIssued: 11 });

    expectError(await t.call('GET', '/stats/stamps/daily?from=2026-10-06&to=2026-10-05', { as: lgqAdmin }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', '/stats/stamps/daily?from=2025-01-01&to=2026-10-05', { as: lgqAdmin }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', '/stats/stamps/daily?from=2026-13-01', { as: lgqAdmin }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', `/stats/stamps/daily?orgId=${t.orgIds.LGQ}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', '/stats/stamps/daily', { as: rider }), 403, 'FORBIDDEN');

    // stock per station, with what has been fulfilled
    const stock = await t.call('GET', '/stats/stock', { as: lgqAdmin });
    expect(stock.status).toBe(200);
    const mine = stock.body.items.find((s: { stationId: string }) => s.stationId === station.id);
    expect(mine).toEqual({
      stationId: station.id,
      stationName: '统计驿站',
      orgId: t.orgIds.LGQ,
      totalStock: 3,
      rewards: [{ id: gift.body.id, name: '雨衣', cost: 10, stock: 3, fulfilled: 1 }],
    });
    expect(stock.body.items.some((s: { stationId: string }) => s.stationId === dgdStation.id)).toBe(false);
    const all = await t.call('GET', '/stats/stock', { as: district });
    expect(all.body.items.map((s: { stationId: string }) => s.stationId)).toEqual(expect.arrayContaining([station.id, dgdStation.id]));
    expectError(await t.call('GET', `/stats/stock?orgId=${t.orgIds.DGD}`, { as: lgqAdmin }), 403, 'FORBIDDEN');
  });
});
