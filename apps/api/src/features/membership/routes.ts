import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { PRIVACY_NOTICE } from '@xfqs/domain';
import type { PiiKeyring } from '../../config';
import { createPiiCipher } from '../../pii';
import { IdParams } from '../../schemas';
import { getApplication, listApplications, myMembership, readApplicationPii, submitApplication } from './applications';
import { exportApplications } from './export';
import { createMeeting, listMeetings, meetingQrPng, openMeeting } from './meetings';
import { approveApplication, bulkApprove, rejectApplication } from './review';
import { memberCard, verifyMemberCard } from './card';
import {
  ApplicationBody,
  ApplicationCreated,
  ApplicationForReview,
  ApplicationListQuery,
  ApplicationPage,
  ApplicationPii,
  ApproveQuery,
  ApproveResult,
  BulkApproveBody,
  BulkApproveResult,
  CreateMeetingBody,
  DailyStats,
  ExportQuery,
  Meeting,
  MeetingFunnel,
  MeetingListQuery,
  MeetingPage,
  MeetingRefParams,
  MemberCard,
  MemberCardVerification,
  MyMembership,
  PrivacyNotice,
  QrQuery,
  RejectBody,
  RejectResult,
  StatsQuery,
  VerifyMemberCardBody,
} from './schemas';
import { dailyMembershipStats, meetingFunnel } from './stats';

export interface MembershipRoutesOptions {
  /** The PII keyring (AES-256-GCM keys by id) for ID numbers, phones and names. */
  pii: PiiKeyring;
  /** Public origin for join links (e.g. `https://xfqs.example.cn`); defaults to the request's own. */
  publicOrigin?: string;
  /** Signs member card verification codes (CODE_SECRET). */
  codeSecret: string;
}

const tags = ['membership'];
/** Non-JSON bodies, declared per content type so the OpenAPI document names the media type. */
const binary = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: Type.Unsafe<Buffer | string>({ type: 'string', format: 'binary' }) } },
});
const Png = binary('image/png', 'PNG image');
const Csv = binary('text/csv', 'CSV, UTF-8 with BOM, Chinese headers');

/** Meetings (QR codes, attendance), applications, review, member card, statistics and export. */
export const membershipRoutes: FastifyPluginAsyncTypebox<MembershipRoutesOptions> = async (app, opts) => {
  const cipher = createPiiCipher(opts.pii);
  const origin = (request: FastifyRequest) => opts.publicOrigin ?? `${request.protocol}://${request.host}`;
  const staff = [app.requireRole('org_admin')];
  const { settings } = app.limits;
  const applicationsPerRider = app.limits.define({ name: 'applications-user', max: settings.applicationsPerHour, windowMs: 3_600_000, by: 'user' });
  const exportsPerUser = app.limits.define({ name: 'export-user', max: settings.heavyPerMinute, windowMs: 60_000, by: 'user' });
  const exports = app.limits.gate('membership-export', settings.heavyConcurrency);

  // ---------- meetings ----------

  app.post(
    '/meetings',
    { onRequest: staff, schema: { tags, summary: '新建沟通会', description: 'Org admins (and super admins), for an org in their subtree: `orgId` defaults to the caller’s first org_admin grant (none or unknown: 400; outside the scope: 403). `endsAt` must be after `startsAt` (400). Returns the meeting with its short code, mini-program scene and join URL. Audited.',  body: CreateMeetingBody, response: { 201: Meeting } } },
    async (request, reply) => reply.status(201).send(await createMeeting(app.db, request.principal, request.body, origin(request))),
  );

  app.get(
    '/meetings',
    { onRequest: staff, schema: { tags, summary: '沟通会列表（本级及下级工会）', description: 'Org admins (and super admins). Meetings of `orgId` and the orgs below it (default: every org the caller administers), latest start first, with keyset paging; an `orgId` outside the caller’s scope is a 403.',  querystring: MeetingListQuery, response: { 200: MeetingPage } } },
    async (request) => listMeetings(app.db, request.principal, request.query, origin(request)),
  );

  app.get(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: '打开沟通会（按 id 或二维码中的短码）；登录骑手打开即记为到会，每人一次',
        description: 'Any signed-in caller, by meeting id or the short code in its QR; unknown → 404. Opening it records the caller’s attendance once (repeat opens change nothing), except for admins of the meeting’s org, so checking the page does not inflate the funnel.',
        params: MeetingRefParams,
        response: { 200: Meeting },
      },
    },
    async (request) => openMeeting(app.db, request.principal, request.params.id, origin(request), app.clock.now()),
  );

  app.get(
    '/meetings/:id/qrcode.png',
    {
      onRequest: [...staff, app.limits.qrImages],
      schema: {
        tags,
        summary: '沟通会二维码（PNG，可打印；内容为入会页链接）',
        description: 'Admins of the meeting’s org or an org above it (and super admins); other org admins get 403, an unknown meeting 404. A PNG of the join link, `size` 200–1000 pixels (default 600); rate-limited per user (429).',
        params: MeetingRefParams,
        querystring: QrQuery,
        response: { 200: Png },
      },
    },
    async (request, reply) => {
      const png = await meetingQrPng(app.db, request.principal, request.params.id, origin(request), request.query.size ?? 600);
      return reply.type('image/png').header('cache-control', 'private, max-age=300').send(png);
    },
  );

  // ---------- applications (rider) ----------

  app.get(
    '/membership/privacy-notice',
    { config: { access: 'public' }, schema: { tags, summary: '入会个人信息处理告知（当前版本）', description: 'No sign-in needed. The current version of the notice on how applicants’ personal data is processed; an application consents to this version (a different `privacyNoticeVersion` is a 400).', response: { 200: PrivacyNotice } } },
    async () => PRIVACY_NOTICE,
  );

  app.post(
    '/membership/applications',
    {
      onRequest: [applicationsPerRider],
      schema: {
        tags,
        summary: '提交入会申请',
        description:
          'An ID number that another application or member already holds is accepted like any other (201 pending) and never revealed to the applicant; staff see `duplicateOf`. ' +
          'Submissions per rider are limited (`APPLICATION_RATE_LIMIT` per hour, 429 with Retry-After).',
        body: ApplicationBody,
        response: { 201: ApplicationCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitApplication(app.db, cipher, request.principal.userId, request.body, app.clock.now())),
  );

  app.get(
    '/membership/me',
    { schema: { tags, summary: '我的入会状态与会员证', description: 'Signed-in rider, own data only: `none`, or the current application (the open one, else the latest rejected one) with its status and reject reason, plus the member number and member-since date once approved.',  response: { 200: MyMembership } } },
    async (request) => myMembership(app.db, request.principal.userId),
  );

  // ---------- member card ----------

  app.get(
    '/membership/card',
    {
      schema: {
        tags,
        summary: '电子会员证：姓名（遮挡）、会员编号、所属工会、入会日期，及 5 分钟有效的核验码；非会员 422 NOT_A_MEMBER',
        description: 'Signed-in rider who is an approved member (422 NOT_A_MEMBER otherwise). Masked name, member number, union and join date, with a signed code valid 5 minutes (and the URL to show as a QR) for staff to scan. Never cached.',
        response: { 200: MemberCard },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return memberCard(app.db, cipher, { codeSecret: opts.codeSecret, publicBaseUrl: opts.publicOrigin }, request.principal.userId, app.clock.now());
    },
  );

  app.post(
    '/membership/verify',
    {
      onRequest: [app.requireRole('org_admin', 'station_staff')],
      schema: {
        tags,
        summary: '工作人员核验会员证二维码：伪造 422 INVALID_CODE，过期 410 CODE_EXPIRED，已不是会员 422 NOT_A_MEMBER（记入审计日志）',
        description: 'Org admins and station staff (and super admins); others get 403. Checks a scanned member card: a code not signed for that member number is a 422 INVALID_CODE, one older than 5 minutes a 410 CODE_EXPIRED, a member no longer approved a 422 NOT_A_MEMBER. Returns the masked card face; each successful check is audited. Never cached.',
        body: VerifyMemberCardBody,
        response: { 200: MemberCardVerification },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyMemberCard(app.db, cipher, opts.codeSecret, request.principal.userId, request.body, app.clock.now());
    },
  );

  // ---------- review (staff) ----------

  app.get(
    '/membership/applications',
    {
      onRequest: staff,
      schema: { tags, summary: '入会申请列表（身份证号、手机号已遮挡）', description: 'Org admins (and super admins). Applications of `orgId` and the orgs below it (default: every org the caller administers), newest first, filtered by `status`, `meetingId` and submission days `from`/`to` (Asia/Shanghai; `from` after `to` is a 400), with keyset paging. ID and phone numbers are masked; `duplicateOf` flags an ID number another open application or member holds. An `orgId` outside the caller’s scope is a 403.',  querystring: ApplicationListQuery, response: { 200: ApplicationPage } },
    },
    async (request) => listApplications(app.db, cipher, request.principal, request.query),
  );

  app.get(
    '/membership/applications/export.csv',
    {
      onRequest: [...staff, exportsPerUser],
      schema: {
        tags,
        summary: '导出入会申请（CSV；默认遮挡，full=true 导出完整信息；每次导出都记入审计日志）',
        description:
          'At most `EXPORT_MAX_ROWS` rows (default 50,000): a larger selection is a 422 `RULE_VIOLATION` (narrow it with status, meetingId, from/to). ' +
          'Exports per admin per minute (`HEAVY_RATE_LIMIT`) and at once per instance (`HEAVY_CONCURRENCY`) are limited (429 with Retry-After).',
        querystring: ExportQuery,
        response: { 200: Csv },
      },
    },
    async (request, reply) => {
      const file = await exports.run(reply, () =>
        exportApplications(app.db, cipher, request.principal, request.query, app.clock.now(), settings.exportMaxRows),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.displayName)}`)
        .header('cache-control', 'no-store')
        .send(file.csv);
    },
  );

  app.get(
    '/membership/applications/:id',
    { onRequest: staff, schema: { tags, summary: '一份入会申请（遮挡）', description: 'Admins of the application’s org or an org above it (and super admins); outside that scope the answer is the same 404 as for an unknown id. The staff view: ID and phone numbers masked, with `duplicateOf` when another open application or member has the same ID number.',  params: IdParams, response: { 200: ApplicationForReview } } },
    async (request) => getApplication(app.db, cipher, request.principal, request.params.id),
  );

  app.get(
    '/membership/applications/:id/pii',
    {
      onRequest: staff,
      schema: { tags, summary: '查看完整个人信息（记入审计日志）', description: 'Admins of the application’s org or an org above it (and super admins); outside that scope the same 404 as for an unknown id. The unmasked name, ID number and phone with birth date and gender; the read is written to the audit log before the answer. Never cached.',  params: IdParams, response: { 200: ApplicationPii } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readApplicationPii(app.db, cipher, request.principal, request.params.id);
    },
  );

  app.post(
    '/membership/applications/:id/approve',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: '通过入会申请（分配会员编号）',
        description:
          'Not pending → 409 CONFLICT. When the ID number is held by another open application or a member (`duplicateOf` in the staff views), ' +
          'approval is 409 CONFLICT unless `confirmDuplicate=true` is sent; the confirmation is written to the audit log with the duplicate.',
        params: IdParams,
        querystring: ApproveQuery,
        response: { 200: ApproveResult },
      },
    },
    async (request) =>
      approveApplication(app.db, cipher, request.principal, request.params.id, app.clock.now(), { confirmDuplicate: request.query.confirmDuplicate === true }),
  );

  app.post(
    '/membership/applications/:id/reject',
    {
      onRequest: staff,
      schema: { tags, summary: '驳回入会申请（须填写原因）', description: 'Admins of the application’s org or an org above it (and super admins); outside that scope the same 404 as for an unknown id. A blank reason is a 400; an application no longer pending is a 409 CONFLICT. The rider is notified with the reason. Audited.',  params: IdParams, body: RejectBody, response: { 200: RejectResult } },
    },
    async (request) => rejectApplication(app.db, request.principal, request.params.id, request.body.reason, app.clock.now()),
  );

  app.post(
    '/membership/applications/approve',
    {
      onRequest: staff,
      schema: { tags, summary: '批量通过（每份申请各自成败）', description: 'Org admins (and super admins). Approves each id in the order given, each in its own transaction like the single approval but without `confirmDuplicate`: an id that is unknown, outside the caller’s scope, no longer pending or has a duplicate ID number comes back `failed` with its error code and message, and the others go ahead.',  body: BulkApproveBody, response: { 200: BulkApproveResult } },
    },
    async (request) => ({ results: await bulkApprove(app.db, cipher, request.principal, request.body.ids, app.clock.now()) }),
  );

  // ---------- statistics ----------

  app.get(
    '/stats/membership/daily',
    { onRequest: staff, schema: { tags, summary: '每日入会统计（按北京时间分日）', description: 'Org admins (and super admins). Per Asia/Shanghai day, for `orgId` and the orgs below it (default: every org the caller administers): applications submitted (also per platform), approved and rejected, each counted on the day it happened. Every day is listed, zeros included; by default the last 30 days, at most 366 (400). An `orgId` outside the caller’s scope is a 403.',  querystring: StatsQuery, response: { 200: DailyStats } } },
    async (request) => dailyMembershipStats(app.db, request.principal, request.query, app.clock.now()),
  );

  app.get(
    '/stats/membership/meetings',
    {
      onRequest: staff,
      schema: { tags, summary: '沟通会转化漏斗：到会 → 申请 → 通过', description: 'Org admins (and super admins). For each meeting of `orgId` and the orgs below it that starts in the range (by default the last 90 days, at most 366), latest first: distinct riders who attended, who applied through it, and how many of those are pending or approved. An `orgId` outside the caller’s scope is a 403.',  querystring: StatsQuery, response: { 200: MeetingFunnel } },
    },
    async (request) => meetingFunnel(app.db, request.principal, request.query, app.clock.now()),
  );
};
