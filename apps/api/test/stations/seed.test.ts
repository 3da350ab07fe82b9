import { eq } from 'drizzle-orm';
import { roleGrants, seedDemoData, stations } from '@xfqs/db';
import { haversineMetres, isContactPhone, validateOpeningHours } from '@xfqs/domain';
import { createTestApp, type TestApp } from '../harness';
import { FENGTAI } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo stations seed', () => {
  it('has at least 30 valid active stations around 丰台, the named ones among them', async () => {
    const rows = await t.db.select().from(stations);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const s of rows) {
      expect(validateOpeningHours(s.hours)).toEqual([]);
      expect(s.phone === null || isContactPhone(s.phone)).toBe(true);
      expect(haversineMetres(FENGTAI, s)).toBeLessThan(25_000);
      expect(s.status).toBe('active');
    }
    const names = rows.map((s) => `${s.name} ${s.address}`).join('\n');
    for (const named of ['巴厘岛快递公寓', '新丰路88号', '顺丰丰体服务部', '梅市口路183号', '大井村260号大成路服务部', '东高地街道总工会服务站', '万源楼宇工会服务站', '航天万源商务楼宇党群服务中心', '万源广场']) {
      expect(names).toContain(named);
    }
    // varied hours and kinds: around the clock, past midnight, weekdays only; partner shops
    expect(rows.some((s) => s.hours.alwaysOpen)).toBe(true);
    expect(rows.some((s) => s.hours.weekly.some((w) => w.close < w.open))).toBe(true);
    expect(rows.some((s) => !s.hours.alwaysOpen && s.hours.weekly.every((w) => w.days.every((d) => d <= 5)))).toBe(true);
    expect(rows.filter((s) => s.kind === 'partner_shop').length).toBeGreaterThanOrEqual(3);
    // and the nearby search finds 30 of them within 25 km of 丰台
    const near = await t.call('GET', `/stations/nearby?lat=${FENGTAI.lat}&lng=${FENGTAI.lng}&radiusM=25000&limit=50`);
    expect(near.body.items.length).toBeGreaterThanOrEqual(30);
  });

  it('makes demo-staff staff of the first station, which belongs to 卢沟桥街道总工会', async () => {
    const [first] = await t.db.select().from(stations).where(eq(stations.externalCode, 'LGQ-001'));
    expect(first).toMatchObject({ orgId: t.orgIds.LGQ, name: '巴厘岛快递公寓工会驿站' });
    const login = await t.call('POST', '/auth/dev', { body: { openid: 'demo-staff' } });
    const staff = { headers: { authorization: `Bearer ${login.body.accessToken}` } } as never;
    const me = await t.call('GET', '/me', { as: staff });
    expect(me.body.roles).toContainEqual({ role: 'station_staff', stationId: first.id, stationName: '巴厘岛快递公寓工会驿站' });
    expect((await t.call('GET', `/stations/${first.id}/checkin-code`, { as: staff })).status).toBe(200);
  });

  it('is idempotent: seeding again adds no station and no grant, and keeps edits', async () => {
    const count = async () => ({ stations: (await t.db.select().from(stations)).length, grants: (await t.db.select().from(roleGrants)).length });
    const before = await count();
    const [first] = await t.db.select().from(stations).where(eq(stations.externalCode, 'LGQ-001'));
    await t.db.update(stations).set({ phone: '010-63800000' }).where(eq(stations.id, first.id));
    await seedDemoData(t.db);
    await seedDemoData(t.db);
    expect(await count()).toEqual(before);
    const [again] = await t.db.select().from(stations).where(eq(stations.id, first.id));
    expect(again.phone).toBe('010-63800000');
  });
});
