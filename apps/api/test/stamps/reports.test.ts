import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import { reports, stampLedger, stations } from '@xfqs/db';
import { expectError, type TestUser } from '../harness';
import { LUGOUQIAO, createStampsApp, createStation, exifHasGps, formData, jpeg, loginStaff, reportFields, sendReport } from './helpers';

let t: Awaited<ReturnType<typeof createStampsApp>>;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
const DONGGAODI = { lat: 39.8398, lng: 116.4225 };

beforeAll(async () => {
  t = await createStampsApp();
  lgqAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
  dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const reportStamps = (userId: string) =>
  t.db.select().from(stampLedger).where(and(eq(stampLedger.userId, userId), eq(stampLedger.source, 'report')));

describe('which org a report belongs to', () => {
  it('with no active station anywhere and no orgId, the report cannot be routed: 422', async () => {
    await t.db.update(stations).set({ status: 'closed' }); // the demo seed's stations; this file places its own
    await t.app.nearby.reload();
    expectError(await sendReport(t, await t.loginAs('rider')), 422, 'RULE_VIOLATION');
  });

  it('goes to the org of the nearest active station, or to orgId when given', async () => {
    await createStation(t, { orgId: t.orgIds.LGQ, ...LUGOUQIAO });
    await createStation(t, { orgId: t.orgIds.DGD, ...DONGGAODI });
    // a closed DGD station right at 卢沟桥 is not a candidate
    await createStation(t, { orgId: t.orgIds.DGD, lat: LUGOUQIAO.lat + 0.0001, lng: LUGOUQIAO.lng, status: 'closed' });
    const rider = await t.loginAs('rider');

    const near = await sendReport(t, rider, reportFields({ lat: LUGOUQIAO.lat + 0.001, lng: LUGOUQIAO.lng }));
    expect(near.status).toBe(201);
    expect(near.body).toMatchObject({ status: 'pending', orgId: t.orgIds.LGQ, category: 'safety_hazard', userId: rider.userId });
    const east = await sendReport(t, rider, reportFields({ lat: DONGGAODI.lat, lng: DONGGAODI.lng + 0.002, address: '东高地某路口' }));
    expect(east.body).toMatchObject({ orgId: t.orgIds.DGD, address: '东高地某路口' });
    const named = await sendReport(t, rider, reportFields({ orgId: t.orgIds.FT }));
    expect(named.body.orgId).toBe(t.orgIds.FT);
    const unknownOrg = expectError(await sendReport(t, rider, reportFields({ orgId: '00000000-0000-4000-8000-000000000000' })), 400, 'VALIDATION_FAILED');
    expect(unknownOrg.details!.map((d) => d.field)).toEqual(['orgId']);
  });
});

describe('upload checks', () => {
  it('a text file named .png and declared image/png is 415', async () => {
    const form = await formData(reportFields(), { photo: { data: Buffer.from('this is not a picture at all\n'), filename: 'photo.png', type: 'image/png' } });
    expectError(await t.call('POST', '/reports', { as: await t.loginAs('rider'), body: form.body, headers: form.headers }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('real images of other formats (GIF, SVG) are 415; a PNG named .txt is recognised by its bytes', async () => {
    const rider = await t.loginAs('rider');
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>');
    for (const [data, filename, type] of [[gif, 'a.jpg', 'image/jpeg'], [svg, 'a.png', 'image/png']] as const) {
      const form = await formData(reportFields(), { photo: { data, filename, type } });
      expectError(await t.call('POST', '/reports', { as: rider, body: form.body, headers: form.headers }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#0f08' } }).png().toBuffer();
    const form = await formData(reportFields(), { photo: { data: png, filename: 'notes.txt', type: 'text/plain' } });
    const res = await t.call('POST', '/reports', { as: rider, body: form.body, headers: form.headers });
    expect(res.status).toBe(201);
    const photo = await t.call('GET', `/reports/${res.body.id}/photo`, { as: rider });
    expect(photo.headers['content-type']).toBe('image/png');
    expect((await sharp(photo.raw).metadata()).format).toBe('png');
  });

  it('a file over 5 MiB is 413, and nothing is stored', async () => {
    const rider = await t.loginAs('rider');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0xff);
    const form = await formData(reportFields(), { photo: { data: big, filename: 'big.jpg', type: 'image/jpeg' } });
    expectError(await t.call('POST', '/reports', { as: rider, body: form.body, headers: form.headers }), 413, 'PAYLOAD_TOO_LARGE');
    expect(await t.db.select().from(reports).where(eq(reports.userId, rider.userId))).toHaveLength(0);
  });

  it('a photo of up to 5 MiB is taken', async () => {
    // noise does not compress: a 1200×1200 JPEG at quality 100 is a few MiB
    const noise = Buffer.alloc(1200 * 1200 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const photo = await sharp(noise, { raw: { width: 1200, height: 1200, channels: 3 } }).jpeg({ quality: 100 }).toBuffer();
    expect(photo.length).toBeGreaterThan(1024 * 1024);
    expect(photo.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect((await sendReport(t, await t.loginAs('rider'), reportFields(), photo)).status).toBe(201);
  });

  it('EXIF (GPS position, camera) is stripped and the photo turned upright before anyone sees it', async () => {
    const rider = await t.loginAs('rider');
    const original = await jpeg({ width: 64, height: 48, gps: true });
    const before = await sharp(original).metadata();
    expect(before.exif?.toString('latin1')).toContain('TestPhone');
    expect(exifHasGps(before.exif)).toBe(true);
    expect(exifHasGps((await sharp(await jpeg()).metadata()).exif)).toBe(false);
    expect(before.orientation).toBe(6);

    const res = await sendReport(t, rider, reportFields(), original);
    expect(res.status).toBe(201);
    const served = await t.call('GET', `/reports/${res.body.id}/photo`, { as: lgqAdmin });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const after = await sharp(served.raw).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([48, 64]); // orientation 6 = rotate 90°
    expect(served.raw.includes(Buffer.from('TestPhone'))).toBe(false);

    // and the file at rest is that same clean photo
    const [row] = await t.db.select({ key: reports.photoKey }).from(reports).where(eq(reports.id, res.body.id));
    const stored = fs.readFileSync(path.join(t.dataDir, 'uploads', ...row.key.split('/')));
    expect(stored.equals(served.raw)).toBe(true);
  });

  it('missing fields are a 400 naming each of them', async () => {
    const rider = await t.loginAs('rider');
    const { category: _c, lat: _l, ...rest } = reportFields();
    const withoutFields = await formData(rest, { photo: { data: await jpeg(), filename: 'p.jpg', type: 'image/jpeg' } });
    let err = expectError(await t.call('POST', '/reports', { as: rider, body: withoutFields.body, headers: withoutFields.headers }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field).sort()).toEqual(['category', 'lat']);

    const withoutPhoto = await formData(reportFields());
    err = expectError(await t.call('POST', '/reports', { as: rider, body: withoutPhoto.body, headers: withoutPhoto.headers }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['photo']);

    const photoAsText = await formData({ ...reportFields(), photo: 'data:image/jpeg;base64,AAAA' });
    err = expectError(await t.call('POST', '/reports', { as: rider, body: photoAsText.body, headers: photoAsText.headers }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['photo']);

    const extra = await formData({ ...reportFields(), status: 'accepted', category: 'graffiti', lat: 200 }, { photo: { data: await jpeg(), filename: 'p.jpg', type: 'image/jpeg' } });
    err = expectError(await t.call('POST', '/reports', { as: rider, body: extra.body, headers: extra.headers }), 400, 'VALIDATION_FAILED');
    expect([...new Set(err.details!.map((d) => d.field))].sort()).toEqual(['category', 'lat', 'status']);

    const empty = await formData({});
    err = expectError(await t.call('POST', '/reports', { as: rider, body: empty.body, headers: empty.headers }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field).sort()).toEqual(['category', 'description', 'lat', 'lng', 'photo']);
  });

  it('a JSON body is 415, and signing in is required', async () => {
    expectError(await t.call('POST', '/reports', { as: await t.loginAs('rider'), body: reportFields() }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = await formData(reportFields(), { photo: { data: await jpeg(), filename: 'p.jpg', type: 'image/jpeg' } });
    expectError(await t.call('POST', '/reports', { body: form.body, headers: form.headers }), 401, 'UNAUTHENTICATED');
  });
});

describe('photo access', () => {
  it('only the reporter and admins of the report’s org (or above) see the photo', async () => {
    const rider = await t.loginAs('rider');
    const { body } = await sendReport(t, rider);
    const photoPath = `/reports/${body.id}/photo`;
    expect((await t.call('GET', photoPath, { as: rider })).status).toBe(200);
    expect((await t.call('GET', photoPath, { as: lgqAdmin })).status).toBe(200);
    expect((await t.call('GET', photoPath, { as: await t.loginAs('org_admin', { orgId: t.orgIds.FT }) })).status).toBe(200);
    expectError(await t.call('GET', photoPath, { as: await t.loginAs('rider') }), 404, 'NOT_FOUND');
    expectError(await t.call('GET', photoPath, { as: dgdAdmin }), 404, 'NOT_FOUND');
    const station = await createStation(t, { orgId: t.orgIds.LGQ });
    expectError(await t.call('GET', photoPath, { as: await loginStaff(t, station.id) }), 404, 'NOT_FOUND');
    expectError(await t.call('GET', photoPath), 401, 'UNAUTHENTICATED');
    expectError(await t.call('GET', '/reports/00000000-0000-4000-8000-000000000000/photo', { as: rider }), 404, 'NOT_FOUND');
  });
});

describe('review', () => {
  it('accept awards one stamp into the action record; a second accept or a reject is 409 CONFLICT', async () => {
    const rider = await t.loginAs('rider');
    const { body } = await sendReport(t, rider, reportFields({ category: 'environment' }));
    const accepted = await t.call('POST', `/reports/${body.id}/accept`, { as: lgqAdmin });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ status: 'accepted', stampAwarded: true });
    const me = await t.call('GET', '/stamps/me', { as: rider });
    expect(me.body).toMatchObject({ balance: 1, total: 1, items: [{ source: 'report', title: '随手拍·环境卫生', amount: 1 }] });

    expectError(await t.call('POST', `/reports/${body.id}/accept`, { as: lgqAdmin }), 409, 'CONFLICT');
    expectError(await t.call('POST', `/reports/${body.id}/reject`, { as: lgqAdmin, body: { reason: '重复' } }), 409, 'CONFLICT');
    expect(await reportStamps(rider.userId)).toHaveLength(1);
    const mine = await t.call('GET', '/reports/me', { as: rider });
    expect(mine.body.items[0]).toMatchObject({ id: body.id, status: 'accepted', stampAwarded: true });
  });

  it('reject needs a reason; then the report is no longer pending', async () => {
    const rider = await t.loginAs('rider');
    const { body } = await sendReport(t, rider);
    let err = expectError(await t.call('POST', `/reports/${body.id}/reject`, { as: lgqAdmin, body: {} }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['reason']);
    err = expectError(await t.call('POST', `/reports/${body.id}/reject`, { as: lgqAdmin, body: { reason: '   ' } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['reason']);
    const rejected = await t.call('POST', `/reports/${body.id}/reject`, { as: lgqAdmin, body: { reason: '照片看不清' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toEqual({ status: 'rejected' });
    expectError(await t.call('POST', `/reports/${body.id}/accept`, { as: lgqAdmin }), 409, 'CONFLICT');
    const mine = await t.call('GET', '/reports/me', { as: rider });
    expect(mine.body.items[0]).toMatchObject({ status: 'rejected', rejectReason: '照片看不清', stampAwarded: null });
    expect(await reportStamps(rider.userId)).toHaveLength(0);
  });

  it('a rider, station staff and admins of another org cannot review', async () => {
    const rider = await t.loginAs('rider');
    const { body } = await sendReport(t, rider);
    const station = await createStation(t, { orgId: t.orgIds.LGQ });
    for (const who of [rider, await t.loginAs('rider'), await loginStaff(t, station.id), dgdAdmin]) {
      // Riders and station staff fail the role guard (403); an admin of another street is told the
      // report does not exist (404), as for any object only its owner and the org's staff may see.
      const expected: [number, string] = who === dgdAdmin ? [404, 'NOT_FOUND'] : [403, 'FORBIDDEN'];
      expectError(await t.call('POST', `/reports/${body.id}/accept`, { as: who }), ...expected);
      expectError(await t.call('POST', `/reports/${body.id}/reject`, { as: who, body: { reason: '不行' } }), ...expected);
    }
    expectError(await t.call('POST', '/reports/00000000-0000-4000-8000-000000000000/accept', { as: lgqAdmin }), 404, 'NOT_FOUND');
    const [row] = await t.db.select().from(reports).where(eq(reports.id, body.id));
    expect(row.status).toBe('pending');
  });

  it('two staff accepting the same report at the same moment: one 200, one 409, one stamp', async () => {
    const rider = await t.loginAs('rider');
    const { body } = await sendReport(t, rider);
    const secondAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const results = await Promise.all([
      t.call('POST', `/reports/${body.id}/accept`, { as: lgqAdmin }),
      t.call('POST', `/reports/${body.id}/accept`, { as: secondAdmin }),
      t.call('POST', `/reports/${body.id}/accept`, { as: lgqAdmin }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(results.find((r) => r.status === 200)!.body.stampAwarded).toBe(true);
    expect(await reportStamps(rider.userId)).toHaveLength(1);
  });

  it('lists: a rider sees their own reports; an admin sees their orgs’ reports by status', async () => {
    const rider = await t.loginAs('rider');
    t.clock.set('2026-11-25T02:00:00Z');
    const lgq = await sendReport(t, rider);
    t.clock.advance(1000);
    const dgd = await sendReport(t, rider, reportFields({ lat: DONGGAODI.lat, lng: DONGGAODI.lng }));
    const mine = await t.call('GET', '/reports/me', { as: rider });
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([dgd.body.id, lgq.body.id]);
    expect((await t.call('GET', '/reports/me', { as: await t.loginAs('rider') })).body.items).toEqual([]);

    const pending = await t.call('GET', '/reports?status=pending&limit=100', { as: lgqAdmin });
    expect(pending.status).toBe(200);
    const ids = pending.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(lgq.body.id);
    expect(ids).not.toContain(dgd.body.id);
    for (const r of pending.body.items) expect(r.status).toBe('pending');
    expectError(await t.call('GET', '/reports', { as: rider }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', '/reports?status=open', { as: lgqAdmin }), 400, 'VALIDATION_FAILED');
  });
});

describe('daily cap of report stamps (Asia/Shanghai days)', () => {
  it('default 3 a day: the 4th accepted report that day earns nothing and says why; the next day counts afresh', async () => {
    const rider = await t.loginAs('rider');
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push((await sendReport(t, rider)).body.id);

    t.clock.set('2026-11-25T01:00:00Z'); // 09:00 in Shanghai, 25 Nov
    for (const id of sent.slice(0, 3)) expect((await t.call('POST', `/reports/${id}/accept`, { as: lgqAdmin })).body.stampAwarded).toBe(true);
    t.clock.set('2026-11-25T15:59:59Z'); // 23:59:59 in Shanghai, still 25 Nov
    const fourth = await t.call('POST', `/reports/${sent[3]}/accept`, { as: lgqAdmin });
    expect(fourth.status).toBe(200);
    expect(fourth.body).toMatchObject({ status: 'accepted', stampAwarded: false, reason: expect.stringContaining('3') });
    t.clock.set('2026-11-25T16:00:00Z'); // 00:00 in Shanghai, 26 Nov
    expect((await t.call('POST', `/reports/${sent[4]}/accept`, { as: lgqAdmin })).body.stampAwarded).toBe(true);

    expect(await reportStamps(rider.userId)).toHaveLength(4);
    const [row] = await t.db.select().from(reports).where(eq(reports.id, sent[3]));
    expect(row).toMatchObject({ status: 'accepted', stampAwarded: false });
    expect(row.noStampReason).toContain('上限');
  });

  it('the cap is an org setting; two accepts of one rider at once cannot both squeeze under it', async () => {
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const set = await t.call('PUT', `/stamps/settings/${t.orgIds.DGD}`, { as: district, body: { goal: 10, dailyReportStamps: 1 } });
    expect(set.status).toBe(200);
    const rider = await t.loginAs('rider');
    const a = await sendReport(t, rider, reportFields({ lat: DONGGAODI.lat, lng: DONGGAODI.lng }));
    const b = await sendReport(t, rider, reportFields({ lat: DONGGAODI.lat, lng: DONGGAODI.lng }));
    const secondAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    const results = await Promise.all([
      t.call('POST', `/reports/${a.body.id}/accept`, { as: dgdAdmin }),
      t.call('POST', `/reports/${b.body.id}/accept`, { as: secondAdmin }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.stampAwarded).sort()).toEqual([false, true]);
    expect(await reportStamps(rider.userId)).toHaveLength(1);
  });
});
