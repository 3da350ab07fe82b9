import path from 'node:path';
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import { formValidatorCompiler } from '../../plugins/validation';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page } from '../../schemas';
import { ApiError, fieldError } from '../../errors';
import { limitStreamedBody } from '../../body-limit';
import { checkIn, checkinToken, createActivity, getActivity, listActivities } from './activities';
import { ActivityCache } from './activity-cache';
import { stampsOfRider } from './ledger';
import { LocalPhotoStore, type PhotoStore } from './photo-store';
import { createRedemption, fulfilRedemption, getRedemption } from './redemptions';
import { acceptReport, createReport, listMyReports, listReports, rejectReport, reportPhoto } from './reports';
import { createReward, listRewards, patchReward } from './rewards';
import {
  AcceptResult,
  Activity,
  ActivityListQuery,
  CheckinBody,
  CheckinResult,
  CheckinToken,
  CreateActivityBody,
  CreateRedemptionBody,
  CreateReportBody,
  CreateRewardBody,
  FulfilBody,
  FulfilResult,
  MyReportsQuery,
  OrgIdParams,
  PatchRewardBody,
  Redemption,
  RejectBody,
  RejectResult,
  Report,
  ReportListQuery,
  Reward,
  RewardList,
  RewardListQuery,
  StampSettings,
  StampSettingsBody,
  StampStats,
  StampStatsQuery,
  StampsMe,
  StockQuery,
  StockStats,
} from './schemas';
import { getSettings, putSettings } from './settings';
import { dailyStampStats, stockStats } from './stats';

export interface StampsOptions {
  /** `DATA_DIR`: photos go to `<dataDir>/uploads` unless a `photoStore` is given. */
  dataDir: string;
  photoStore?: PhotoStore;
  /** QUEUED_SCAN_WINDOW_HOURS: how old a queued (offline) scan may be. */
  queuedScanWindowHours: number;
}

const tags = ['stamps'];
/** Largest report photo (5 MiB); a larger one is a 413. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The whole multipart body: the photo plus the form fields and part headers. */
const MAX_REPORT_BODY_BYTES = MAX_PHOTO_BYTES + 256 * 1024;

/** 先锋骑士: activities and check-ins, the stamp card, 随手拍 reports, rewards, redemptions, statistics. */
export const stampsRoutes: FastifyPluginAsyncTypebox<StampsOptions> = async (app, options) => {
  const store = options.photoStore ?? new LocalPhotoStore(path.join(options.dataDir, 'uploads'));
  const orgAdmin = app.requireRole('org_admin');
  const { settings } = app.limits;
  // 随手拍: each photo is decoded and re-encoded, so uploads are counted per rider before the body is read.
  const reportsPerRider = app.limits.define({ name: 'reports-user', max: settings.reportsPerHour, windowMs: 3_600_000, by: 'user' });
  const redemptionsPerRider = app.limits.define({ name: 'redemptions-user', max: settings.redemptionsPerMinute, windowMs: 60_000, by: 'user' });
  /** Check-in facts of recently scanned activities (see ActivityCache: activities never change). */
  const activityCache = new ActivityCache(app.db);
  app.addHook('onClose', async () => activityCache.clear());

  // ------------------------------------------------------------ activities
  app.post(
    '/activities',
    { onRequest: [orgAdmin], schema: { tags, summary: '新建活动（工会管理员）', description: 'Org admins (and super admins), for an org in their subtree: `orgId` defaults to the caller’s first org_admin grant (none: 400; outside the scope: 403). `endsAt` must be after `startsAt`, and a geofence needs `lat`, `lng` and `radiusM` together (400). Each check-in earns `stamps` (default 1). Audited.',  body: CreateActivityBody, response: { 201: Activity } } },
    async (request, reply) => reply.status(201).send(await createActivity(app.db, request.principal, request.body)),
  );

  app.get(
    '/activities',
    { onRequest: [orgAdmin], schema: { tags, summary: '活动列表（工会管理员）', description: 'Org admins (and super admins). Activities of `orgId` and the orgs below it (default: every org the caller administers), latest start first, with keyset paging; an `orgId` outside the caller’s scope is a 403.',  querystring: ActivityListQuery, response: { 200: Page(Activity) } } },
    async (request) => listActivities(app.db, request.principal, request.query),
  );

  app.get(
    '/activities/:id',
    {
      schema: { tags, summary: '活动详情（登录即可，供骑手签到前查看）', description: 'Any signed-in caller (riders look before checking in). The activity with its time window, geofence and stamps; its check-in secret is never returned. Unknown id → 404.',  params: IdParams, response: { 200: Activity } },
    },
    async (request) => getActivity(app.db, request.params.id),
  );

  app.get(
    '/activities/:id/checkin-token',
    {
      schema: {
        tags,
        summary: '活动签到码（每 30 秒轮换；所属工会管理员或其驿站工作人员）',
        description: 'Admins of the activity’s org or an org above it, staff of a station inside that org’s subtree, and super admins; anyone else signed in gets 403, an unknown activity 404. The current rotating check-in token to show as a QR and when it expires (it changes every 30 seconds); never cached.',
        params: IdParams,
        response: { 200: CheckinToken },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return checkinToken(app.db, request.principal, request.params.id, app.clock.now());
    },
  );

  app.post(
    '/activities/:id/checkins',
    {
      onRequest: [app.limits.checkins],
      // the check-in statement itself checks the rider's account: one round trip (plugins/auth.ts)
      config: { accountCheck: 'in-statement' },
      schema: {
        tags,
        summary: '骑手活动签到，获得积分',
        description: '检查顺序：签到码属于本活动（422 INVALID_CODE）→ 未过期（410 CODE_EXPIRED）→ 活动时间内（422 ACTIVITY_CLOSED）→ 在地理围栏内（422 OUT_OF_RANGE）。',
        params: IdParams,
        body: CheckinBody,
        response: { 201: CheckinResult, 200: CheckinResult },
      },
    },
    async (request, reply) => {
      const result = await checkIn(app.db, request.principal, request.params.id, request.body, app.clock.now(), options.queuedScanWindowHours, activityCache);
      return reply.status(result.created ? 201 : 200).send(result.body);
    },
  );

  // ------------------------------------------------------------ stamp card
  app.get(
    '/stamps/me',
    { schema: { tags, summary: '我的先锋骑士积分卡与行动记录', description: 'Signed-in rider, own data only: stamp balance, total earned and card goal (the goal of the org of the latest stamp, else the default), every stamp earned (newest first) and the fulfilled redemptions.',  response: { 200: StampsMe } } },
    async (request) => stampsOfRider(app.db, request.principal.userId),
  );

  app.get(
    '/stamps/settings/:orgId',
    { onRequest: [orgAdmin], schema: { tags, summary: '积分规则（目标数、每日随手拍积分上限）', description: 'Admins of that org or an org above it (and super admins); others get 403, an unknown org 404. The effective rules (card goal, daily cap on report stamps) and `inheritedFrom`: the org whose setting applies (this one or the nearest above with one), or null for the defaults.',  params: OrgIdParams, response: { 200: StampSettings } } },
    async (request) => getSettings(app.db, request.principal, request.params.orgId),
  );

  app.put(
    '/stamps/settings/:orgId',
    {
      onRequest: [orgAdmin],
      schema: { tags, summary: '设置积分规则（下级组织未设置时沿用）', description: 'Admins of that org or an org above it (and super admins); others get 403, an unknown org 404. Sets (upserts) the org’s own goal and daily report-stamp cap, which the orgs below it without a setting of their own inherit; returns the effective settings. Audited.',  params: OrgIdParams, body: StampSettingsBody, response: { 200: StampSettings } },
    },
    async (request) => putSettings(app.db, request.principal, request.params.orgId, request.body, app.clock.now()),
  );

  // ------------------------------------------------------------ reports (multipart only in this scope)
  const reportUpload: FastifyPluginAsyncTypebox = async (scope) => {
    scope.setValidatorCompiler(formValidatorCompiler);
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 10, parts: 12, fieldNameSize: 64, fieldSize: 16 * 1024, headerPairs: 100 },
    });

    scope.post(
      '/reports',
      {
        onRequest: [limitStreamedBody(MAX_REPORT_BODY_BYTES)],
        // Counted per rider before the body is read, so a flood costs neither bandwidth nor image work.
        preParsing: [reportsPerRider],
        preValidation: async (request) => {
          if (!request.isMultipart()) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', '随手拍需以 multipart/form-data 上传');
        },
        schema: { tags, summary: '提交随手拍（照片 + 类别 + 描述 + 位置）', description: 'Any signed-in rider; multipart/form-data only (415 otherwise). The photo must be a JPEG, PNG or WebP of at most 5 MiB (415 / 413); it is re-encoded upright, scaled down and without metadata (no EXIF location). The report goes to `orgId`, else to the org of the nearest active station (none: 422 RULE_VIOLATION), and starts pending. Uploads per rider per hour are limited (429).',  consumes: ['multipart/form-data'], body: CreateReportBody, response: { 201: Report } },
      },
      async (request, reply) => {
        const { photo, ...fields } = request.body;
        if (!Buffer.isBuffer(photo)) throw fieldError('photo', '请以文件形式上传照片');
        return reply.status(201).send(await createReport(app.db, app.nearby, store, request.principal.userId, fields, photo, app.clock.now()));
      },
    );
  };
  await app.register(reportUpload);

  app.get(
    '/reports/me',
    { schema: { tags, summary: '我的随手拍', description: 'Signed-in rider, own reports only: newest first, optionally by `status`, with keyset paging; each with the nearest active station.',  querystring: MyReportsQuery, response: { 200: Page(Report) } } },
    async (request) => listMyReports(app.db, app.nearby, request.principal.userId, request.query),
  );

  app.get(
    '/reports',
    { onRequest: [orgAdmin], schema: { tags, summary: '随手拍审核列表（工会管理员）', description: 'Org admins (and super admins). Reports of `orgId` and the orgs below it (default: every org the caller administers), newest first, optionally by `status`, with keyset paging; each with the nearest active station. An `orgId` outside the caller’s scope is a 403.',  querystring: ReportListQuery, response: { 200: Page(Report) } } },
    async (request) => listReports(app.db, app.nearby, request.principal, request.query),
  );

  app.post(
    '/reports/:id/accept',
    {
      onRequest: [orgAdmin],
      schema: {
        tags,
        summary: '采纳随手拍（奖励 1 个积分，每日有上限）',
        description: 'Admins of the report’s org or an org above it (and super admins); any other report is the same 404 as an unknown one. A report no longer pending is a 409 CONFLICT. Credits the rider one stamp unless their report stamps today (Asia/Shanghai) have reached the daily cap, in which case `stampAwarded` is false with the reason; the rider is notified. Audited.',
        params: IdParams,
        response: { 200: AcceptResult },
      },
    },
    async (request) => acceptReport(app.db, request.principal, request.params.id, app.clock.now()),
  );

  app.post(
    '/reports/:id/reject',
    { onRequest: [orgAdmin], schema: { tags, summary: '驳回随手拍（需填写原因）', description: 'Admins of the report’s org or an org above it (and super admins); any other report is the same 404 as an unknown one. The reason is required and sent to the rider in a notification; a report no longer pending is a 409 CONFLICT. Audited.',  params: IdParams, body: RejectBody, response: { 200: RejectResult } } },
    async (request) => rejectReport(app.db, request.principal, request.params.id, request.body.reason, app.clock.now()),
  );

  app.get(
    '/reports/:id/photo',
    {
      schema: {
        tags,
        summary: '随手拍照片（仅上报人和所属工会管理员）',
        description: 'Only the rider who made the report and admins of its org or an org above it (and super admins); anyone else gets the same 404 as for an unknown report. The stored photo (re-encoded, without metadata); private cache for an hour.',
        params: IdParams,
        response: { 200: { description: 'The photo, re-encoded without metadata', content: Object.fromEntries(['image/jpeg', 'image/png', 'image/webp'].map((type) => [type, { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) }])) } },
      },
    },
    async (request, reply) => {
      const photo = await reportPhoto(app.db, store, request.principal, request.params.id);
      return reply.type(photo.contentType).header('cache-control', 'private, max-age=3600').send(photo.data);
    },
  );

  // ------------------------------------------------------------ rewards and redemptions
  app.get(
    '/rewards',
    {
      config: { access: 'optional' },
      schema: {
        tags,
        summary: '可兑换的奖品（无需登录；登录后标出积分是否足够）',
        description: 'No sign-in needed; a bearer token, when sent, must be valid. Rewards at active stations, cheapest first, optionally of one `stationId`, with keyset paging. For a signed-in caller each item carries `affordable` and the answer their `balance`; anonymous lists come from the read replica when one is configured.',
        querystring: RewardListQuery,
        response: { 200: RewardList },
      },
    },
    // anonymous browsing from the replica; a signed-in rider's balance is read where it was just written
    async (request) => listRewards(request.principal ? app.db : app.dbRead, request.query, request.principal?.userId),
  );

  app.post(
    '/rewards',
    { onRequest: [orgAdmin], schema: { tags, summary: '新增驿站奖品（驿站所属工会管理员）', description: 'Admins of the station’s org or an org above it (and super admins); others get 403. An unknown `stationId` is a 400; a reward of the same name at that station is a 409 CONFLICT. Audited.',  body: CreateRewardBody, response: { 201: Reward } } },
    async (request, reply) => reply.status(201).send(await createReward(app.db, request.principal, request.body)),
  );

  app.patch(
    '/rewards/:id',
    { onRequest: [orgAdmin], schema: { tags, summary: '修改奖品名称、积分或库存', description: 'Admins of the org of the reward’s station or an org above it (and super admins); others get 403, an unknown reward 404. Changes name, cost or stock; a name already used at that station is a 409 CONFLICT. Audited.',  params: IdParams, body: PatchRewardBody, response: { 200: Reward } } },
    async (request) => patchReward(app.db, request.principal, request.params.id, request.body, app.clock.now()),
  );

  app.post(
    '/redemptions',
    {
      onRequest: [redemptionsPerRider],
      schema: { tags, summary: '申请兑换（生成 10 分钟有效的兑换码；核销时才扣积分和库存）', description: 'Any signed-in rider. Checks that the reward is at that station (400), the station is active (422 RULE_VIOLATION), the balance covers the cost (422 INSUFFICIENT_STAMPS) and there is stock (409 OUT_OF_STOCK), then issues a code valid 10 minutes; nothing is taken until staff fulfil it. Unknown reward → 404; requests per rider per minute are limited (429).', body: CreateRedemptionBody, response: { 201: Redemption } },
    },
    async (request, reply) => reply.status(201).send(await createRedemption(app.db, request.principal.userId, request.body, app.clock.now())),
  );

  app.post(
    '/redemptions/fulfill',
    {
      schema: { tags, summary: '核销兑换码（该驿站工作人员或其工会管理员）', description: 'The staff of the redemption’s station, or admins of its org or an org above it (and super admins); others get 403. In one transaction, exactly once: spends the rider’s stamps, takes one item of stock, marks the redemption fulfilled and notifies the rider; returns the balance after. Unknown code: 422 INVALID_CODE; already fulfilled: 409 ALREADY_FULFILLED; past its 10 minutes: 410 CODE_EXPIRED; balance now too low: 422 INSUFFICIENT_STAMPS; no stock left: 409 OUT_OF_STOCK. Audited.',  body: FulfilBody, response: { 200: FulfilResult } },
    },
    async (request) => fulfilRedemption(app.db, request.principal, request.body.code, app.clock.now()),
  );

  app.get(
    '/redemptions/:id',
    {
      schema: { tags, summary: '兑换详情（申请的骑手或可核销的工作人员；骑手可轮询是否已核销）', description: 'The rider who asked for it, or whoever may fulfil it (the station’s staff, admins of its org or above, super admins); anyone else gets the same 404 as for an unknown id. A pending redemption past its expiry shows as `expired`; the rider polls this to see it fulfilled.',  params: IdParams, response: { 200: Redemption } },
    },
    async (request) => getRedemption(app.db, request.principal, request.params.id, app.clock.now()),
  );

  // ------------------------------------------------------------ statistics
  app.get(
    '/stats/stamps/daily',
    { onRequest: [orgAdmin], schema: { tags, summary: '每日积分发放与兑换统计（按北京时间）', description: 'Org admins (and super admins). Per Asia/Shanghai day, for `orgId` and the orgs below it (default: every org the caller administers): stamps issued (in all, from activities, from reports), redemptions fulfilled and stamps redeemed. Every day of the range is listed, zeros included; by default the last 30 days, at most 366 (400). An `orgId` outside the caller’s scope is a 403.',  querystring: StampStatsQuery, response: { 200: StampStats } } },
    async (request) => dailyStampStats(app.db, request.principal, request.query, app.clock.now()),
  );

  app.get(
    '/stats/stock',
    { onRequest: [orgAdmin], schema: { tags, summary: '各驿站奖品库存', description: 'Org admins (and super admins). For each station with rewards in `orgId` and the orgs below it (default: every org the caller administers): each reward’s cost, stock and fulfilled redemptions, and the station’s total stock. An `orgId` outside the caller’s scope is a 403.',  querystring: StockQuery, response: { 200: StockStats } } },
    async (request) => stockStats(app.db, request.principal, request.query),
  );
};
