import { createTestApp, type TestApp } from '../harness';
import { createMeeting, validApplication } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('a rider goes from the meeting QR to an approved member card the same day', async () => {
  const staff = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
  const meeting = await createMeeting(t, staff);

  // the QR carries the join link; the app reads the code from it and opens the meeting
  const code = new URL(meeting.url.replace('/#/', '/')).searchParams.get('meetingId') as string;
  const rider = await t.loginAs('rider');
  const opened = await t.call('GET', `/meetings/${code}`, { as: rider });
  expect(opened.body.id).toBe(meeting.id);

  const notice = await t.call('GET', '/membership/privacy-notice');
  const applied = await t.call('POST', '/membership/applications', {
    as: rider,
    body: validApplication({ meetingId: opened.body.id, realName: '刘洋', privacyNoticeVersion: notice.body.version }),
  });
  expect(applied.status).toBe(201);
  expect((await t.call('GET', '/membership/me', { as: rider })).body.status).toBe('pending');

  const pending = await t.call('GET', `/membership/applications?status=pending&meetingId=${meeting.id}`, { as: staff });
  expect(pending.body.items.map((i: { realName: string }) => i.realName)).toEqual(['刘洋']);
  const approved = await t.call('POST', '/membership/applications/approve', { as: staff, body: { ids: [applied.body.id] } });
  const memberNo = approved.body.results[0].memberNo;
  expect(memberNo).toMatch(/^LGQ-\d{4}-\d{6}$/);

  const card = await t.call('GET', '/membership/me', { as: rider });
  expect(card.body).toMatchObject({ status: 'approved', memberNo, memberSince: expect.any(String), application: { orgName: '卢沟桥街道总工会' } });
  expect((await t.call('GET', '/me', { as: rider })).body.membership).toEqual({ status: 'approved', memberNo });
});
