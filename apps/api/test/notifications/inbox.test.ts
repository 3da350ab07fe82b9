import { eq, sql } from 'drizzle-orm';
import { notifications, rowsOf } from '@xfqs/db';
import { giftReachedSql } from '../../src/features/notifications/affordable';
import { expectError, type TestUser } from '../harness';
import { applyAsNewRider, validApplication } from '../membership/helpers';
import { HOUR, createActivity, stampsAppWithAdmin, type StampsApp, createStation, giveStamps, loginStaff, sendReport } from '../stamps/helpers';
import { notifyActivitiesStartingSoon } from '../../src/features/notifications/activity-soon';
import { notify } from '../../src/features/notifications/service';

const file = stampsAppWithAdmin();
let t: StampsApp;
let admin: TestUser;
beforeAll(() => ({ t, admin } = file));
afterEach(() => t.clock.release());

const inbox = (rider: TestUser, query = '') => t.call('GET', `/notifications${query}`, { as: rider });

async function approvedMember(): Promise<TestUser> {
  const { rider, id } = await applyAsNewRider(t, validApplication({ orgId: t.orgIds.LGQ }));
  expect((await t.call('POST', `/membership/applications/${id}/approve`, { as: admin })).status).toBe(200);
  return rider;
}

describe('the inbox', () => {
  it('tells a rider their application was approved, with the member number and a link to the card; personal, never cached', async () => {
    const rider = await approvedMember();
    const res = await inbox(rider);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.unread).toBe(1);
    expect(res.body.nextCursor).toBeNull();
    const [n] = res.body.items;
    expect(n).toMatchObject({ kind: 'application_approved', title: '入会申请已通过', readAt: null, link: '/pages/join/card' });
    expect(n.body).toMatch(/LGQ-\d{4}-\d{6}/);
    expect(Date.parse(n.createdAt)).not.toBeNaN();
    expect((await t.call('GET', '/notifications/unread', { as: rider })).body).toEqual({ unread: 1 });
  });

  it('tells a rejected applicant the reason', async () => {
    const { rider, id } = await applyAsNewRider(t, validApplication({ orgId: t.orgIds.LGQ }));
    expect((await t.call('POST', `/membership/applications/${id}/reject`, { as: admin, body: { reason: '身份证照片不清晰' } })).status).toBe(200);
    const [n] = (await inbox(rider)).body.items;
    expect(n).toMatchObject({ kind: 'application_rejected', link: '/pages/join/status' });
    expect(n.body).toContain('身份证照片不清晰');
  });

  it('writes nothing when the event fails (a second review is a 409 and adds no message)', async () => {
    const { rider, id } = await applyAsNewRider(t, validApplication({ orgId: t.orgIds.LGQ }));
    expect((await t.call('POST', `/membership/applications/${id}/approve`, { as: admin })).status).toBe(200);
    expectError(await t.call('POST', `/membership/applications/${id}/reject`, { as: admin, body: { reason: '重复' } }), 409, 'CONFLICT');
    expect((await inbox(rider)).body.items.map((n: { kind: string }) => n.kind)).toEqual(['application_approved']);
  });

  it('tells a reporter their 随手拍 was accepted (with the stamp) or rejected (with the reason)', async () => {
    const rider = await t.loginAs('rider');
    await createStation(t);
    const first = await sendReport(t, rider);
    const second = await sendReport(t, rider);
    expect((await t.call('POST', `/reports/${first.body.id}/accept`, { as: admin })).status).toBe(200);
    expect((await t.call('POST', `/reports/${second.body.id}/reject`, { as: admin, body: { reason: '照片看不清' } })).status).toBe(200);
    const items = (await inbox(rider)).body.items;
    expect(items.map((n: { kind: string }) => n.kind)).toEqual(['report_rejected', 'report_accepted']);
    expect(items[0].body).toContain('照片看不清');
    expect(items[1].body).toContain('1 个先锋骑士积分');
    expect(items[1].link).toBe('/pages/report/mine');
  });

  it('tells a rider when their stamps first reach a gift in stock, and when a redemption is fulfilled', async () => {
    const station = await createStation(t, { name: '通知驿站' });
    const reward = await t.call('POST', '/rewards', { as: admin, body: { stationId: station.id, name: '保温杯', cost: 3, stock: 2 } });
    expect(reward.status).toBe(201);
    const rider = await t.loginAs('rider');
    await giveStamps(t, rider, 2);
    expect((await inbox(rider)).body.items.filter((n: { kind: string }) => n.kind === 'reward_affordable')).toHaveLength(0);
    await giveStamps(t, rider, 1);
    const affordable = (await inbox(rider)).body.items.filter((n: { kind: string }) => n.kind === 'reward_affordable');
    expect(affordable).toHaveLength(1);
    expect(affordable[0].body).toContain('保温杯');
    await giveStamps(t, rider, 1); // still above: no second message for the same crossing
    expect((await inbox(rider)).body.items.filter((n: { kind: string }) => n.kind === 'reward_affordable')).toHaveLength(1);

    const redemption = await t.call('POST', '/redemptions', { as: rider, body: { stationId: station.id, rewardId: reward.body.id } });
    const staff = await loginStaff(t, station.id);
    expect((await t.call('POST', '/redemptions/fulfill', { as: staff, body: { code: redemption.body.code } })).status).toBe(200);
    const [latest] = (await inbox(rider)).body.items;
    expect(latest).toMatchObject({ kind: 'redemption_fulfilled' });
    expect(latest.body).toContain('通知驿站');
    expect(latest.body).toContain('保温杯');
  });

  it('tells a rider whose accepted 随手拍 reaches a gift, with the dearest gift in stock at an active station in range', async () => {
    const station = await createStation(t, { name: '随手拍驿站' });
    const closed = await createStation(t, { name: '停用驿站' });
    const gift = (stationId: string, name: string, cost: number, stock = 5) => t.call('POST', '/rewards', { as: admin, body: { stationId, name, cost, stock } });
    expect((await gift(station.id, '雨衣', 3)).status).toBe(201);
    expect((await gift(station.id, '头盔', 4)).status).toBe(201);
    expect((await gift(station.id, '充电宝', 4, 0)).status).toBe(201); // out of stock
    expect((await gift(closed.id, '保温壶', 4)).status).toBe(201);
    expect((await t.call('PATCH', `/stations/${closed.id}`, { as: admin, body: { status: 'closed' } })).status).toBe(200);
    expect((await gift(station.id, '冲锋衣', 5)).status).toBe(201); // beyond the new balance
    const rider = await t.loginAs('rider');
    await giveStamps(t, rider, 3);
    const report = await sendReport(t, rider);
    expect((await t.call('POST', `/reports/${report.body.id}/accept`, { as: admin })).status).toBe(200);
    const reached = (await inbox(rider)).body.items.filter((n: { kind: string }) => n.kind === 'reward_affordable');
    // newest first: the check-ins reached a 3-stamp gift, the accepted report 4 stamps — 头盔, the
    // only 4-stamp gift on offer (充电宝 is out of stock, 保温壶's station closed, 冲锋衣 costs 5)
    expect(reached).toHaveLength(2);
    expect(reached[0].body).toContain('头盔');
  });

  it('finds the gift a balance reached by a range on the in-stock cost index, not a scan of every gift (EXPLAIN)', async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`); // small tables here; at national scale the planner needs no push
      const rows = rowsOf<Record<string, string>>(await tx.execute(sql`explain ${giftReachedSql(sql`${3}`, sql`${4}`)}`));
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toMatch(/Index Scan( Backward)? using rewards_in_stock_cost_idx on rewards/);
    expect(plan).not.toMatch(/Seq Scan on (rewards|stations)/);
  });

  it('tells members who opted in, once, that an activity of their union starts soon', async () => {
    const optedIn = await approvedMember();
    const notOptedIn = await approvedMember();
    const outsider = await t.loginAs('rider');
    for (const rider of [optedIn, outsider]) {
      const res = await t.call('PUT', '/notifications/settings', { as: rider, body: { activitySoon: true } });
      expect(res.body).toEqual({ activitySoon: true });
    }
    expect((await t.call('GET', '/notifications/settings', { as: notOptedIn })).body).toEqual({ activitySoon: false });
    const now = t.clock.now();
    // the district (an org above 卢沟桥) organises it: it is for 卢沟桥's members too
    const districtAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const soon = await createActivity(t, districtAdmin, { title: '丰台区骑手安全培训', orgId: t.orgIds.FT, startsAt: new Date(now.getTime() + 30 * 60_000).toISOString(), endsAt: new Date(now.getTime() + 2 * HOUR).toISOString() });
    await createActivity(t, admin, { title: '下周的活动', startsAt: new Date(now.getTime() + 50 * HOUR).toISOString(), endsAt: new Date(now.getTime() + 52 * HOUR).toISOString() });

    expect(await notifyActivitiesStartingSoon(t.db, now, 60)).toBeGreaterThanOrEqual(1);
    await notifyActivitiesStartingSoon(t.db, now, 60); // a second scan (or another instance) adds nothing
    const mine = (await inbox(optedIn)).body.items.filter((n: { kind: string }) => n.kind === 'activity_soon');
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toContain('丰台区骑手安全培训');
    expect((await inbox(notOptedIn)).body.items.some((n: { kind: string }) => n.kind === 'activity_soon')).toBe(false);
    expect((await inbox(outsider)).body.items).toHaveLength(0);
    void soon;
  });

  it('pages newest first with a cursor, marks read by ids (only the rider own) or all', async () => {
    const rider = await t.loginAs('rider');
    const other = await approvedMember();
    const base = Date.parse('2026-11-20T02:00:00.000Z');
    for (let i = 0; i < 5; i++) {
      await t.db.transaction((tx) => notify(tx, rider.userId, { kind: 'help_updated', helpRequestId: `h${i}`, status: `进展${i}` }, new Date(base + i * 60_000)));
    }
    const first = await inbox(rider, '?limit=2');
    expect(first.body.items.map((n: { title: string }) => n.title)).toEqual(['求助进展4', '求助进展3']);
    expect(first.body.unread).toBe(5);
    const second = await inbox(rider, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n: { title: string }) => n.title)).toEqual(['求助进展2', '求助进展1']);
    const third = await inbox(rider, `?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((n: { title: string }) => n.title)).toEqual(['求助进展0']);
    expect(third.body.nextCursor).toBeNull();

    const otherId = (await inbox(other)).body.items[0].id;
    const read = await t.call('POST', '/notifications/read', { as: rider, body: { ids: [first.body.items[0].id, otherId] } });
    expect(read.status).toBe(204);
    expect((await inbox(rider)).body.unread).toBe(4);
    expect((await inbox(other)).body.unread).toBe(1); // not touched
    expect((await t.call('POST', '/notifications/read', { as: rider, body: { all: true } })).status).toBe(204);
    const after = await inbox(rider);
    expect(after.body.unread).toBe(0);
    expect(after.body.items.every((n: { readAt: string | null }) => n.readAt)).toBe(true);
  });

  it('answers bad input with a 400 and writes nothing', async () => {
    const rider = await approvedMember();
    expectError(await t.call('POST', '/notifications/read', { as: rider, body: {} }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('POST', '/notifications/read', { as: rider, body: { ids: ['nope'] } }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('POST', '/notifications/read', { as: rider, body: { ids: [], all: true } }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('POST', '/notifications/read', { as: rider, body: { all: false } }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('POST', '/notifications/read', { as: rider, body: { all: true, extra: 1 } }), 400, 'VALIDATION_FAILED');
    expectError(await inbox(rider, '?limit=0'), 400, 'VALIDATION_FAILED');
    expectError(await inbox(rider, '?cursor=garbage'), 400, 'VALIDATION_FAILED');
    expectError(await t.call('PUT', '/notifications/settings', { as: rider, body: { activitySoon: 'yes' } }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('POST', '/notifications/subscriptions', { as: rider, body: { templateKind: 'spam', accepted: true } }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('POST', '/notifications/subscriptions', { as: rider, body: { templateKind: 'application_approved', accepted: false } }), 400, 'VALIDATION_FAILED');
    // no template configured in this app: recorded nowhere
    expectError(await t.call('POST', '/notifications/subscriptions', { as: rider, body: { templateKind: 'application_approved', accepted: true } }), 422, 'RULE_VIOLATION');
    expect((await inbox(rider)).body.unread).toBe(1);
    expectError(await t.call('GET', '/notifications'), 401, 'UNAUTHENTICATED');
    const rows = await t.db.select().from(notifications).where(eq(notifications.userId, rider.userId));
    expect(rows).toHaveLength(1);
  });
});
