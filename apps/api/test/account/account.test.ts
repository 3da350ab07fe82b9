import { eq } from 'drizzle-orm';
import { membershipApplications, reports, stampLedger, stationCheckinDaily, stationCheckins, users } from '@xfqs/db';
import { buildApp } from '../../src/app';
import { pruneLocations } from '../../src/features/account/retention';
import { expectError, type TestApp, type TestUser } from '../harness';
import { validApplication } from '../membership/helpers';
import { balanceOf, createStampsApp, createStation, giveStamps, sendReport } from '../stamps/helpers';

const DAY = 86_400_000;
let t: TestApp & { dataDir: string };
let admin: TestUser;
beforeAll(async () => {
  t = await createStampsApp();
  admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
});
afterAll(() => t.close());

async function stationCheckIn(rider: TestUser, stationId: string, where = { lat: 39.8501, lng: 116.2139 }) {
  const { code } = (await t.call('GET', `/stations/${stationId}/checkin-code`, { as: admin })).body;
  const res = await t.call('POST', `/stations/${stationId}/checkins`, { as: rider, body: { code, ...where } });
  expect(res.status).toBe(201);
  return res.body.checkin as { id: string; at: string };
}

const visitsOn = async (stationId: string, day: string) =>
  (await t.call('GET', `/stats/checkins?from=${day}&to=${day}`, { as: admin })).body.items.filter((i: { stationId: string }) => i.stationId === stationId);

describe('GET and DELETE /me/checkins', () => {
  it('show the rider their station and activity check-ins with locations, then erase them; stamps and visit counts stay', async () => {
    const rider = await t.loginAs('rider');
    const station = await createStation(t);
    const checkin = await stationCheckIn(rider, station.id);
    await giveStamps(t, rider, 2);
    const day = checkin.at.slice(0, 10);
    const before = await visitsOn(station.id, day);

    const history = await t.call('GET', '/me/checkins', { as: rider });
    expect(history.status).toBe(200);
    expect(history.headers['cache-control']).toBe('no-store');
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'station', id: checkin.id, stationId: station.id, lat: 39.8501, lng: 116.2139 }),
        expect.objectContaining({ kind: 'activity', lat: null, lng: null }),
      ]),
    );
    // another rider sees only their own
    expect((await t.call('GET', '/me/checkins', { as: await t.loginAs('rider') })).body.items).toEqual([]);

    const erased = await t.call('DELETE', '/me/checkins', { as: rider });
    expect(erased.status).toBe(204);
    expect((await t.call('GET', '/me/checkins', { as: rider })).body.items.filter((i: { kind: string }) => i.kind === 'station')).toEqual([]);
    expect(await t.db.select().from(stationCheckins).where(eq(stationCheckins.userId, rider.userId))).toEqual([]);
    expect(await balanceOf(t, rider)).toBe(2);
    expect(await visitsOn(station.id, day)).toEqual(before);
  });
});

describe('DELETE /me', () => {
  it('closes the account: tokens → 401, personal data erased or pseudonymised, the ledger keeps its sums', async () => {
    const rider = await t.loginAs('rider');
    const station = await createStation(t);
    await stationCheckIn(rider, station.id);
    await giveStamps(t, rider, 3);
    const applied = await t.call('POST', '/membership/applications', { as: rider, body: validApplication({ orgId: t.orgIds.LGQ, realName: '注销测试', workArea: '丰台区' }) });
    expect(applied.status).toBe(201);
    expect((await sendReport(t, rider)).status).toBe(201);

    const closed = await t.call('DELETE', '/me', { as: rider });
    expect(closed.status).toBe(204);

    expectError(await t.call('GET', '/me', { as: rider }), 401, 'UNAUTHENTICATED');
    expectError(await t.call('GET', '/me/checkins', { as: rider }), 401, 'UNAUTHENTICATED');
    expectError(await t.call('POST', `/stations/${station.id}/checkins`, { as: rider, body: { code: 'x' } }), 401, 'UNAUTHENTICATED');
    expectError(await t.call('POST', '/auth/refresh', { body: { refreshToken: rider.refreshToken } }), 401, 'UNAUTHENTICATED');

    const [row] = await t.db.select().from(users).where(eq(users.id, rider.userId));
    expect(row.openid).not.toBe(rider.openid);
    expect(row.nickname).toBeNull();
    expect(row.closedAt).not.toBeNull();
    const ledger = await t.db.select().from(stampLedger).where(eq(stampLedger.userId, rider.userId));
    expect(ledger.reduce((sum, l) => sum + l.amount, 0)).toBe(3);
    expect(await t.db.select().from(stationCheckins).where(eq(stationCheckins.userId, rider.userId))).toEqual([]);

    const application = await t.call('GET', `/membership/applications/${applied.body.id}/pii`, { as: admin });
    expect(application.body).toMatchObject({ realName: '（已注销）', idCardNumber: '', phone: '' });
    const view = await t.call('GET', `/membership/applications/${applied.body.id}`, { as: admin });
    expect(view.body).toMatchObject({ status: 'rejected', rejectReason: '申请人已注销账号', workArea: null });
    const [raw] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.id, applied.body.id));
    expect(raw.birthDate.endsWith('-01-01')).toBe(true);
    const [report] = await t.db.select().from(reports).where(eq(reports.userId, rider.userId));
    expect(report.address).toBeNull();

    // the same WeChat identity signing in again starts a new, empty account
    const again = await t.call('POST', '/auth/dev', { body: { openid: rider.openid } });
    expect(again.body.user.id).not.toBe(rider.userId);
    const me = await t.call('GET', '/me', { headers: { authorization: `Bearer ${again.body.accessToken}` } });
    expect(me.body).toMatchObject({ membership: { status: 'none' }, stamps: { balance: 0 } });
  });
});

describe('location retention', () => {
  it('folds raw check-ins older than LOCATION_RETENTION_DAYS into daily counts and blurs old report locations; newer ones stay', async () => {
    const rider = await t.loginAs('rider');
    const station = await createStation(t);
    t.clock.set('2026-01-10T04:00:00.000Z');
    const old = await stationCheckIn(rider, station.id);
    expect((await sendReport(t, rider, { category: 'traffic', description: '旧的随手拍', lat: 39.84567, lng: 116.21234, address: '卢沟桥路 1 号' })).status).toBe(201);
    t.clock.set('2026-05-01T04:00:00.000Z');
    const recent = await stationCheckIn(rider, station.id);
    const oldDay = await visitsOn(station.id, '2026-01-10');
    expect(oldDay).toEqual([expect.objectContaining({ visits: 1, uniqueRiders: 1 })]);

    t.clock.set(new Date(Date.parse('2026-01-10T04:00:00.000Z') + 181 * DAY));
    const result = await pruneLocations(t.db, t.clock.now(), t.config.locationRetentionDays);
    expect(result.checkinsFolded).toBeGreaterThanOrEqual(1);
    expect(result.reportsBlurred).toBeGreaterThanOrEqual(1);
    const left = await t.db.select({ id: stationCheckins.id }).from(stationCheckins).where(eq(stationCheckins.userId, rider.userId));
    expect(left.map((r) => r.id)).toEqual([recent.id]);
    expect(left.map((r) => r.id)).not.toContain(old.id);
    // the statistics do not change
    expect(await visitsOn(station.id, '2026-01-10')).toEqual(oldDay);
    expect(await t.db.select().from(stationCheckinDaily).where(eq(stationCheckinDaily.stationId, station.id))).toEqual([
      { day: '2026-01-10', stationId: station.id, visits: 1, uniqueRiders: 1 },
    ]);
    const [report] = await t.db.select().from(reports).where(eq(reports.description, '旧的随手拍'));
    expect([report.lat, report.lng, report.address]).toEqual([39.85, 116.21, null]);
    // running again changes nothing
    expect(await pruneLocations(t.db, t.clock.now(), t.config.locationRetentionDays)).toMatchObject({ checkinsFolded: 0, reportsBlurred: 0 });
    t.clock.release();
  });

  it('runs as a scheduled job of the server (PRUNE_INTERVAL_MINUTES), on the server clock', async () => {
    const rider = await t.loginAs('rider');
    const station = await createStation(t);
    t.clock.set('2025-06-01T04:00:00.000Z');
    const old = await stationCheckIn(rider, station.id);
    t.clock.set('2026-06-01T04:00:00.000Z');
    const server = await buildApp(t.config, { database: t.database, clock: t.clock, pruneIntervalMinutes: 60 });
    try {
      await server.ready();
      for (let i = 0; i < 100; i++) {
        const rows = await t.db.select().from(stationCheckins).where(eq(stationCheckins.id, old.id));
        if (rows.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await t.db.select().from(stationCheckins).where(eq(stationCheckins.id, old.id))).toEqual([]);
    } finally {
      await server.close();
      t.clock.release();
    }
  });
});
