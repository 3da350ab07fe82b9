import { eq } from 'drizzle-orm';
import { activities, rewards, seedDemoData, stations } from '@xfqs/db';
import { describeInProcess, readUntil } from '../harness';
import { checkIn, createActivity, createStampsApp, currentToken, findActivity, loginStaff, reportFields, sendReport } from './helpers';

let t: Awaited<ReturnType<typeof createStampsApp>>;
beforeAll(async () => {
  t = await createStampsApp();
});
afterAll(() => t.close());

// Through a deployment (jest project deploy) its database holds the demo week and other journeys' data.
describeInProcess('demo seed', 'it counts the rows of a freshly seeded database', () => {
  it('seeds rewards at the first two 卢沟桥 stations of the stations seed and one activity, idempotently', async () => {
    const [first] = await t.db.select().from(stations).where(eq(stations.externalCode, 'LGQ-001'));
    const [second] = await t.db.select().from(stations).where(eq(stations.externalCode, 'LGQ-002'));
    const [third] = await t.db.select().from(stations).where(eq(stations.externalCode, 'LGQ-003'));
    await seedDemoData(t.db);
    await seedDemoData(t.db);
    const seeded = await t.db.select().from(rewards);
    expect(seeded).toHaveLength(10);
    expect(new Set(seeded.map((r) => r.stationId))).toEqual(new Set([first.id, second.id]));
    expect(seeded.filter((r) => r.stationId === third.id)).toHaveLength(0);
    expect(seeded.filter((r) => r.stationId === first.id).map((r) => r.name).sort()).toEqual(['保温杯', '充电宝', '冰袖', '手套', '雨衣'].sort());
    expect(await t.db.select().from(activities).where(eq(activities.orgId, t.orgIds.LGQ))).toHaveLength(1);
  });
});

describe('a rider’s journey', () => {
  it('earns 10 stamps from activities and reports and redeems a gift at a station', async () => {
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const rider = await t.loginAs('rider');
    const [seededCuffs] = await t.db.select().from(rewards).where(eq(rewards.name, '冰袖')).limit(1);
    const stationId = seededCuffs.stationId;

    // the seeded volunteer activity, scanned from the organiser's phone
    const seeded = await findActivity(t, admin, '卢沟桥街道先锋骑士志愿服务');
    expect((await checkIn(t, rider, seeded.id, { token: await currentToken(t, admin, seeded.id) })).status).toBe(201);
    // a training worth 5 and a meeting worth 1
    for (const stamps of [5, 1]) {
      const activity = await createActivity(t, admin, { kind: stamps === 5 ? 'training' : 'meeting', stamps });
      expect((await checkIn(t, rider, activity.id, { token: await currentToken(t, admin, activity.id) })).status).toBe(201);
    }
    // three 随手拍 reports, accepted
    for (let i = 0; i < 3; i++) {
      const report = await sendReport(t, rider, reportFields({ orgId: t.orgIds.LGQ }));
      expect((await t.call('POST', `/reports/${report.body.id}/accept`, { as: admin })).body.stampAwarded).toBe(true);
    }
    const card = await t.call('GET', '/stamps/me', { as: rider });
    expect(card.body).toMatchObject({ balance: 10, total: 10, goal: 10 });
    expect(card.body.items).toHaveLength(6);

    const offer = await t.call('GET', `/rewards?stationId=${stationId}`, { as: rider });
    const cuffs = offer.body.items.find((r: { name: string }) => r.name === '冰袖');
    expect(cuffs.affordable).toBe(true);
    const redemption = await t.call('POST', '/redemptions', { as: rider, body: { stationId, rewardId: cuffs.id } });
    expect(redemption.status).toBe(201);

    const staff = await loginStaff(t, stationId);
    const done = await t.call('POST', '/redemptions/fulfill', { as: staff, body: { code: redemption.body.code } });
    expect(done.status).toBe(200);
    expect(done.body.balanceAfter).toBe(0);
    const after = await t.call('GET', '/stamps/me', { as: rider });
    expect(after.body).toMatchObject({ balance: 0, total: 10, redemptions: [{ rewardName: '冰袖', cost: 10 }] });
    // Anonymous, so answered from the replica when there is one (asynchronous in a deployment): read until it has caught up.
    const stockNow = async () => (await t.call('GET', `/rewards?stationId=${stationId}`)).body.items.find((r: { name: string }) => r.name === '冰袖').stock as number;
    expect(await readUntil(stockNow, (stock) => stock === cuffs.stock - 1)).toBe(cuffs.stock - 1);
  });
});
