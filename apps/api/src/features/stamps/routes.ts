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
    { onRequest: [orgAdmin], schema: { tags, summary: '新建活动（工会管理员）',  body: CreateActivityBody, response: { 201: Activity } } },
    async (request, reply) => reply.status(201).send(await createActivity(app.db, request.principal, request.body)),
  );

  app.get(
    '/activities',
    { onRequest: [orgAdmin], schema: { tags, summary: '活动列表（工会管理员）',  querystring: ActivityListQuery, response: { 200: Page(Activity) } } },
    async (request) => listActivities(app.db, request.principal, request.query),
  );

  app.get(
    '/activities/:id',
    {
      schema: { tags, summary: '活动详情（登录即可，供骑手签到前查看）',  params: IdParams, response: { 200: Activity } },
    },
    async (request) => getActivity(app.db, request.params.id),
  );

  app.get(
    '/activities/:id/checkin-token',
    {
      schema: {
        tags,
        summary: '活动签到码（每 30 秒轮换；所属工会管理员或其驿站工作人员）',
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
      const result = await checkIn(app.db, request.principal.userId, request.params.id, request.body, app.clock.now(), options.queuedScanWindowHours, activityCache);
      return reply.status(result.created ? 201 : 200).send(result.body);
    },
  );

  // ------------------------------------------------------------ stamp card
  app.get(
    '/stamps/me',
    { schema: { tags, summary: '我的先锋骑士积分卡与行动记录',  response: { 200: StampsMe } } },
    async (request) => stampsOfRider(app.db, request.principal.userId),
  );

  app.get(
    '/stamps/settings/:orgId',
    { onRequest: [orgAdmin], schema: { tags, summary: '积分规则（目标数、每日随手拍积分上限）',  params: OrgIdParams, response: { 200: StampSettings } } },
    async (request) => getSettings(app.db, request.principal, request.params.orgId),
  );

  app.put(
    '/stamps/settings/:orgId',
    {
      onRequest: [orgAdmin],
      schema: { tags, summary: '设置积分规则（下级组织未设置时沿用）',  params: OrgIdParams, body: StampSettingsBody, response: { 200: StampSettings } },
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
        schema: { tags, summary: '提交随手拍（照片 + 类别 + 描述 + 位置）',  consumes: ['multipart/form-data'], body: CreateReportBody, response: { 201: Report } },
      },
      async (request, reply) => {
        const { photo, ...fields } = request.body;
        if (!Buffer.isBuffer(photo)) throw fieldError('photo', '请以文件形式上传照片');
        return reply.status(201).send(await createReport(app.db, store, request.principal.userId, fields, photo, app.clock.now()));
      },
    );
  };
  await app.register(reportUpload);

  app.get(
    '/reports/me',
    { schema: { tags, summary: '我的随手拍',  querystring: MyReportsQuery, response: { 200: Page(Report) } } },
    async (request) => listMyReports(app.db, request.principal.userId, request.query),
  );

  app.get(
    '/reports',
    { onRequest: [orgAdmin], schema: { tags, summary: '随手拍审核列表（工会管理员）',  querystring: ReportListQuery, response: { 200: Page(Report) } } },
    async (request) => listReports(app.db, request.principal, request.query),
  );

  app.post(
    '/reports/:id/accept',
    {
      onRequest: [orgAdmin],
      schema: {
        tags,
        summary: '采纳随手拍（奖励 1 个积分，每日有上限）',
        params: IdParams,
        response: { 200: AcceptResult },
      },
    },
    async (request) => acceptReport(app.db, request.principal, request.params.id, app.clock.now()),
  );

  app.post(
    '/reports/:id/reject',
    { onRequest: [orgAdmin], schema: { tags, summary: '驳回随手拍（需填写原因）',  params: IdParams, body: RejectBody, response: { 200: RejectResult } } },
    async (request) => rejectReport(app.db, request.principal, request.params.id, request.body.reason, app.clock.now()),
  );

  app.get(
    '/reports/:id/photo',
    {
      schema: {
        tags,
        summary: '随手拍照片（仅上报人和所属工会管理员）',
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
        querystring: RewardListQuery,
        response: { 200: RewardList },
      },
    },
    // anonymous browsing from the replica; a signed-in rider's balance is read where it was just written
    async (request) => listRewards(request.principal ? app.db : app.dbRead, request.query, request.principal?.userId),
  );

  app.post(
    '/rewards',
    { onRequest: [orgAdmin], schema: { tags, summary: '新增驿站奖品（驿站所属工会管理员）',  body: CreateRewardBody, response: { 201: Reward } } },
    async (request, reply) => reply.status(201).send(await createReward(app.db, request.principal, request.body)),
  );

  app.patch(
    '/rewards/:id',
    { onRequest: [orgAdmin], schema: { tags, summary: '修改奖品名称、积分或库存',  params: IdParams, body: PatchRewardBody, response: { 200: Reward } } },
    async (request) => patchReward(app.db, request.principal, request.params.id, request.body, app.clock.now()),
  );

  app.post(
    '/redemptions',
    {
      onRequest: [redemptionsPerRider],
      schema: { tags, summary: '申请兑换（生成 10 分钟有效的兑换码；核销时才扣积分和库存）', body: CreateRedemptionBody, response: { 201: Redemption } },
    },
    async (request, reply) => reply.status(201).send(await createRedemption(app.db, request.principal.userId, request.body, app.clock.now())),
  );

  app.post(
    '/redemptions/fulfill',
    {
      schema: { tags, summary: '核销兑换码（该驿站工作人员或其工会管理员）',  body: FulfilBody, response: { 200: FulfilResult } },
    },
    async (request) => fulfilRedemption(app.db, request.principal, request.body.code, app.clock.now()),
  );

  app.get(
    '/redemptions/:id',
    {
      schema: { tags, summary: '兑换详情（申请的骑手或可核销的工作人员；骑手可轮询是否已核销）',  params: IdParams, response: { 200: Redemption } },
    },
    async (request) => getRedemption(app.db, request.principal, request.params.id, app.clock.now()),
  );

  // ------------------------------------------------------------ statistics
  app.get(
    '/stats/stamps/daily',
    { onRequest: [orgAdmin], schema: { tags, summary: '每日积分发放与兑换统计（按北京时间）',  querystring: StampStatsQuery, response: { 200: StampStats } } },
    async (request) => dailyStampStats(app.db, request.principal, request.query, app.clock.now()),
  );

  app.get(
    '/stats/stock',
    { onRequest: [orgAdmin], schema: { tags, summary: '各驿站奖品库存',  querystring: StockQuery, response: { 200: StockStats } } },
    async (request) => stockStats(app.db, request.principal, request.query),
  );
};
