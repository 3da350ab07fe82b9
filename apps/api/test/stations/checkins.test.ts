import QRCode from 'qrcode';
import { and, eq } from 'drizzle-orm';
import { stationCheckins } from '@xfqs/db';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { streetAdmins } from '../membership/helpers';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { createStation } from './helpers';

let t: TestApp;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ({ lgqAdmin, dgdAdmin } = await streetAdmins(t));
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const codeOf = async (stationId: string, as: TestUser = lgqAdmin) => {
  const res = await t.call('GET', `/stations/${stationId}/checkin-code`, { as });
  expect(res.status).toBe(200);
  return res.body as { code: string; url: string; version: number };
};
const checkIn = (stationId: string, as: TestUser, body: Record<string, unknown>) => t.call('POST', `/stations/${stationId}/checkins`, { as, body });
const rowsOf = (stationId: string, userId: string) =>
  t.db.select().from(stationCheckins).where(and(eq(stationCheckins.stationId, stationId), eq(stationCheckins.userId, userId)));

describe('check-in codes', () => {
  it('are shown to the station’s staff and to admins of its org subtree, not to others', async () => {
    const station = await createStation(t, { orgId: t.orgIds.LGQ });
    const other = await createStation(t, { orgId: t.orgIds.LGQ });
    const staff = await t.loginAs('station_staff', { stationId: station.id });
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const fromStaff = await codeOf(station.id, staff);
    expect(fromStaff).toEqual(await codeOf(station.id, lgqAdmin));
    expect(fromStaff).toEqual(await codeOf(station.id, district));
    expect(fromStaff.code).toMatch(/^1\.[A-Za-z0-9_-]{22}$/);
    expect(fromStaff.url).toBe(`/pages/stations/checkin?stationId=${station.id}&code=${fromStaff.code}`);
    expect(fromStaff.url.length).toBeLessThan(120);
    expectError(await t.call('GET', `/stations/${other.id}/checkin-code`, { as: staff }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/stations/${station.id}/checkin-code`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/stations/${station.id}/checkin-code`, { as: await t.loginAs('rider') }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/stations/${station.id}/checkin-code`), 401, 'UNAUTHENTICATED');
    expectError(await t.call('GET', '/stations/00000000-0000-4000-8000-000000000000/checkin-code', { as: lgqAdmin }), 404, 'NOT_FOUND');
  });

  it('renders the QR as a PNG', async () => {
    const station = await createStation(t);
    const staff = await t.loginAs('station_staff', { stationId: station.id });
    const res = await t.call('GET', `/stations/${station.id}/checkin-code.png`, { as: staff });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.raw.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(res.raw.length).toBeGreaterThan(500);
    expectError(await t.call('GET', `/stations/${station.id}/checkin-code.png`, { as: dgdAdmin }), 403, 'FORBIDDEN');
  });

  it('with PUBLIC_BASE_URL set, the QR holds an absolute URL on that origin (the code itself is the same)', async () => {
    const station = await createStation(t);
    const withBase = await buildApp(loadConfig({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'https://xfqs.example.cn' }), { database: t.database, clock: t.clock });
    try {
      const get = (url: string) => withBase.inject({ method: 'GET', url: `/api/v1${url}`, headers: lgqAdmin.headers });
      const res = await get(`/stations/${station.id}/checkin-code`);
      expect(res.statusCode).toBe(200);
      const { code, url } = res.json() as { code: string; url: string };
      expect(code).toBe((await codeOf(station.id)).code);
      expect(url).toBe(`https://xfqs.example.cn/pages/stations/checkin?stationId=${station.id}&code=${code}`);
      // and the printable QR encodes exactly that URL (same encoder, same options as the route)
      const png = await get(`/stations/${station.id}/checkin-code.png`);
      expect(png.statusCode).toBe(200);
      expect(png.rawPayload.equals(await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 }))).toBe(true);
    } finally {
      await withBase.close();
    }
  });

  it('a forged code, another station’s code and a rotated-out code are 422 INVALID_CODE', async () => {
    const a = await createStation(t);
    const b = await createStation(t);
    const rider = await t.loginAs('rider');
    const codeA = (await codeOf(a.id)).code;
    const codeB = (await codeOf(b.id)).code;
    const [, sig] = codeA.split('.');
    const forged = `1.${(sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)}`;
    for (const code of [forged, codeB, '1.aaaaaaaaaaaaaaaaaaaaaa', 'hello', `2.${sig}`]) {
      expectError(await checkIn(a.id, rider, { code }), 422, 'INVALID_CODE');
    }
    expect(await rowsOf(a.id, rider.userId)).toHaveLength(0);

    const staff = await t.loginAs('station_staff', { stationId: a.id });
    const rotated = await t.call('POST', `/stations/${a.id}/checkin-code/rotate`, { as: staff });
    expect(rotated.status).toBe(200);
    expect(rotated.body.version).toBe(2);
    expect(rotated.body.code).not.toBe(codeA);
    expect(await codeOf(a.id)).toEqual(rotated.body);
    expectError(await checkIn(a.id, rider, { code: codeA }), 422, 'INVALID_CODE');
    expect((await checkIn(a.id, rider, { code: rotated.body.code })).status).toBe(201);
    expectError(await t.call('POST', `/stations/${a.id}/checkin-code/rotate`, { as: dgdAdmin }), 403, 'FORBIDDEN');
  });

  it('a closed station takes no check-ins', async () => {
    const station = await createStation(t);
    const { code } = await codeOf(station.id);
    await t.call('PATCH', `/stations/${station.id}`, { as: lgqAdmin, body: { status: 'closed' } });
    expectError(await checkIn(station.id, await t.loginAs('rider'), { code }), 422, 'INVALID_CODE');
  });
});

describe('POST /stations/:id/checkins', () => {
  it('checks a rider in (201), then answers repeats within 4 h with the first check-in (200)', async () => {
    const station = await createStation(t);
    const { code } = await codeOf(station.id);
    const rider = await t.loginAs('rider');
    t.clock.set('2026-11-25T02:00:00Z');
    const first = await checkIn(station.id, rider, { code, lat: 39.8585, lng: 116.2867 });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ checkin: { id: expect.any(String), stationId: station.id, at: '2026-11-25T02:00:00.000Z' }, duplicate: false });

    t.clock.set('2026-11-25T05:59:59Z'); // 3 h 59 min 59 s later
    const repeat = await checkIn(station.id, rider, { code });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual({ checkin: first.body.checkin, duplicate: true });

    t.clock.set('2026-11-25T06:00:00Z'); // exactly 4 h later: a new visit
    const later = await checkIn(station.id, rider, { code });
    expect(later.status).toBe(201);
    expect(later.body.checkin.id).not.toBe(first.body.checkin.id);

    // another rider, or the same rider at another station, is not a duplicate
    t.clock.set('2026-11-25T06:30:00Z');
    expect((await checkIn(station.id, await t.loginAs('rider'), { code })).status).toBe(201);
    const other = await createStation(t);
    expect((await checkIn(other.id, rider, { code: (await codeOf(other.id)).code })).status).toBe(201);

    const rows = await rowsOf(station.id, rider.userId);
    expect(rows.map((r) => r.at.toISOString()).sort()).toEqual(['2026-11-25T02:00:00.000Z', '2026-11-25T06:00:00.000Z']);
    expect(rows.find((r) => r.at.toISOString() === '2026-11-25T02:00:00.000Z')).toMatchObject({ lat: 39.8585, lng: 116.2867 });
  });

  it('20 identical requests at once leave exactly one row: one 201, nineteen duplicates of it', async () => {
    const station = await createStation(t);
    const { code } = await codeOf(station.id);
    const rider = await t.loginAs('rider');
    t.clock.set('2026-11-25T08:00:00Z');
    const results = await Promise.all(Array.from({ length: 20 }, () => checkIn(station.id, rider, { code })));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    const created = results.find((r) => r.status === 201)!.body.checkin;
    for (const r of results) expect(r.body.checkin).toEqual(created);
    expect(await rowsOf(station.id, rider.userId)).toHaveLength(1);
  });

  it('validates the body and needs a signed-in rider', async () => {
    const station = await createStation(t);
    const { code } = await codeOf(station.id);
    const rider = await t.loginAs('rider');
    expectError(await t.call('POST', `/stations/${station.id}/checkins`, { body: { code } }), 401, 'UNAUTHENTICATED');
    const fields = async (body: Record<string, unknown>) => expectError(await checkIn(station.id, rider, body), 400, 'VALIDATION_FAILED').details!.map((d) => d.field);
    expect(await fields({})).toEqual(['code']);
    expect(await fields({ code, lat: 39.9 })).toEqual(['lng']);
    expect(await fields({ code, lat: 95, lng: 116 })).toEqual(['lat']);
    expect(await fields({ code, stationId: station.id })).toEqual(['stationId']);
    expectError(await checkIn('00000000-0000-4000-8000-000000000000', rider, { code }), 404, 'NOT_FOUND');
  });
});

describe('GET /stats/checkins', () => {
  it('counts visits and unique riders per station per Beijing day; 23:30 Beijing time counts on that day', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const org = (await t.call('POST', '/orgs', { as: superAdmin, body: { name: '统计测试工会', kind: 'street', parentId: t.orgIds.LGQ } })).body.id;
    const admin = await t.loginAs('org_admin', { orgId: org });
    const a = await createStation(t, { orgId: org, name: '一号站' });
    const b = await createStation(t, { orgId: org, name: '二号站' });
    const [codeA, codeB] = [(await codeOf(a.id)).code, (await codeOf(b.id)).code];
    const [r1, r2] = [await t.loginAs('rider'), await t.loginAs('rider')];
    const at = async (instant: string, station: string, rider: TestUser, code: string) => {
      t.clock.set(instant);
      return (await checkIn(station, rider, { code })).status;
    };
    expect(await at('2026-11-24T15:30:00Z', a.id, r1, codeA)).toBe(201); // 11-24 23:30 Beijing
    expect(await at('2026-11-24T15:45:00Z', a.id, r2, codeA)).toBe(201); // 11-24 23:45
    expect(await at('2026-11-24T16:10:00Z', a.id, r1, codeA)).toBe(200); // 11-25 00:10, duplicate: not a visit
    expect(await at('2026-11-24T20:00:00Z', a.id, r1, codeA)).toBe(201); // 11-25 04:00
    expect(await at('2026-11-25T01:00:00Z', a.id, r1, codeA)).toBe(201); // 11-25 09:00
    expect(await at('2026-11-25T02:00:00Z', b.id, r2, codeB)).toBe(201); // 11-25 10:00
    expect(await at('2026-11-25T16:00:00Z', b.id, r2, codeB)).toBe(201); // 11-26 00:00

    const res = await t.call('GET', `/stats/checkins?orgId=${org}&from=2026-11-24&to=2026-11-26`, { as: admin });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { date: '2026-11-24', stationId: a.id, stationName: '一号站', visits: 2, uniqueRiders: 2 },
      { date: '2026-11-25', stationId: a.id, stationName: '一号站', visits: 2, uniqueRiders: 1 },
      { date: '2026-11-25', stationId: b.id, stationName: '二号站', visits: 1, uniqueRiders: 1 },
      { date: '2026-11-26', stationId: b.id, stationName: '二号站', visits: 1, uniqueRiders: 1 },
    ]);
    // `from`/`to` are inclusive Beijing days
    const oneDay = await t.call('GET', `/stats/checkins?orgId=${org}&from=2026-11-25&to=2026-11-25`, { as: admin });
    expect(oneDay.body.items.map((i: { date: string; visits: number }) => [i.date, i.visits])).toEqual([
      ['2026-11-25', 2],
      ['2026-11-25', 1],
    ]);
    // orgId defaults to the admin's own org; `to` to today and `from` to 29 days before
    t.clock.set('2026-11-26T03:00:00Z');
    expect((await t.call('GET', '/stats/checkins', { as: admin })).body).toEqual(res.body);
    // an ancestor's admin sees them too
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const fromDistrict = await t.call('GET', `/stats/checkins?from=2026-11-24&to=2026-11-26`, { as: district });
    expect(fromDistrict.body.items).toEqual(expect.arrayContaining(res.body.items));
  });

  it('is scoped to the admin’s subtree: another street’s admin cannot see it', async () => {
    const station = await createStation(t, { orgId: t.orgIds.LGQ, name: '卢沟桥统计站' });
    t.clock.set('2026-11-20T04:00:00Z');
    expect((await checkIn(station.id, await t.loginAs('rider'), { code: (await codeOf(station.id)).code })).status).toBe(201);
    expectError(await t.call('GET', `/stats/checkins?orgId=${t.orgIds.LGQ}&from=2026-11-20&to=2026-11-20`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    const own = await t.call('GET', '/stats/checkins?from=2026-11-20&to=2026-11-20', { as: dgdAdmin });
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { stationId: string }) => i.stationId)).not.toContain(station.id);
    const lgq = await t.call('GET', '/stats/checkins?from=2026-11-20&to=2026-11-20', { as: lgqAdmin });
    expect(lgq.body.items).toEqual([{ date: '2026-11-20', stationId: station.id, stationName: '卢沟桥统计站', visits: 1, uniqueRiders: 1 }]);
    expectError(await t.call('GET', '/stats/checkins', { as: await t.loginAs('station_staff', { stationId: station.id }) }), 403, 'FORBIDDEN');
  });

  it('validates the day range', async () => {
    const bad = async (qs: string) => expectError(await t.call('GET', `/stats/checkins?${qs}`, { as: lgqAdmin }), 400, 'VALIDATION_FAILED').details!.map((d) => d.field);
    expect(await bad('from=2026-11-26&to=2026-11-25')).toEqual(['from']);
    expect(await bad('from=2024-01-01&to=2026-11-25')).toEqual(['to']);
    expect(await bad('from=2026-13-01')).toEqual(['from']);
    expect(await bad('to=yesterday')).toEqual(['to']);
    expect(await bad('station=1')).toEqual(['station']);
  });
});
