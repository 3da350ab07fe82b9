import { and, eq } from 'drizzle-orm';
import { auditLog } from '@xfqs/db';
import { parseScanContent } from '@xfqs/domain';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { createStation } from '../stations/helpers';
import { applyAsNewRider, streetAdmins } from './helpers';

let t: TestApp;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ({ lgqAdmin, dgdAdmin } = await streetAdmins(t));
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

/** A rider who applied at 卢沟桥 as `realName` and was approved; returns the rider and member number. */
async function newMember(realName: string) {
  const { rider, id } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ, realName });
  const approved = await t.call('POST', `/membership/applications/${id}/approve`, { as: lgqAdmin });
  expect(approved.status).toBe(200);
  return { rider, applicationId: id, memberNo: approved.body.memberNo as string };
}

const cardOf = (as: TestUser) => t.call('GET', '/membership/card', { as });
const verify = (as: TestUser, body: unknown) => t.call('POST', '/membership/verify', { as, body });

describe('GET /membership/card', () => {
  it('shows the masked name, member number, union, join date and a five-minute code — never the full name', async () => {
    t.clock.set('2026-11-29T02:00:00.000Z');
    const { rider, memberNo } = await newMember('王小明');
    const res = await cardOf(rider);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      memberNo,
      name: '王*明',
      orgId: t.orgIds.LGQ,
      orgName: '卢沟桥街道总工会',
      memberSince: '2026-11-29T02:00:00.000Z',
      expiresAt: '2026-11-29T02:05:00.000Z',
    });
    expect(res.body.code).toMatch(/^\d{10}\.[A-Za-z0-9_-]{22}$/);
    expect(res.raw.toString('utf8')).not.toContain('小明');
    // The QR content is a link staff scan; the app reads it as a member card.
    expect(parseScanContent(res.body.url)).toEqual({ kind: 'member', memberNo, code: res.body.code });
  });

  it('is for approved members only (422 NOT_A_MEMBER) and needs a sign-in (401)', async () => {
    const { rider } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ });
    expectError(await cardOf(rider), 422, 'NOT_A_MEMBER');
    expectError(await cardOf(await t.loginAs('rider')), 422, 'NOT_A_MEMBER');
    expectError(await t.call('GET', '/membership/card'), 401, 'UNAUTHENTICATED');
  });
});

describe('POST /membership/verify', () => {
  it('lets station staff and union admins check a scanned card, and audits each check', async () => {
    const { rider, applicationId, memberNo } = await newMember('欧阳振锋');
    const { code } = (await cardOf(rider)).body;
    const station = await createStation(t, { orgId: t.orgIds.DGD });
    const staff = await t.loginAs('station_staff', { stationId: station.id });
    for (const checker of [staff, dgdAdmin]) {
      const res = await verify(checker, { memberNo, code });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({ valid: true, memberNo, name: '欧**锋', orgName: '卢沟桥街道总工会' });
      expect(res.raw.toString('utf8')).not.toContain('阳振');
    }
    const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'membership.card.verified'), eq(auditLog.targetId, applicationId)));
    expect(audited.map((a) => a.actorId).sort()).toEqual([staff.userId, dgdAdmin.userId].sort());
  });

  it('refuses riders (403), forged or other members’ codes (422 INVALID_CODE), expired ones (410) and bad bodies (400)', async () => {
    t.clock.set('2026-11-29T03:00:00.000Z');
    const a = await newMember('李雷');
    const b = await newMember('韩梅梅');
    const codeA = (await cardOf(a.rider)).body.code as string;
    const staff = await t.loginAs('station_staff', { stationId: (await createStation(t, { orgId: t.orgIds.LGQ })).id });

    expectError(await verify(b.rider, { memberNo: a.memberNo, code: codeA }), 403, 'FORBIDDEN');
    expectError(await verify(staff, { memberNo: b.memberNo, code: codeA }), 422, 'INVALID_CODE');
    const [exp, sig] = codeA.split('.');
    expectError(await verify(staff, { memberNo: a.memberNo, code: `${Number(exp) + 86_400}.${sig}` }), 422, 'INVALID_CODE');
    expectError(await verify(staff, { memberNo: a.memberNo, code: 'forged' }), 422, 'INVALID_CODE');
    expectError(await verify(staff, { memberNo: a.memberNo, code: codeA, extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await verify(staff, { memberNo: a.memberNo }), 400, 'VALIDATION_FAILED');

    t.clock.advance(4 * 60_000 + 59_000);
    expect((await verify(staff, { memberNo: a.memberNo, code: codeA })).status).toBe(200);
    t.clock.advance(1_000);
    expectError(await verify(staff, { memberNo: a.memberNo, code: codeA }), 410, 'CODE_EXPIRED');
    const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'membership.card.verified'), eq(auditLog.actorId, staff.userId)));
    expect(audited).toHaveLength(1);
  });
});
