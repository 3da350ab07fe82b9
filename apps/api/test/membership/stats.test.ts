import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { applyAsNewRider, createMeeting, validApplication } from './helpers';

let t: TestApp;
let superAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  superAdmin = await t.loginAs('super_admin');
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

/** A fresh org below LGQ with its own admin, so each test counts only its own applications. */
async function freshOrg(code: string) {
  const org = await t.call('POST', '/orgs', { as: superAdmin, body: { name: `${code} 工会`, kind: 'industry', parentId: t.orgIds.LGQ, code } });
  expect(org.status).toBe(201);
  return { orgId: org.body.id as string, admin: await t.loginAs('org_admin', { orgId: org.body.id }) };
}

async function applyAt(at: string, overrides: Record<string, unknown>) {
  t.clock.set(at);
  return applyAsNewRider(t, overrides);
}

describe('GET /stats/membership/daily', () => {
  it('buckets by the Asia/Shanghai day: 23:30 Beijing time counts on that day, 00:30 on the next', async () => {
    const { orgId, admin } = await freshOrg('DAYA');
    await applyAt('2026-11-25T15:30:00Z', { orgId, platform: 'meituan' }); // 23:30 on 25 Nov in Beijing
    await applyAt('2026-11-25T16:30:00Z', { orgId, platform: 'eleme' }); // 00:30 on 26 Nov in Beijing, still the 25th in UTC
    await applyAt('2026-11-24T16:00:00Z', { orgId, platform: 'meituan' }); // 00:00 on 25 Nov in Beijing
    t.clock.release();
    const res = await t.call('GET', `/stats/membership/daily?orgId=${orgId}&from=2026-11-24&to=2026-11-26`, { as: admin });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { date: '2026-11-24', submitted: 0, approved: 0, rejected: 0, byPlatform: {} },
      { date: '2026-11-25', submitted: 2, approved: 0, rejected: 0, byPlatform: { meituan: 2 } },
      { date: '2026-11-26', submitted: 1, approved: 0, rejected: 0, byPlatform: { eleme: 1 } },
    ]);
  });

  it('counts approvals and rejections on the day they were decided', async () => {
    const { orgId, admin } = await freshOrg('DAYB');
    const a = await applyAt('2026-11-20T02:00:00Z', { orgId, platform: 'sf' });
    const b = await applyAt('2026-11-20T03:00:00Z', { orgId, platform: 'jd' });
    const c = await applyAt('2026-11-20T04:00:00Z', { orgId, platform: 'jd' });
    t.clock.set('2026-11-21T15:45:00Z'); // 23:45 on 21 Nov in Beijing
    expect((await t.call('POST', `/membership/applications/${a.id}/approve`, { as: admin })).status).toBe(200);
    expect((await t.call('POST', `/membership/applications/${b.id}/reject`, { as: admin, body: { reason: '非快递从业人员' } })).status).toBe(200);
    t.clock.set('2026-11-21T16:15:00Z'); // 00:15 on 22 Nov in Beijing
    expect((await t.call('POST', `/membership/applications/${c.id}/approve`, { as: admin })).status).toBe(200);
    t.clock.release();
    const res = await t.call('GET', `/stats/membership/daily?orgId=${orgId}&from=2026-11-20&to=2026-11-22`, { as: admin });
    expect(res.body.items).toEqual([
      { date: '2026-11-20', submitted: 3, approved: 0, rejected: 0, byPlatform: { sf: 1, jd: 2 } },
      { date: '2026-11-21', submitted: 0, approved: 1, rejected: 1, byPlatform: {} },
      { date: '2026-11-22', submitted: 0, approved: 1, rejected: 0, byPlatform: {} },
    ]);
  });

  it('defaults to the 30 days up to today, and checks its range', async () => {
    const { orgId, admin } = await freshOrg('DAYC');
    t.clock.set('2026-11-25T15:30:00Z');
    const res = await t.call('GET', `/stats/membership/daily?orgId=${orgId}`, { as: admin });
    expect(res.body.items).toHaveLength(30);
    expect(res.body.items[0].date).toBe('2026-10-27');
    expect(res.body.items[29].date).toBe('2026-11-25');
    expect(expectError(await t.call('GET', `/stats/membership/daily?orgId=${orgId}&from=2026-11-26&to=2026-11-25`, { as: admin }), 400, 'VALIDATION_FAILED').details?.[0].field).toBe('from');
    expectError(await t.call('GET', `/stats/membership/daily?orgId=${orgId}&from=2025-01-01&to=2026-11-25`, { as: admin }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', `/stats/membership/daily?orgId=${orgId}&from=2026-02-30`, { as: admin }), 400, 'VALIDATION_FAILED');
  });

  it('is scoped: the org’s own admin and the ancestors see it, a sibling street’s admin gets 403', async () => {
    const { orgId } = await freshOrg('DAYD');
    await applyAt('2026-11-25T02:00:00Z', { orgId });
    t.clock.release();
    const lgqAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    const fromLgq = await t.call('GET', `/stats/membership/daily?orgId=${orgId}&from=2026-11-25&to=2026-11-25`, { as: lgqAdmin });
    expect(fromLgq.body.items[0].submitted).toBe(1);
    expectError(await t.call('GET', `/stats/membership/daily?orgId=${orgId}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    // without orgId, the sibling's admin sees only their own street: nothing of LGQ's day
    const own = await t.call('GET', '/stats/membership/daily?from=2026-11-25&to=2026-11-25', { as: dgdAdmin });
    expect(own.body.items[0].submitted).toBe(0);
    expectError(await t.call('GET', '/stats/membership/daily', { as: await t.loginAs('rider') }), 403, 'FORBIDDEN');
  });
});

describe('GET /stats/membership/meetings (funnel: attended → applied → approved)', () => {
  it('counts each rider once per step, per meeting', async () => {
    const { orgId, admin } = await freshOrg('FUNA');
    const meeting = await createMeeting(t, admin, { startsAt: '2026-11-25T02:00:00Z', endsAt: '2026-11-25T04:00:00Z' });
    const quiet = await createMeeting(t, admin, { title: '无人到场', startsAt: '2026-11-24T02:00:00Z', endsAt: '2026-11-24T04:00:00Z' });
    // 4 riders attend: one only looks (twice), 3 apply through it; 1 is approved, 1 rejected and applies again
    const looker = await t.loginAs('rider');
    await t.call('GET', `/meetings/${meeting.code}`, { as: looker });
    await t.call('GET', `/meetings/${meeting.id}`, { as: looker });
    const applicants = [];
    for (let i = 0; i < 3; i++) {
      const applicant = await applyAsNewRider(t, { meetingId: meeting.id });
      await t.call('GET', `/meetings/${meeting.id}`, { as: applicant.rider });
      applicants.push(applicant);
    }
    expect((await t.call('POST', `/membership/applications/${applicants[0].id}/approve`, { as: admin })).status).toBe(200);
    expect((await t.call('POST', `/membership/applications/${applicants[1].id}/reject`, { as: admin, body: { reason: '信息有误' } })).status).toBe(200);
    const again = await t.call('POST', '/membership/applications', { as: applicants[1].rider, body: validApplication({ meetingId: meeting.id }) });
    expect(again.status).toBe(201);
    // a walk-in application in the same org does not count for the meeting
    await applyAsNewRider(t, { orgId });

    const res = await t.call('GET', `/stats/membership/meetings?orgId=${orgId}&from=2026-11-01&to=2026-11-30`, { as: admin });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { meetingId: meeting.id, code: meeting.code, title: '卢沟桥快递员职工沟通会', orgId, orgName: 'FUNA 工会', startsAt: '2026-11-25T02:00:00.000Z', attended: 4, applied: 3, pending: 2, approved: 1 },
      { meetingId: quiet.id, code: quiet.code, title: '无人到场', orgId, orgName: 'FUNA 工会', startsAt: '2026-11-24T02:00:00.000Z', attended: 0, applied: 0, pending: 0, approved: 0 },
    ]);
    const dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    expectError(await t.call('GET', `/stats/membership/meetings?orgId=${orgId}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    const own = await t.call('GET', '/stats/membership/meetings?from=2026-11-01&to=2026-11-30', { as: dgdAdmin });
    expect(own.body.items.map((m: { meetingId: string }) => m.meetingId)).not.toContain(meeting.id);
  });
});
