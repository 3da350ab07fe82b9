import { eq, sql } from 'drizzle-orm';
import { notificationDeliveries, notificationSubscriptions, rowsOf, wechatAccessTokens } from '@xfqs/db';
import { FakeWechat } from '../fake-wechat';
import { type TestUser } from '../harness';
import { applyAsNewRider, validApplication } from '../membership/helpers';
import { createStampsApp } from '../stamps/helpers';
import { AccessTokens } from '../../src/features/notifications/wechat-api';
import { deliver } from '../../src/features/notifications/deliver';

/**
 * The sending worker (pg-boss, started by the app itself) against a fake WeChat: exactly one
 * message per accepted subscription and event, a retry after a 5xx, nothing without a
 * subscription, refusals recorded and not retried, the access_token fetched once per expiry.
 */
const TEMPLATES = {
  application_approved: { id: 'tmpl-review', fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' } },
  application_rejected: { id: 'tmpl-review', fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' } },
  report_accepted: { id: 'tmpl-report', fields: { thing1: 'title', thing2: 'body' } },
};

let wechat: FakeWechat;
let t: Awaited<ReturnType<typeof createStampsApp>>;
let admin: TestUser;

beforeAll(async () => {
  wechat = await new FakeWechat().start();
  t = await createStampsApp({
    ...wechat.env,
    WECHAT_TEMPLATES: JSON.stringify(TEMPLATES),
    NOTIFY_POLL_SECONDS: '1',
    NOTIFY_RETRY_DELAY_SECONDS: '1',
    NOTIFY_RETRY_LIMIT: '3',
  });
  admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
});
afterAll(async () => {
  await t.close();
  await wechat.stop();
});
beforeEach(() => {
  wechat.sendAnswers = [];
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A rider who applied; `subscribe` acceptances of the review template recorded as the weapp would. */
async function applicant(subscribe = 1) {
  const { rider, id } = await applyAsNewRider(t, validApplication({ orgId: t.orgIds.LGQ }));
  for (let i = 0; i < subscribe; i++) {
    const res = await t.call('POST', '/notifications/subscriptions', { as: rider, body: { templateKind: 'application_approved', accepted: true } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ templateId: 'tmpl-review', unused: i + 1 });
  }
  return { rider, id };
}

const approve = (id: string) => t.call('POST', `/membership/applications/${id}/approve`, { as: admin });
const messagesTo = (rider: TestUser) => wechat.messages.filter((m) => m.body.touser === rider.openid);
const deliveryOf = async (rider: TestUser) => {
  const rows = rowsOf<{ status: string; attempts: number; errcode: number | null }>(
    await t.db.execute(sql`select d.status, d.attempts, d.errcode from ${notificationDeliveries} d join ${notificationSubscriptions} s on s.id = d.subscription_id where s.user_id = ${rider.userId}`),
  );
  return rows;
};
const settled = (rider: TestUser) => waitFor('a settled delivery', async () => {
  const rows = await deliveryOf(rider);
  return rows.length > 0 && rows.every((r) => !['pending', 'sending'].includes(r.status)) && rows;
});
const jobsFor = async (notificationUserId: string) =>
  rowsOf<{ n: number }>(
    await t.db.execute(sql`select count(*)::int as n from pgboss.job j join notifications n on n.id = (j.data->>'notificationId')::uuid where n.user_id = ${notificationUserId}`),
  )[0].n;

it('lists the configured templates for the mini-program', async () => {
  const rider = await t.loginAs('rider');
  const res = await t.call('GET', '/notifications/templates', { as: rider });
  expect(res.body.items).toEqual(expect.arrayContaining([{ kind: 'application_approved', templateId: 'tmpl-review' }, { kind: 'report_accepted', templateId: 'tmpl-report' }]));
});

it('sends exactly one message per accepted subscription and event, with values fitted to the template', async () => {
  const { rider, id } = await applicant(1);
  expect((await approve(id)).status).toBe(200);
  const [delivery] = await settled(rider);
  expect(delivery).toMatchObject({ status: 'sent', attempts: 1 });
  const [message] = messagesTo(rider);
  expect(message.body).toMatchObject({ touser: rider.openid, template_id: 'tmpl-review', page: 'pages/join/card', lang: 'zh_CN', miniprogram_state: 'developer' });
  expect(message.body.data.thing1.value).toBe('入会申请已通过');
  expect(message.body.data.phrase2.value).toBe('已通过');
  expect(Array.from(message.body.data.thing3.value).length).toBeLessThanOrEqual(20); // the body is longer: cut, not refused
  expect(message.body.data.time4.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  // the inbox has it too, and nothing more is ever sent for it
  expect((await t.call('GET', '/notifications', { as: rider })).body.unread).toBe(1);
  await new Promise((r) => setTimeout(r, 2500));
  expect(messagesTo(rider)).toHaveLength(1);
});

it('sends nothing, and queues nothing, for a rider without a subscription (the inbox still has it)', async () => {
  const { rider, id } = await applicant(0);
  expect((await approve(id)).status).toBe(200);
  expect((await t.call('GET', '/notifications', { as: rider })).body.unread).toBe(1);
  expect(await jobsFor(rider.userId)).toBe(0);
  await new Promise((r) => setTimeout(r, 2500));
  expect(messagesTo(rider)).toHaveLength(0);
});

it('uses one acceptance for one message: a second event finds none left and is not sent', async () => {
  const rider = await t.loginAs('rider');
  await t.call('POST', '/notifications/subscriptions', { as: rider, body: { templateKind: 'application_rejected', accepted: true } });
  const first = await t.call('POST', '/membership/applications', { as: rider, body: validApplication({ orgId: t.orgIds.LGQ }) });
  await t.call('POST', `/membership/applications/${first.body.id}/reject`, { as: admin, body: { reason: '信息有误' } });
  await settled(rider);
  const second = await t.call('POST', '/membership/applications', { as: rider, body: validApplication({ orgId: t.orgIds.LGQ }) });
  expect((await approve(second.body.id)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 2500));
  expect(messagesTo(rider).map((m) => m.body.data.phrase2.value)).toEqual(['未通过']);
  expect((await t.call('GET', '/notifications', { as: rider })).body.unread).toBe(2);
});

it('retries after a WeChat 5xx (and a dropped connection) and then delivers once', async () => {
  const { rider, id } = await applicant(1);
  wechat.sendAnswers = ['http-500', 'reset'];
  expect((await approve(id)).status).toBe(200);
  const [delivery] = await settled(rider);
  expect(delivery).toMatchObject({ status: 'sent', attempts: 3 });
  expect(messagesTo(rider).map((m) => m.answer)).toEqual(['http-500', 'reset', 'ok']);
});

it('records "no quota / refused" (43101) and does not retry it', async () => {
  const { rider, id } = await applicant(1);
  wechat.sendAnswers = [{ errcode: 43101, errmsg: 'user refuse to accept the msg' }];
  expect((await approve(id)).status).toBe(200);
  const [delivery] = await settled(rider);
  expect(delivery).toMatchObject({ status: 'refused', attempts: 1, errcode: 43101 });
  await new Promise((r) => setTimeout(r, 3000));
  expect(messagesTo(rider)).toHaveLength(1);
});

it('fetches the access_token once per expiry across concurrent sends and instances', async () => {
  // a clean slate: no token stored
  await t.db.delete(wechatAccessTokens);
  const fetchesBefore = wechat.tokenFetches;
  const riders = await Promise.all(Array.from({ length: 4 }, () => applicant(1)));
  await Promise.all(riders.map(({ id }) => approve(id)));
  for (const { rider } of riders) expect((await settled(rider))[0].status).toBe('sent');
  expect(wechat.tokenFetches - fetchesBefore).toBe(1);

  // two instances asking at the same moment for an expired token: still one fetch
  t.clock.advance(7200 * 1000);
  const instances = [1, 2, 3].map(() => new AccessTokens(t.db, t.config.wechat, () => t.clock.now()));
  const tokens = await Promise.all([...instances, ...instances].map((i) => i.get()));
  expect(new Set(tokens).size).toBe(1);
  expect(wechat.tokenFetches - fetchesBefore).toBe(2);
  t.clock.release();
});

it('drops a token WeChat calls invalid (40001) and retries with a fresh one', async () => {
  const [stored] = await t.db.select().from(wechatAccessTokens);
  await t.db.update(wechatAccessTokens).set({ token: 'revoked-token' }).where(eq(wechatAccessTokens.appId, stored.appId));
  const fetchesBefore = wechat.tokenFetches;
  const { rider, id } = await applicant(1);
  expect((await approve(id)).status).toBe(200);
  const [delivery] = await settled(rider);
  expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
  expect(wechat.tokenFetches - fetchesBefore).toBe(1);
});

it('never sends twice: a call that timed out after sending, or a worker that died mid-call, is recorded "unknown", not resent', async () => {
  // WeChat takes the message but never answers within WECHAT_TIMEOUT_MS
  const { rider, id } = await applicant(1);
  wechat.mode = 'hang';
  try {
    expect((await approve(id)).status).toBe(200);
    const [delivery] = await settled(rider);
    expect(delivery).toMatchObject({ status: 'unknown', attempts: 1 });
  } finally {
    wechat.mode = 'normal';
  }
  await new Promise((r) => setTimeout(r, 2500));
  expect(messagesTo(rider)).toHaveLength(0);

  // a delivery left "sending" (the worker stopped during the call) is not sent again when its job comes back
  const other = await applicant(1);
  expect((await approve(other.id)).status).toBe(200);
  expect((await settled(other.rider))[0].status).toBe('sent');
  const [row] = rowsOf<{ notification_id: string }>(
    await t.db.execute(sql`select d.notification_id from ${notificationDeliveries} d join ${notificationSubscriptions} s on s.id = d.subscription_id where s.user_id = ${other.rider.userId}`),
  );
  await t.db.update(notificationDeliveries).set({ status: 'sending' }).where(eq(notificationDeliveries.notificationId, row.notification_id));
  expect(await deliver(t.app.notificationDeps, row.notification_id, false)).toBe('unknown');
  expect(await deliver(t.app.notificationDeps, row.notification_id, false)).toBe('already_done');
  expect(messagesTo(other.rider)).toHaveLength(1);
});
