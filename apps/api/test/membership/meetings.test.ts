import QRCode from 'qrcode';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { meetingAttendance, meetings, seedDemoData } from '@xfqs/db';
import { DEMO_MEETING_CODE } from '../../../../packages/db/src/seed/membership';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { createMeeting, streetAdmins } from './helpers';

let t: TestApp;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ({ lgqAdmin, dgdAdmin } = await streetAdmins(t));
});
afterAll(() => t.close());

const attendanceOf = async (meetingId: string) => t.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));

describe('POST /meetings', () => {
  it('creates a meeting in the admin’s own org by default, with a short code, scene and join link', async () => {
    const res = await t.call('POST', '/meetings', {
      as: lgqAdmin,
      body: { title: '京东卢沟桥站晨会', startsAt: '2026-11-25T00:30:00Z', endsAt: '2026-11-25T01:00:00Z', location: '京东物流卢沟桥营业部', host: '站长老刘' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: '京东卢沟桥站晨会',
      orgId: t.orgIds.LGQ,
      orgName: '卢沟桥街道总工会',
      startsAt: '2026-11-25T00:30:00.000Z',
      endsAt: '2026-11-25T01:00:00.000Z',
      location: '京东物流卢沟桥营业部',
      host: '站长老刘',
    });
    expect(res.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(res.body.scene).toBe(`m=${res.body.code}`);
    expect(res.body.scene.length).toBeLessThanOrEqual(32);
    expect(res.body.url).toBe(`http://localhost:80/#/pages/join/meeting?meetingId=${res.body.code}`);
  });

  it('with PUBLIC_BASE_URL set, join links and their QR use that origin instead of the request’s', async () => {
    const withBase = await buildApp(loadConfig({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'https://xfqs.example.cn' }), { database: t.database, clock: t.clock });
    try {
      const created = await withBase.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: lgqAdmin.headers,
        payload: { title: '顺丰丰体晨会', startsAt: '2026-11-25T00:30:00Z', endsAt: '2026-11-25T01:00:00Z' },
      });
      expect(created.statusCode).toBe(201);
      const meeting = created.json() as { id: string; code: string; url: string };
      expect(meeting.url).toBe(`https://xfqs.example.cn/#/pages/join/meeting?meetingId=${meeting.code}`);
      const png = await withBase.inject({ method: 'GET', url: `/api/v1/meetings/${meeting.id}/qrcode.png?size=400`, headers: lgqAdmin.headers });
      expect(png.rawPayload.equals(await QRCode.toBuffer(meeting.url, { type: 'png', width: 400, margin: 2, errorCorrectionLevel: 'M' }))).toBe(true);
      // the app without the setting still answers with the request's origin
      expect((await t.call('GET', `/meetings/${meeting.id}`, { as: lgqAdmin })).body.url).toBe(`http://localhost:80/#/pages/join/meeting?meetingId=${meeting.code}`);
    } finally {
      await withBase.close();
    }
  });

  it('a district admin may create one for a street below; a street admin not for its sibling (403)', async () => {
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    expect((await createMeeting(t, district, { orgId: t.orgIds.DGD })).orgId).toBe(t.orgIds.DGD);
    expectError(
      await t.call('POST', '/meetings', { as: lgqAdmin, body: { title: 'x', startsAt: '2026-11-25T00:30:00Z', endsAt: '2026-11-25T01:00:00Z', orgId: t.orgIds.DGD } }),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses riders, a window that ends before it starts, unknown fields and missing titles', async () => {
    const rider = await t.loginAs('rider');
    const body = { title: '沟通会', startsAt: '2026-11-25T02:00:00Z', endsAt: '2026-11-25T04:00:00Z' };
    expectError(await t.call('POST', '/meetings', { as: rider, body }), 403, 'FORBIDDEN');
    const ends = expectError(await t.call('POST', '/meetings', { as: lgqAdmin, body: { ...body, endsAt: body.startsAt } }), 400, 'VALIDATION_FAILED');
    expect(ends.details?.[0].field).toBe('endsAt');
    const extra = expectError(await t.call('POST', '/meetings', { as: lgqAdmin, body: { ...body, code: 'AAAAAAAA' } }), 400, 'VALIDATION_FAILED');
    expect(extra.details?.map((d) => d.field)).toContain('code');
    const { title: _t, ...untitled } = body;
    const missing = expectError(await t.call('POST', '/meetings', { as: lgqAdmin, body: untitled }), 400, 'VALIDATION_FAILED');
    expect(missing.details?.map((d) => d.field)).toContain('title');
    expectError(await t.call('POST', '/meetings', { body }), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /meetings', () => {
  it('lists the admin’s subtree only, latest start first, in pages', async () => {
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    const a = await createMeeting(t, admin, { title: 'A', startsAt: '2026-10-01T02:00:00Z', endsAt: '2026-10-01T03:00:00Z' });
    const b = await createMeeting(t, admin, { title: 'B', startsAt: '2026-10-02T02:00:00Z', endsAt: '2026-10-02T03:00:00Z' });
    const c = await createMeeting(t, admin, { title: 'C', startsAt: '2026-10-03T02:00:00Z', endsAt: '2026-10-03T03:00:00Z' });
    const lgqMeeting = await createMeeting(t, lgqAdmin);

    const everything = await t.call('GET', `/meetings?orgId=${t.orgIds.DGD}&limit=100`, { as: dgdAdmin });
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.call(
        'GET',
        `/meetings?orgId=${t.orgIds.DGD}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { as: dgdAdmin },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((m) => m.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(everything.body.items.map((m: { id: string }) => m.id));
    expect(paged.filter((id) => [a.id, b.id, c.id].includes(id))).toEqual([c.id, b.id, a.id]);
    expect(paged).not.toContain(lgqMeeting.id);

    const mine = await t.call('GET', '/meetings', { as: dgdAdmin });
    expect(mine.body.items.map((m: { id: string }) => m.id)).not.toContain(lgqMeeting.id);
    expectError(await t.call('GET', `/meetings?orgId=${t.orgIds.LGQ}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', '/meetings?limit=101', { as: dgdAdmin }), 400, 'VALIDATION_FAILED');
  });
});

describe('GET /meetings/:id and attendance', () => {
  it('any signed-in user opens it by id or by its short code (case-insensitive); unknown ones are 404', async () => {
    const meeting = await createMeeting(t, lgqAdmin);
    const rider = await t.loginAs('rider');
    const byId = await t.call('GET', `/meetings/${meeting.id}`, { as: rider });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: meeting.id, orgId: t.orgIds.LGQ, orgName: '卢沟桥街道总工会', location: '京东物流卢沟桥营业部', host: '站长老刘' });
    const byCode = await t.call('GET', `/meetings/${meeting.code.toLowerCase()}`, { as: rider });
    expect(byCode.body.id).toBe(meeting.id);
    expectError(await t.call('GET', '/meetings/ZZZZZZZZ', { as: rider }), 404, 'NOT_FOUND');
    expectError(await t.call('GET', '/meetings/00000000-0000-4000-8000-000000000000', { as: rider }), 404, 'NOT_FOUND');
    expectError(await t.call('GET', '/meetings/not-a-code', { as: rider }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', `/meetings/${meeting.id}`), 401, 'UNAUTHENTICATED');
  });

  it('records attendance once per rider, also when the same rider opens it many times at once', async () => {
    const meeting = await createMeeting(t, lgqAdmin);
    const rider = await t.loginAs('rider');
    const other = await t.loginAs('rider');
    const opens = await Promise.all(Array.from({ length: 12 }, () => t.call('GET', `/meetings/${meeting.code}`, { as: rider })));
    expect(opens.every((r) => r.status === 200)).toBe(true);
    await t.call('GET', `/meetings/${meeting.id}`, { as: rider });
    await t.call('GET', `/meetings/${meeting.id}`, { as: other });
    const rows = await attendanceOf(meeting.id);
    expect(rows.map((r) => r.userId).sort()).toEqual([rider.userId, other.userId].sort());
  });

  it('staff of the meeting’s org checking the page are not counted as attendees', async () => {
    const meeting = await createMeeting(t, lgqAdmin);
    await t.call('GET', `/meetings/${meeting.id}`, { as: lgqAdmin });
    expect(await attendanceOf(meeting.id)).toHaveLength(0);
  });
});

describe('GET /meetings/:id/qrcode.png', () => {
  it('is a printable PNG of the join link, for admins of the meeting’s org', async () => {
    const meeting = await createMeeting(t, lgqAdmin);
    const res = await t.call('GET', `/meetings/${meeting.id}/qrcode.png?size=400`, { as: lgqAdmin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.raw.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await sharp(res.raw).metadata()).width).toBe(400);
    // the QR encodes exactly the meeting's join link (same encoder, same options)
    const expected = await QRCode.toBuffer(meeting.url, { type: 'png', width: 400, margin: 2, errorCorrectionLevel: 'M' });
    expect(res.raw.equals(expected)).toBe(true);
    const byCode = await t.call('GET', `/meetings/${meeting.code}/qrcode.png?size=400`, { as: lgqAdmin });
    expect(byCode.raw.equals(expected)).toBe(true);
  });

  it('refuses riders and admins of another street, and sizes out of range', async () => {
    const meeting = await createMeeting(t, lgqAdmin);
    const rider = await t.loginAs('rider');
    expectError(await t.call('GET', `/meetings/${meeting.id}/qrcode.png`, { as: rider }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/meetings/${meeting.id}/qrcode.png`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/meetings/${meeting.id}/qrcode.png?size=5000`, { as: lgqAdmin }), 400, 'VALIDATION_FAILED');
  });
});

describe('demo seed', () => {
  it('has one standing meeting of 卢沟桥 that opens by its code, also after seeding again', async () => {
    await seedDemoData(t.db);
    expect(await t.db.select().from(meetings).where(eq(meetings.code, DEMO_MEETING_CODE))).toHaveLength(1);
    const res = await t.call('GET', `/meetings/${DEMO_MEETING_CODE}`, { as: await t.loginAs('rider') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orgId: t.orgIds.LGQ, code: DEMO_MEETING_CODE, scene: `m=${DEMO_MEETING_CODE}` });
  });
});
