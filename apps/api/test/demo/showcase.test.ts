import { eq } from 'drizzle-orm';
import { activities, DEMO_REDEMPTION_CODE, membershipApplications, redemptions, reports, seedDemoData, stampLedger, stationCheckins, users } from '@xfqs/db';
import { shanghaiDay } from '@xfqs/domain';
import { demoShowcasePorts } from '../../src/demo-showcase';
import { createTestApp, type TestApp } from '../harness';

/**
 * The demo's week of life (issue 11 item 9), seeded as the server seeds a new embedded database,
 * then read back through the API as each demo user sees it.
 */
let t: TestApp;
const now = new Date();
const as = async (openid: string) => {
  const login = await t.call('POST', '/auth/dev', { body: { openid } });
  return { headers: { authorization: `Bearer ${login.body.accessToken}` } } as never;
};
/** The Asia/Shanghai day of an instant (UTC+8 all year). */

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.db, { showcase: demoShowcasePorts(t.config), now });
});
afterAll(() => t.close());

describe('demo showcase seed', () => {
  it('makes demo-rider an approved member with 7 stamps and a week of station visits', async () => {
    const rider = await as('demo-rider');
    const membership = await t.call('GET', '/membership/me', { as: rider });
    expect(membership.body).toMatchObject({ status: 'approved' });
    expect(membership.body.memberNo).toMatch(/^LGQ-\d{4}-\d{6}$/);
    const stamps = await t.call('GET', '/stamps/me', { as: rider });
    expect(stamps.body).toMatchObject({ balance: 7, total: 7 });
    expect(stamps.body.items.length).toBe(4);
    const [user] = await t.db.select({ id: users.id }).from(users).where(eq(users.openid, 'demo-rider'));
    const visits = await t.db.select().from(stationCheckins).where(eq(stationCheckins.userId, user.id));
    expect(visits.length).toBe(5);
    // (`now-90` may fall on the day before, just after midnight in Beijing)
    expect(new Set(visits.map((v) => shanghaiDay(v.at))).size).toBeGreaterThanOrEqual(4);
  });

  it('gives demo-admin pending applications (readable, masked) and pending 随手拍 reports with photos', async () => {
    const admin = await as('demo-admin');
    const pending = await t.call('GET', `/membership/applications?status=pending&orgId=${t.orgIds.LGQ}`, { as: admin });
    expect(pending.status).toBe(200);
    expect(pending.body.items.length).toBeGreaterThanOrEqual(4);
    // Sealed with the server's own key: the masked phone reads back.
    expect(pending.body.items.map((i: { phone: string }) => i.phone)).toContain('138****8006');
    const waiting = await t.call('GET', '/reports?status=pending', { as: admin });
    expect(waiting.body.items.length).toBeGreaterThanOrEqual(3);
    // Reviewers read a place, not coordinates: the nearest station and how far.
    const manhole = waiting.body.items.find((r: { description: string }) => r.description === '卢沟桥路口井盖破损，电动车容易摔倒');
    expect(manhole.nearestStation).toMatchObject({ name: '巴厘岛快递公寓工会驿站' });
    expect(manhole.nearestStation.distanceM).toBeGreaterThan(20);
    expect(manhole.nearestStation.distanceM).toBeLessThan(150);
    const photo = await t.call('GET', `/reports/${waiting.body.items[0].id}/photo`, { as: admin });
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
  });

  it('has a rider with 10+ stamps whose gift code demo-staff can fulfil at once', async () => {
    const gold = await t.call('GET', '/stamps/me', { as: await as('demo-rider-gold') });
    expect(gold.body.balance).toBeGreaterThanOrEqual(10);
    const staff = await as('demo-staff');
    const fulfilled = await t.call('POST', '/redemptions/fulfill', { as: staff, body: { code: 'demogift' } });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.redemption.status).toBe('fulfilled');
    expect((await t.call('GET', '/stamps/me', { as: await as('demo-rider-gold') })).body.balance).toBe(gold.body.balance - 10);
  });

  it('spreads applications, stamps and visits over the last 7 Beijing days, never in the future, so the dashboard has shape', async () => {
    const admin = await as('demo-admin');
    const to = shanghaiDay(now);
    const from = shanghaiDay(new Date(now.getTime() - 6 * 86_400_000));
    const members = await t.call('GET', `/stats/membership/daily?from=${from}&to=${to}`, { as: admin });
    const stamps = await t.call('GET', `/stats/stamps/daily?from=${from}&to=${to}`, { as: admin });
    const visits = await t.call('GET', `/stats/checkins?from=${from}&to=${to}`, { as: admin });
    const busyDays = (items: Array<Record<string, unknown>>, key: string) => new Set(items.filter((i) => Number(i[key]) > 0).map((i) => i.date)).size;
    expect(busyDays(members.body.items, 'submitted')).toBeGreaterThanOrEqual(5);
    expect(busyDays(members.body.items, 'approved')).toBeGreaterThanOrEqual(4);
    expect(busyDays(stamps.body.items, 'stampsIssued')).toBeGreaterThanOrEqual(4);
    expect(busyDays(visits.body.items, 'visits')).toBeGreaterThanOrEqual(5);

    const times = [
      ...(await t.db.select({ at: membershipApplications.submittedAt }).from(membershipApplications)).map((r) => r.at),
      // (the spend row of the fulfilment above is today's, not the seed's)
      ...(await t.db.select({ at: stampLedger.at }).from(stampLedger).where(eq(stampLedger.kind, 'earn'))).map((r) => r.at),
      ...(await t.db.select({ at: stationCheckins.at }).from(stationCheckins)).map((r) => r.at),
      ...(await t.db.select({ at: reports.createdAt }).from(reports)).map((r) => r.at),
    ];
    expect(times.length).toBeGreaterThan(30);
    for (const at of times) {
      expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(at.getTime()).toBeGreaterThan(now.getTime() - 7 * 86_400_000);
    }
  });

  it('has activities on now, later and in the past', async () => {
    const rows = await t.db.select().from(activities);
    expect(rows.some((a) => a.startsAt <= now && a.endsAt > now)).toBe(true);
    expect(rows.some((a) => a.startsAt > now)).toBe(true);
    expect(rows.some((a) => a.endsAt < now)).toBe(true);
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const count = async () => ({
      applications: (await t.db.select().from(membershipApplications)).length,
      ledger: (await t.db.select().from(stampLedger)).length,
      visits: (await t.db.select().from(stationCheckins)).length,
      reports: (await t.db.select().from(reports)).length,
      activities: (await t.db.select().from(activities)).length,
      redemptions: (await t.db.select().from(redemptions)).length,
    });
    const before = await count();
    await seedDemoData(t.db, { showcase: demoShowcasePorts(t.config), now: new Date() });
    expect(await count()).toEqual(before);
    expect(DEMO_REDEMPTION_CODE).toBe('DEM0G1FT');
  });
});
