import { randomUUID } from 'node:crypto';
import { grantRole } from '../../src/features/orgs/grants';
import { checkinCodeOf } from '../../src/features/stations/checkins';
import { loadStation } from '../../src/features/stations/service';
import type { FakeWechat } from '../fake-wechat';
import type { TestApp, TestUser } from '../harness';
import { createMeeting, validApplication } from '../membership/helpers';
import { createActivity, createStation, formData, giveStamps, jpeg, loginStaff, reportFields, sendReport } from '../stamps/helpers';

/**
 * The authorization matrix of issue 9 (build item 3): every registered route × eight callers →
 * the expected outcome. `authorization.test.ts` walks the app's route table (`app.apiRoutes`) and
 * fails for a route without a row here, so a new route is covered by adding one row.
 */
export const CALLERS = ['anonymous', 'rider', 'otherRider', 'staff', 'otherStaff', 'orgAdmin', 'siblingAdmin', 'superAdmin'] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * `ok`: allowed (any status below 500 other than 401, 403 and 404: a 409 or 422 means the caller
 * got past every access check); a number: exactly that status in the error envelope.
 */
export type Outcome = 'ok' | 401 | 403 | 404;

export interface MatrixRequest {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The body is JSON the caller could add properties to (property-level check). */
  json?: boolean;
  /** Extra check of an allowed or denied answer (e.g. bulk results that must be refusals). */
  check?: (res: { status: number; body: any }, caller: Caller) => void;
}

export interface Fixtures {
  t: TestApp;
  wechat: FakeWechat;
  users: Record<Exclude<Caller, 'anonymous'>, TestUser>;
  orgIds: { owning: string; sibling: string; district: string };
  stationA: { id: string; orgId: string };
  stationB: { id: string; orgId: string };
  meeting: { id: string };
  activity: { id: string };
  reward: { id: string; stationId: string };
  redemption: { id: string; code: string };
  report: { id: string };
  application: { id: string };
}

export interface MatrixRow {
  expect: Record<Caller, Outcome>;
  request: (fx: Fixtures, caller: Caller) => Promise<MatrixRequest> | MatrixRequest;
}

// ------------------------------------------------------------ profiles
const all = (outcome: Outcome): Record<Caller, Outcome> => Object.fromEntries(CALLERS.map((c) => [c, outcome])) as Record<Caller, Outcome>;
const EVERYONE = all('ok');
const SIGNED_IN: Record<Caller, Outcome> = { ...all('ok'), anonymous: 401 };
const NOT_ADMIN = { anonymous: 401, rider: 403, otherRider: 403, staff: 403, otherStaff: 403 } as const;
/** org_admin routes on the owning org: the sibling street's admin gets `sibling`. */
const ADMIN = (sibling: Outcome): Record<Caller, Outcome> => ({ ...NOT_ADMIN, orgAdmin: 'ok', siblingAdmin: sibling, superAdmin: 'ok' });
const SUPER_ONLY: Record<Caller, Outcome> = { ...NOT_ADMIN, orgAdmin: 403, siblingAdmin: 403, superAdmin: 'ok' };
/** Staff of station A or admins of its org. */
const STATION_MANAGERS: Record<Caller, Outcome> = { anonymous: 401, rider: 403, otherRider: 403, staff: 'ok', otherStaff: 403, orgAdmin: 'ok', siblingAdmin: 403, superAdmin: 'ok' };

// ------------------------------------------------------------ fixtures
export async function buildFixtures(t: TestApp, wechat: FakeWechat): Promise<Fixtures> {
  const owning = t.orgIds.LGQ;
  const sibling = t.orgIds.DGD;
  const stationA = await createStation(t, { orgId: owning });
  const stationB = await createStation(t, { orgId: sibling });
  const users = {
    rider: await t.loginAs('rider'),
    otherRider: await t.loginAs('rider'),
    staff: await loginStaff(t, stationA.id),
    otherStaff: await loginStaff(t, stationB.id),
    orgAdmin: await t.loginAs('org_admin', { orgId: owning }),
    siblingAdmin: await t.loginAs('org_admin', { orgId: sibling }),
    superAdmin: await t.loginAs('super_admin'),
  };
  const meeting = await createMeeting(t, users.orgAdmin, { orgId: owning });
  const activity = await createActivity(t, users.orgAdmin, { orgId: owning });
  const reward = await t.call('POST', '/rewards', { as: users.orgAdmin, body: { stationId: stationA.id, name: '矩阵冰袖', cost: 10, stock: 100 } });
  await giveStamps(t, users.rider, 10, owning);
  const redemption = await t.call('POST', '/redemptions', { as: users.rider, body: { stationId: stationA.id, rewardId: reward.body.id } });
  const report = await sendReport(t, users.rider, reportFields({ orgId: owning }));
  const application = await t.call('POST', '/membership/applications', { as: users.rider, body: validApplication({ orgId: owning }) });
  for (const res of [reward, redemption, report, application]) if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    t,
    wechat,
    users,
    orgIds: { owning, sibling, district: t.orgIds.FT },
    stationA,
    stationB,
    meeting,
    activity,
    reward: reward.body,
    redemption: redemption.body,
    report: report.body,
    application: application.body,
  };
}

const freshApplication = async (fx: Fixtures) => {
  const applicant = await fx.t.loginAs('rider');
  const res = await fx.t.call('POST', '/membership/applications', { as: applicant, body: validApplication({ orgId: fx.orgIds.owning }) });
  return res.body.id as string;
};
const freshReport = async (fx: Fixtures) => (await sendReport(fx.t, await fx.t.loginAs('rider'), reportFields({ orgId: fx.orgIds.owning }))).body.id as string;
const signIn = async (fx: Fixtures) => (await fx.t.call('POST', '/auth/dev', { body: { openid: `matrix-${randomUUID()}` } })).body.refreshToken as string;
const q = (fx: Fixtures) => `orgId=${fx.orgIds.owning}`;
const freshHelpRequest = async (fx: Fixtures) => {
  const rider = await fx.t.loginAs('rider');
  const res = await fx.t.call('POST', '/help-requests', { as: rider, body: { category: 'wages', text: '矩阵求助', lat: 39.85, lng: 116.21 } });
  if (res.status !== 201) throw new Error(`fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
};
/** A fresh rider's token for routes that act on the caller's own account (DELETE /me). */
const ownAccount = async (fx: Fixtures, caller: Caller) => (caller === 'anonymous' ? {} : (await fx.t.loginAs('rider')).headers);

// ------------------------------------------------------------ the matrix
const P = '/api/v1';
export const MATRIX: Record<string, MatrixRow> = {
  // auth
  [`POST ${P}/auth/wechat`]: { expect: EVERYONE, request: (fx) => ({ url: '/auth/wechat', body: { code: fx.wechat.issueCode(`wx-${randomUUID()}`) }, json: true }) },
  [`POST ${P}/auth/dev`]: { expect: EVERYONE, request: () => ({ url: '/auth/dev', body: { openid: `matrix-${randomUUID()}` }, json: true }) },
  [`POST ${P}/auth/refresh`]: { expect: EVERYONE, request: async (fx) => ({ url: '/auth/refresh', body: { refreshToken: await signIn(fx) }, json: true }) },
  [`POST ${P}/auth/logout`]: { expect: EVERYONE, request: async (fx) => ({ url: '/auth/logout', body: { refreshToken: await signIn(fx) }, json: true }) },
  [`GET ${P}/me`]: { expect: SIGNED_IN, request: () => ({ url: '/me' }) },
  // orgs and grants
  [`GET ${P}/orgs`]: { expect: SIGNED_IN, request: () => ({ url: '/orgs' }) },
  [`POST ${P}/orgs`]: { expect: SUPER_ONLY, request: (fx) => ({ url: '/orgs', body: { name: `矩阵工会${randomUUID().slice(0, 6)}`, kind: 'industry', parentId: fx.orgIds.owning }, json: true }) },
  [`GET ${P}/admin/grants`]: { expect: SUPER_ONLY, request: () => ({ url: '/admin/grants' }) },
  [`POST ${P}/admin/grants`]: {
    expect: ADMIN(403),
    request: (fx) => ({ url: '/admin/grants', body: { openid: `matrix-${randomUUID()}`, role: 'station_staff', stationId: fx.stationA.id }, json: true }),
  },
  [`DELETE ${P}/admin/grants`]: {
    expect: ADMIN(403),
    request: async (fx) => {
      const body = { openid: `matrix-${randomUUID()}`, role: 'station_staff' as const, stationId: fx.stationA.id };
      await grantRole(fx.t.db, null, body, async () => fx.stationA.orgId);
      return { url: '/admin/grants', body, json: true };
    },
  },
  // stations
  [`GET ${P}/stations/nearby`]: { expect: EVERYONE, request: () => ({ url: '/stations/nearby?lat=39.8496&lng=116.2133' }) },
  [`GET ${P}/stations`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stations?${q(fx)}` }) },
  [`POST ${P}/stations`]: {
    expect: ADMIN(403),
    request: (fx) => ({
      url: '/stations',
      body: { orgId: fx.orgIds.owning, name: `矩阵驿站${randomUUID().slice(0, 6)}`, kind: 'union_station', address: '卢沟桥', lat: 39.85, lng: 116.21, hours: { weekly: [], alwaysOpen: true }, services: ['hot_water'] },
      json: true,
    }),
  },
  [`GET ${P}/stations/:id`]: { expect: EVERYONE, request: (fx) => ({ url: `/stations/${fx.stationA.id}` }) },
  [`PATCH ${P}/stations/:id`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stations/${fx.stationA.id}`, body: { address: '卢沟桥东' }, json: true }) },
  [`POST ${P}/stations/import`]: {
    expect: ADMIN(403),
    request: (fx) => ({
      url: `/stations/import?${q(fx)}`,
      body: `externalCode,name,kind,address,lat,lng,phone,services,hours\nM-${randomUUID().slice(0, 8)},矩阵导入驿站,union_station,卢沟桥,39.85,116.21,,hot_water,24h\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  [`GET ${P}/stations/:id/checkin-code`]: { expect: STATION_MANAGERS, request: (fx) => ({ url: `/stations/${fx.stationA.id}/checkin-code` }) },
  [`GET ${P}/stations/:id/checkin-code.png`]: { expect: STATION_MANAGERS, request: (fx) => ({ url: `/stations/${fx.stationA.id}/checkin-code.png` }) },
  [`POST ${P}/stations/:id/checkin-code/rotate`]: { expect: STATION_MANAGERS, request: (fx) => ({ url: `/stations/${fx.stationA.id}/checkin-code/rotate` }) },
  [`POST ${P}/stations/:id/checkins`]: {
    expect: SIGNED_IN,
    request: async (fx) => {
      const station = await loadStation(fx.t.db, fx.stationA.id);
      return { url: `/stations/${fx.stationA.id}/checkins`, body: { code: checkinCodeOf(station, { codeSecret: fx.t.config.codeSecret }).code }, json: true };
    },
  },
  [`GET ${P}/stats/checkins`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stats/checkins?${q(fx)}` }) },
  // activities and stamps
  [`POST ${P}/activities`]: {
    expect: ADMIN(403),
    request: (fx) => {
      const now = Date.now();
      return { url: '/activities', body: { title: '矩阵活动', kind: 'volunteer', orgId: fx.orgIds.owning, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3600_000).toISOString() }, json: true };
    },
  },
  [`GET ${P}/activities`]: { expect: ADMIN(403), request: (fx) => ({ url: `/activities?${q(fx)}` }) },
  [`GET ${P}/activities/:id`]: { expect: SIGNED_IN, request: (fx) => ({ url: `/activities/${fx.activity.id}` }) },
  [`GET ${P}/activities/:id/checkin-token`]: { expect: STATION_MANAGERS, request: (fx) => ({ url: `/activities/${fx.activity.id}/checkin-token` }) },
  [`POST ${P}/activities/:id/checkins`]: { expect: SIGNED_IN, request: (fx) => ({ url: `/activities/${fx.activity.id}/checkins`, body: { token: '000000' }, json: true }) },
  [`GET ${P}/stamps/me`]: { expect: SIGNED_IN, request: () => ({ url: '/stamps/me' }) },
  [`GET ${P}/stamps/settings/:orgId`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stamps/settings/${fx.orgIds.owning}` }) },
  [`PUT ${P}/stamps/settings/:orgId`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stamps/settings/${fx.orgIds.owning}`, body: { goal: 10, dailyReportStamps: 3 }, json: true }) },
  // reports
  [`POST ${P}/reports`]: {
    expect: SIGNED_IN,
    request: async () => {
      const form = await formData(reportFields(), { photo: { data: await jpeg(), filename: 'p.jpg', type: 'image/jpeg' } });
      return { url: '/reports', body: form.body, headers: form.headers };
    },
  },
  [`GET ${P}/reports`]: { expect: ADMIN(403), request: (fx) => ({ url: `/reports?${q(fx)}` }) },
  [`GET ${P}/reports/me`]: { expect: SIGNED_IN, request: () => ({ url: '/reports/me' }) },
  [`POST ${P}/reports/:id/accept`]: { expect: ADMIN(404), request: async (fx) => ({ url: `/reports/${await freshReport(fx)}/accept` }) },
  [`POST ${P}/reports/:id/reject`]: { expect: ADMIN(404), request: async (fx) => ({ url: `/reports/${await freshReport(fx)}/reject`, body: { reason: '看不清' }, json: true }) },
  [`GET ${P}/reports/:id/photo`]: {
    expect: { anonymous: 401, rider: 'ok', otherRider: 404, staff: 404, otherStaff: 404, orgAdmin: 'ok', siblingAdmin: 404, superAdmin: 'ok' },
    request: (fx) => ({ url: `/reports/${fx.report.id}/photo` }),
  },
  // rewards and redemptions
  [`GET ${P}/rewards`]: { expect: EVERYONE, request: () => ({ url: '/rewards' }) },
  [`POST ${P}/rewards`]: { expect: ADMIN(403), request: (fx) => ({ url: '/rewards', body: { stationId: fx.stationA.id, name: `奖${randomUUID().slice(0, 6)}`, cost: 10, stock: 1 }, json: true }) },
  [`PATCH ${P}/rewards/:id`]: { expect: ADMIN(403), request: (fx) => ({ url: `/rewards/${fx.reward.id}`, body: { stock: 100 }, json: true }) },
  [`POST ${P}/redemptions`]: { expect: SIGNED_IN, request: (fx) => ({ url: '/redemptions', body: { stationId: fx.stationA.id, rewardId: fx.reward.id }, json: true }) },
  [`POST ${P}/redemptions/fulfill`]: {
    // The rider who shows the code cannot fulfil it themselves.
    expect: { ...STATION_MANAGERS },
    request: (fx) => ({ url: '/redemptions/fulfill', body: { code: fx.redemption.code }, json: true }),
  },
  [`GET ${P}/redemptions/:id`]: {
    expect: { anonymous: 401, rider: 'ok', otherRider: 404, staff: 'ok', otherStaff: 404, orgAdmin: 'ok', siblingAdmin: 404, superAdmin: 'ok' },
    request: (fx) => ({ url: `/redemptions/${fx.redemption.id}` }),
  },
  [`GET ${P}/stats/stamps/daily`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stats/stamps/daily?${q(fx)}` }) },
  [`GET ${P}/stats/stock`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stats/stock?${q(fx)}` }) },
  // membership
  [`POST ${P}/meetings`]: {
    expect: ADMIN(403),
    request: (fx) => ({ url: '/meetings', body: { title: '矩阵沟通会', orgId: fx.orgIds.owning, startsAt: '2026-11-25T02:00:00.000Z', endsAt: '2026-11-25T04:00:00.000Z' }, json: true }),
  },
  [`GET ${P}/meetings`]: { expect: ADMIN(403), request: (fx) => ({ url: `/meetings?${q(fx)}` }) },
  [`GET ${P}/meetings/:id`]: { expect: SIGNED_IN, request: (fx) => ({ url: `/meetings/${fx.meeting.id}` }) },
  [`GET ${P}/meetings/:id/qrcode.png`]: { expect: ADMIN(403), request: (fx) => ({ url: `/meetings/${fx.meeting.id}/qrcode.png` }) },
  [`GET ${P}/membership/privacy-notice`]: { expect: EVERYONE, request: () => ({ url: '/membership/privacy-notice' }) },
  [`POST ${P}/membership/applications`]: { expect: SIGNED_IN, request: (fx) => ({ url: '/membership/applications', body: validApplication({ orgId: fx.orgIds.owning }), json: true }) },
  [`GET ${P}/membership/applications`]: { expect: ADMIN(403), request: (fx) => ({ url: `/membership/applications?${q(fx)}` }) },
  [`GET ${P}/membership/me`]: { expect: SIGNED_IN, request: () => ({ url: '/membership/me' }) },
  [`GET ${P}/membership/applications/export.csv`]: { expect: ADMIN(403), request: (fx) => ({ url: `/membership/applications/export.csv?${q(fx)}` }) },
  [`GET ${P}/membership/applications/:id`]: { expect: ADMIN(404), request: (fx) => ({ url: `/membership/applications/${fx.application.id}` }) },
  [`GET ${P}/membership/applications/:id/pii`]: { expect: ADMIN(404), request: (fx) => ({ url: `/membership/applications/${fx.application.id}/pii` }) },
  [`POST ${P}/membership/applications/:id/approve`]: { expect: ADMIN(404), request: async (fx) => ({ url: `/membership/applications/${await freshApplication(fx)}/approve` }) },
  [`POST ${P}/membership/applications/:id/reject`]: {
    expect: ADMIN(404),
    request: async (fx) => ({ url: `/membership/applications/${await freshApplication(fx)}/reject`, body: { reason: '信息不全' }, json: true }),
  },
  [`POST ${P}/membership/applications/approve`]: {
    // Bulk approval answers per id: outside the admin's scope each id fails as not found.
    expect: ADMIN('ok'),
    request: async (fx) => ({
      url: '/membership/applications/approve',
      body: { ids: [await freshApplication(fx)] },
      json: true,
      check: (res, caller) => {
        if (res.status !== 200) return;
        const expected = caller === 'siblingAdmin' ? { status: 'failed', error: { code: 'NOT_FOUND' } } : { status: 'approved' };
        expect(res.body.results[0]).toMatchObject(expected);
      },
    }),
  },
  [`GET ${P}/stats/membership/daily`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stats/membership/daily?${q(fx)}` }) },
  [`GET ${P}/stats/membership/meetings`]: { expect: ADMIN(403), request: (fx) => ({ url: `/stats/membership/meetings?${q(fx)}` }) },
  // account and movement history (PIPL)
  [`GET ${P}/me/checkins`]: { expect: SIGNED_IN, request: () => ({ url: '/me/checkins' }) },
  [`DELETE ${P}/me/checkins`]: { expect: SIGNED_IN, request: () => ({ url: '/me/checkins' }) },
  [`DELETE ${P}/me`]: { expect: SIGNED_IN, request: async (fx, caller) => ({ url: '/me', headers: await ownAccount(fx, caller) }) },
  // notifications
  [`GET ${P}/notifications`]: { expect: SIGNED_IN, request: () => ({ url: '/notifications' }) },
  [`GET ${P}/notifications/unread`]: { expect: SIGNED_IN, request: () => ({ url: '/notifications/unread' }) },
  [`POST ${P}/notifications/read`]: { expect: SIGNED_IN, request: () => ({ url: '/notifications/read', body: { all: true }, json: true }) },
  [`GET ${P}/notifications/templates`]: { expect: SIGNED_IN, request: () => ({ url: '/notifications/templates' }) },
  [`POST ${P}/notifications/subscriptions`]: {
    expect: SIGNED_IN,
    request: () => ({ url: '/notifications/subscriptions', body: { templateKind: 'application_approved', accepted: true }, json: true }),
  },
  [`GET ${P}/notifications/settings`]: { expect: SIGNED_IN, request: () => ({ url: '/notifications/settings' }) },
  [`PUT ${P}/notifications/settings`]: { expect: SIGNED_IN, request: () => ({ url: '/notifications/settings', body: { activitySoon: false }, json: true }) },
  // live station state
  [`PUT ${P}/stations/:id/state`]: {
    expect: STATION_MANAGERS,
    request: (fx) => ({ url: `/stations/${fx.stationA.id}/state`, body: { note: '今天有绿豆汤', until: new Date(Date.now() + 3600_000).toISOString() }, json: true }),
  },
  [`DELETE ${P}/stations/:id/state`]: { expect: STATION_MANAGERS, request: (fx) => ({ url: `/stations/${fx.stationA.id}/state` }) },
  [`GET ${P}/stations/:id/live`]: { expect: STATION_MANAGERS, request: (fx) => ({ url: `/stations/${fx.stationA.id}/live` }) },
  [`POST ${P}/stations/:id/confirmations`]: { expect: SIGNED_IN, request: (fx) => ({ url: `/stations/${fx.stationA.id}/confirmations`, body: { kind: 'open' }, json: true }) },
  // help requests
  [`GET ${P}/help-requests/hotline`]: { expect: SIGNED_IN, request: () => ({ url: '/help-requests/hotline' }) },
  [`POST ${P}/help-requests`]: { expect: SIGNED_IN, request: () => ({ url: '/help-requests', body: { category: 'other', text: '矩阵', lat: 39.85, lng: 116.21 }, json: true }) },
  [`GET ${P}/help-requests/me`]: { expect: SIGNED_IN, request: () => ({ url: '/help-requests/me' }) },
  [`GET ${P}/help-requests`]: { expect: ADMIN('ok'), request: () => ({ url: '/help-requests' }) },
  [`GET ${P}/help-requests/:id`]: { expect: ADMIN(404), request: async (fx) => ({ url: `/help-requests/${await freshHelpRequest(fx)}` }) },
  [`POST ${P}/help-requests/:id/claim`]: { expect: ADMIN(404), request: async (fx) => ({ url: `/help-requests/${await freshHelpRequest(fx)}/claim` }) },
  [`POST ${P}/help-requests/:id/close`]: {
    expect: ADMIN(404),
    request: async (fx) => ({ url: `/help-requests/${await freshHelpRequest(fx)}/close`, body: { note: '已联系' }, json: true }),
  },
  [`PUT ${P}/orgs/:id/hotline`]: { expect: ADMIN(403), request: (fx) => ({ url: `/orgs/${fx.orgIds.owning}/hotline`, body: { hotline: '010-12351' }, json: true }) },
  // member card
  [`GET ${P}/membership/card`]: { expect: SIGNED_IN, request: () => ({ url: '/membership/card' }) },
  [`POST ${P}/membership/verify`]: {
    expect: { anonymous: 401, rider: 403, otherRider: 403, staff: 'ok', otherStaff: 'ok', orgAdmin: 'ok', siblingAdmin: 'ok', superAdmin: 'ok' },
    request: () => ({ url: '/membership/verify', body: { memberNo: 'LGQ-2026-000001', code: '1234567890.AAAAAAAAAAAAAAAAAAAAAA' }, json: true }),
  },
};
