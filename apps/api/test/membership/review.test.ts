import { and, eq } from 'drizzle-orm';
import { auditLog, membershipApplications } from '@xfqs/db';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { applyAsNewRider, applyMany, createMeeting, makeIdCard, streetAdmins, validApplication } from './helpers';

let t: TestApp;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ({ lgqAdmin, dgdAdmin } = await streetAdmins(t));
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const approve = (as: TestUser, id: string) => t.call('POST', `/membership/applications/${id}/approve`, { as });
const reject = (as: TestUser, id: string, reason?: string) =>
  t.call('POST', `/membership/applications/${id}/reject`, { as, body: reason === undefined ? {} : { reason } });

describe('review list', () => {
  it('shows pending applications with the ID and mobile numbers masked, filterable by status, meeting and day', async () => {
    const meeting = await createMeeting(t, lgqAdmin);
    const idCardNumber = makeIdCard({ birthDate: '1990-03-07', seq: 123 });
    t.clock.set('2026-11-20T02:00:00Z');
    const { id } = await applyAsNewRider(t, { meetingId: meeting.id, idCardNumber, phone: '13800005678', realName: '李四' });
    t.clock.release();

    const res = await t.call('GET', `/membership/applications?status=pending&meetingId=${meeting.id}`, { as: lgqAdmin });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      id,
      status: 'pending',
      realName: '李四',
      phone: '138****5678',
      idCardNumber: `110105********${idCardNumber.slice(14)}`,
      gender: 'male',
      meetingId: meeting.id,
      meetingTitle: '卢沟桥快递员职工沟通会',
      orgId: t.orgIds.LGQ,
      orgName: '卢沟桥街道总工会',
      submittedAt: '2026-11-20T02:00:00.000Z',
      memberNo: null,
    });
    expect(JSON.stringify(res.body)).not.toContain(idCardNumber);
    expect(JSON.stringify(res.body)).not.toContain('13800005678');

    const onDay = await t.call('GET', `/membership/applications?meetingId=${meeting.id}&from=2026-11-20&to=2026-11-20`, { as: lgqAdmin });
    expect(onDay.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const dayAfter = await t.call('GET', `/membership/applications?meetingId=${meeting.id}&from=2026-11-21`, { as: lgqAdmin });
    expect(dayAfter.body.items).toEqual([]);
    const approved = await t.call('GET', `/membership/applications?status=approved&meetingId=${meeting.id}`, { as: lgqAdmin });
    expect(approved.body.items).toEqual([]);
    expectError(await t.call('GET', '/membership/applications?status=maybe', { as: lgqAdmin }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', '/membership/applications?from=2026-11-22&to=2026-11-21', { as: lgqAdmin }), 400, 'VALIDATION_FAILED');
  });

  it('pages with a cursor, newest first, without repeats', async () => {
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const meeting = await createMeeting(t, admin);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.set(new Date(Date.UTC(2026, 10, 1, 2, i)));
      ids.push((await applyAsNewRider(t, { meetingId: meeting.id })).id);
    }
    t.clock.release();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.call(
        'GET',
        `/membership/applications?meetingId=${meeting.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { as: admin },
      );
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expectError(await t.call('GET', '/membership/applications?cursor=garbage', { as: admin }), 400, 'VALIDATION_FAILED');
  });
});

describe('approve and reject', () => {
  it('approve assigns the org’s next member number for the year (Asia/Shanghai) and the rider sees the member card', async () => {
    const { rider, id } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ });
    // 2026-12-31T16:30Z is already 1 January 2027 in Beijing
    t.clock.set('2026-12-31T16:30:00Z');
    const res = await approve(lgqAdmin, id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'approved', memberNo: 'LGQ-2027-000001' });
    const card = await t.call('GET', '/membership/me', { as: rider });
    expect(card.body).toMatchObject({ status: 'approved', memberNo: 'LGQ-2027-000001', memberSince: '2026-12-31T16:30:00.000Z', application: { id, status: 'approved' } });
    expect((await t.call('GET', '/me', { as: rider })).body.membership).toEqual({ status: 'approved', memberNo: 'LGQ-2027-000001' });
    const [auditRow] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'membership.application.approve'), eq(auditLog.targetId, id)));
    expect(auditRow.actorId).toBe(lgqAdmin.userId);
  });

  it('approving or rejecting an application that is no longer pending → 409 CONFLICT', async () => {
    const { id } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ });
    expect((await approve(lgqAdmin, id)).status).toBe(200);
    expectError(await approve(lgqAdmin, id), 409, 'CONFLICT');
    expectError(await reject(lgqAdmin, id, '重复'), 409, 'CONFLICT');
    const other = await applyAsNewRider(t, { orgId: t.orgIds.LGQ });
    expect((await reject(lgqAdmin, other.id, '信息不全')).status).toBe(200);
    expectError(await approve(lgqAdmin, other.id), 409, 'CONFLICT');
  });

  it('reject needs a reason (missing or blank → 400 naming reason)', async () => {
    const { id } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ });
    expect(expectError(await reject(lgqAdmin, id), 400, 'VALIDATION_FAILED').details?.[0].field).toBe('reason');
    expect(expectError(await reject(lgqAdmin, id, '   '), 400, 'VALIDATION_FAILED').details?.[0].field).toBe('reason');
    const [row] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.id, id));
    expect(row.status).toBe('pending');
  });

  it('an unknown application → 404; a rider may not review (403)', async () => {
    expectError(await approve(lgqAdmin, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    const { rider, id } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ });
    expectError(await approve(rider, id), 403, 'FORBIDDEN');
  });

  it('approve and reject of the same application at once: exactly one wins', async () => {
    const { id } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ });
    const [a, r] = await Promise.all([approve(lgqAdmin, id), reject(lgqAdmin, id, '同时操作')]);
    expect([a.status, r.status].sort()).toEqual([200, 409]);
    const [row] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.id, id));
    expect(row.status).toBe(a.status === 200 ? 'approved' : 'rejected');
    expect(row.memberNo === null).toBe(a.status !== 200);
  });

  it('50 concurrent approvals → 50 distinct consecutive member numbers', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const org = await t.call('POST', '/orgs', { as: superAdmin, body: { name: '卢沟桥快递行业工会联合会', kind: 'industry', parentId: t.orgIds.LGQ, code: 'LGQKD' } });
    expect(org.status).toBe(201);
    const ids = await applyMany(t, 50, { orgId: org.body.id });
    t.clock.set('2026-11-25T06:00:00Z');
    const results = await Promise.all(ids.map((id) => approve(lgqAdmin, id)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const numbers = results.map((r) => r.body.memberNo as string).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `LGQKD-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('an org without a code numbers its members with a U-prefix of its id', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const org = await t.call('POST', '/orgs', { as: superAdmin, body: { name: '卢沟桥某社区工会', kind: 'industry', parentId: t.orgIds.LGQ } });
    const { id } = await applyAsNewRider(t, { orgId: org.body.id });
    t.clock.set('2026-11-25T06:00:00Z');
    const res = await approve(lgqAdmin, id);
    expect(res.body.memberNo).toBe(`U${org.body.id.replace(/-/g, '').slice(0, 8).toUpperCase()}-2026-000001`);
  });
});

describe('bulk approve', () => {
  it('approves each id on its own and reports per id, in order', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const org = await t.call('POST', '/orgs', { as: superAdmin, body: { name: '卢沟桥外卖行业工会', kind: 'industry', parentId: t.orgIds.LGQ, code: 'LGQWM' } });
    const [a, b, c] = await applyMany(t, 3, { orgId: org.body.id });
    expect((await reject(lgqAdmin, b, '非本辖区')).status).toBe(200);
    const dgdApplicant = await applyAsNewRider(t, { orgId: t.orgIds.DGD });
    const unknown = '00000000-0000-4000-8000-000000000000';
    t.clock.set('2026-11-25T06:00:00Z');
    const res = await t.call('POST', '/membership/applications/approve', { as: lgqAdmin, body: { ids: [a, b, unknown, dgdApplicant.id, c] } });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: a, status: 'approved', memberNo: 'LGQWM-2026-000001' },
      { id: b, status: 'failed', error: { code: 'CONFLICT', message: expect.any(String) } },
      { id: unknown, status: 'failed', error: { code: 'NOT_FOUND', message: expect.any(String) } },
      { id: dgdApplicant.id, status: 'failed', error: { code: 'NOT_FOUND', message: expect.any(String) } },
      { id: c, status: 'approved', memberNo: 'LGQWM-2026-000002' },
    ]);
    const [dgdRow] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.id, dgdApplicant.id));
    expect(dgdRow.status).toBe('pending');
  });

  it('takes 1 to 100 distinct ids', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(expectError(await t.call('POST', '/membership/applications/approve', { as: lgqAdmin, body: { ids: [] } }), 400, 'VALIDATION_FAILED').details?.[0].field).toBe('ids');
    expectError(await t.call('POST', '/membership/applications/approve', { as: lgqAdmin, body: { ids: ids(101) } }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('POST', '/membership/applications/approve', { as: lgqAdmin, body: { ids: [ids(1)[0], ids(1)[0]] } }), 400, 'VALIDATION_FAILED');
    expect((await t.call('POST', '/membership/applications/approve', { as: lgqAdmin, body: { ids: ids(100) } })).body.results).toHaveLength(100);
  });
});

describe('scoping: a street admin never sees or acts on another street’s applicants', () => {
  let lgqApplicant: { id: string };
  beforeAll(async () => {
    lgqApplicant = await applyAsNewRider(t, validApplication({ orgId: t.orgIds.LGQ, realName: '王五' }));
  });

  it('the sibling street’s admin gets an empty list, 403 for the other org’s filter and 404 for the application', async () => {
    const list = await t.call('GET', '/membership/applications?limit=100', { as: dgdAdmin });
    expect(list.status).toBe(200);
    expect(list.body.items.filter((i: { orgId: string }) => i.orgId !== t.orgIds.DGD)).toEqual([]);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(lgqApplicant.id);
    const freshDgd = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    const onlyLgq = await t.call('GET', `/membership/applications?meetingId=${(await createMeeting(t, lgqAdmin)).id}`, { as: freshDgd });
    expect(onlyLgq.body.items).toEqual([]);
    expectError(await t.call('GET', `/membership/applications?orgId=${t.orgIds.LGQ}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/membership/applications/${lgqApplicant.id}`, { as: dgdAdmin }), 404, 'NOT_FOUND');
    expectError(await t.call('GET', `/membership/applications/${lgqApplicant.id}/pii`, { as: dgdAdmin }), 404, 'NOT_FOUND');
    expectError(await approve(dgdAdmin, lgqApplicant.id), 404, 'NOT_FOUND');
    expectError(await reject(dgdAdmin, lgqApplicant.id, '越权'), 404, 'NOT_FOUND');
    const [row] = await t.db.select().from(membershipApplications).where(eq(membershipApplications.id, lgqApplicant.id));
    expect(row.status).toBe('pending');
  });

  it('the district admin sees both streets; the street admin sees its own', async () => {
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const dgdApplicant = await applyAsNewRider(t, { orgId: t.orgIds.DGD });
    const all = await t.call('GET', '/membership/applications?limit=100&status=pending', { as: district });
    const ids = all.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([lgqApplicant.id, dgdApplicant.id]));
    const lgqOnly = await t.call('GET', `/membership/applications?limit=100&orgId=${t.orgIds.LGQ}`, { as: district });
    // LGQ and the orgs below it (the industry unions created above), never DGD
    const lgqIds = lgqOnly.body.items.map((i: { id: string }) => i.id);
    expect(lgqIds).toContain(lgqApplicant.id);
    expect(lgqIds).not.toContain(dgdApplicant.id);
    expect(lgqOnly.body.items.some((i: { orgId: string }) => i.orgId === t.orgIds.DGD)).toBe(false);
    expect((await t.call('GET', `/membership/applications/${lgqApplicant.id}`, { as: lgqAdmin })).status).toBe(200);
  });
});

describe('full personal data', () => {
  it('is an explicit staff read that is written to the audit log (without the data itself)', async () => {
    const idCardNumber = makeIdCard({ birthDate: '1995-05-05', seq: 321 });
    const { id } = await applyAsNewRider(t, { orgId: t.orgIds.LGQ, idCardNumber, phone: '13911112222', realName: '赵六' });
    const res = await t.call('GET', `/membership/applications/${id}/pii`, { as: lgqAdmin });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ id, realName: '赵六', phone: '13911112222', idCardNumber, birthDate: '1995-05-05', gender: 'male' });
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'membership.application.pii_read'), eq(auditLog.targetId, id)));
    expect(rows).toHaveLength(1);
    expect(rows[0].actorId).toBe(lgqAdmin.userId);
    expect(JSON.stringify(rows[0])).not.toContain(idCardNumber);
    expect(JSON.stringify(rows[0])).not.toContain('13911112222');
    expectError(await t.call('GET', `/membership/applications/${id}/pii`, { as: await t.loginAs('rider') }), 403, 'FORBIDDEN');
  });
});
