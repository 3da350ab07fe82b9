import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import QRCode from 'qrcode';
import { SERVICE_KEYS, type ServiceKey } from '@xfqs/domain';
import { ApiError, fieldError } from '../../errors';
import { IdParams, Page } from '../../schemas';
import { checkIn, checkinCodeOf, checkinStats, loadManagedStation, rotateCheckinCode, type CheckinCodeOptions } from './checkins';
import { importStations } from './import';
import type { DirectoryChange } from './nearby';
import { clearStationState, confirmStation, freshConfirmations, setStationState, stationLive } from './live';
import {
  CheckinBody,
  CheckinCode,
  CheckinResult,
  CheckinStats,
  CheckinStatsQuery,
  ConfirmationBody,
  ConfirmationResult,
  CreateStationBody,
  ImportQuery,
  ImportResult,
  NearbyItem,
  NearbyQuery,
  PatchStationBody,
  SetStateBody,
  StateResult,
  Station,
  StationLive,
  StationListQuery,
  StationQuery,
} from './schemas';
import { createStation, listStations, loadStationView, patchStation } from './service';

export type StationRoutesOptions = CheckinCodeOptions & { queuedScanWindowHours: number };

const tags = ['stations'];
/** A CSV of a whole district's stations is far below this. */
const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

/** `services=a,b` → keys; an unknown key is a 400 naming `services`. */
function parseServices(text: string | undefined): ServiceKey[] {
  if (text === undefined) return [];
  const keys = text.split(',').map((s) => s.trim());
  const unknown = keys.filter((k) => !(SERVICE_KEYS as string[]).includes(k));
  if (unknown.length) throw fieldError('services', `未知的服务项目：${unknown.map((k) => k || '(空)').join(', ')}`);
  return [...new Set(keys as ServiceKey[])];
}

export const stationRoutes: FastifyPluginAsyncTypebox<StationRoutesOptions> = async (app, opts) => {
  const codeOptions: CheckinCodeOptions = { codeSecret: opts.codeSecret, publicBaseUrl: opts.publicBaseUrl };
  const { settings } = app.limits;
  const nearbyPerAddress = app.limits.define({ name: 'nearby-address', max: settings.nearbyPerMinute, windowMs: 60_000, by: 'address' });
  const importPerUser = app.limits.define({ name: 'station-import-user', max: settings.heavyPerMinute, windowMs: 60_000, by: 'user' });
  const imports = app.limits.gate('station-import', settings.heavyConcurrency);
  const checkinOptions = { codeSecret: opts.codeSecret, queuedScanWindowHours: opts.queuedScanWindowHours };
  /** A station write that committed: this instance's next nearby search sees it (other instances hear the database's NOTIFY). */
  const stationsChanged = async <T>(write: Promise<T>, change: DirectoryChange = 'stations'): Promise<T> => {
    const result = await write;
    // The write has committed: a failed reload must not turn it into an error. The database's
    // NOTIFY of this very commit reaches this instance's listener too and reloads again.
    await app.nearby.reload(change).catch((err: unknown) => app.log.warn({ err }, 'nearby directory reload after a station write failed'));
    return result;
  };

  app.get(
    '/stations/nearby',
    {
      config: { access: 'public' },
      onRequest: [nearbyPerAddress],
      schema: {
        tags,
        summary: '附近的驿站：按距离由近到远，可按服务、类型、是否营业中筛选（无需登录）',
        description:
          'Answered from each instance’s in-memory copy of the active stations and their live states, read from the primary at start and again after every committed change: the instance that made a change answers with it at once, the others after the database’s NOTIFY reaches them (milliseconds). `recentVisits` are counted for all stations at once and read again every 10 s (a check-in through the same instance counts at once); `openNow`, live states and `distanceM` are evaluated at the request’s instant.',
        querystring: NearbyQuery,
        response: { 200: Type.Object({ items: Type.Array(NearbyItem) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await app.nearby.find({
        lat: q.lat,
        lng: q.lng,
        limit: q.limit ?? 10,
        radiusM: q.radiusM ?? 10000,
        services: parseServices(q.services),
        kind: q.kind,
        openNow: q.openNow === true,
        at: app.clock.now(),
      });
      return { items };
    },
  );

  app.get(
    '/stations',
    {
      onRequest: [app.requireRole('org_admin')],
      schema: { tags, summary: '本组织（含下级）的驿站列表（工会管理员）', description: 'Org admins (and super admins) only. Stations of `orgId` and the orgs below it (default: every org the caller administers), optionally by `status`, ordered by name, with keyset paging (`limit`, `cursor`, `nextCursor`). An `orgId` outside the caller’s scope is a 403, an unknown one a 400.',  querystring: StationListQuery, response: { 200: Page(Station) } },
    },
    async (request) => listStations(app.db, request.principal, request.query, app.clock.now()),
  );

  app.post(
    '/stations',
    {
      onRequest: [app.requireRole('org_admin')],
      schema: { tags, summary: '新建驿站（该组织或上级组织的工会管理员）', description: 'Org admins (and super admins), for an org in their subtree (403 otherwise; an unknown `orgId` is a 400). Opening hours, phone, name and address are checked (400 naming the field); an `externalCode` already used in that org is a 409 CONFLICT. Audited; this instance’s nearby searches show it once the answer is sent, other instances’ within a second (NOTIFY).',  body: CreateStationBody, response: { 201: Station } },
    },
    async (request, reply) => reply.status(201).send(await stationsChanged(createStation(app.db, request.principal, request.body, app.clock.now()))),
  );

  app.get(
    '/stations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '驿站详情（无需登录；给出 lat、lng 时返回距离）：实时状态、近 1 小时到访、最新骑手反馈',
        description: 'No sign-in needed. One station with whether it is open now, the live state set by its staff, visits in the last hour and riders’ confirmations of the last 24 hours (at most 10, newest first); `distanceM` when both `lat` and `lng` are given (only one of them is a 400). Unknown id → 404. Served from the read replica when one is configured.',
        params: IdParams,
        querystring: StationQuery,
        response: { 200: Station },
      },
    },
    async (request) => {
      const { lat, lng } = request.query;
      if ((lat === undefined) !== (lng === undefined)) throw fieldError(lat === undefined ? 'lat' : 'lng', 'lat 和 lng 需同时提供');
      const now = app.clock.now();
      const station = await loadStationView(app.dbRead, request.params.id, now, lat !== undefined && lng !== undefined ? { lat, lng } : undefined);
      return { ...station, confirmations: await freshConfirmations(app.dbRead, station.id, now) };
    },
  );

  app.patch(
    '/stations/:id',
    {
      onRequest: [app.requireRole('org_admin')],
      schema: { tags, summary: '修改驿站（除 orgId 外的任意字段）', description: 'Admins of the station’s org or an org above it (and super admins); others get 403, an unknown id 404. Any field but `orgId` may change; hours, phone, name and address are checked (400) and an `externalCode` already used in the org is a 409 CONFLICT. Audited; this instance’s nearby searches show it once the answer is sent, other instances’ within a second (NOTIFY).',  params: IdParams, body: PatchStationBody, response: { 200: Station } },
    },
    async (request) => stationsChanged(patchStation(app.db, request.principal, request.params.id, request.body, app.clock.now())),
  );

  // The CSV parser exists only inside this scope: every other route keeps answering text/csv with 415.
  const csvScope: FastifyPluginAsyncTypebox = async (csv) => {
    csv.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
    csv.post(
      '/stations/import',
      {
        onRequest: [app.requireRole('org_admin'), importPerUser],
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary: '批量导入驿站（text/csv，UTF-8，可带 BOM）',
          description:
            'Header row `externalCode,name,kind,address,lat,lng,phone,services,hours` (any order); `services` separated by `|`; ' +
            '`hours` as `24h` or `1-5 09:00-18:00; 6-7 10:00-16:00`; `kind` and `services` as keys or their Chinese labels. ' +
            'Rows upsert by `externalCode` within the org (a station’s status is kept); bad rows are reported by line (header = line 1), good rows are written, in one transaction. ' +
            'At most `IMPORT_MAX_ROWS` data rows (default 5,000; more → 413) and 5 MiB; imports per admin per minute (`HEAVY_RATE_LIMIT`) and at once per instance (`HEAVY_CONCURRENCY`) are limited (429 with Retry-After).',
          consumes: ['text/csv'],
          querystring: ImportQuery,
          response: { 200: ImportResult },
        },
      },
      async (request, reply) => {
        assertCsv(request);
        return imports.run(reply, () => stationsChanged(importStations(app.db, request.principal, request.query.orgId, request.body as Buffer, app.clock.now(), settings.importMaxRows)));
      },
    );
  };
  await app.register(csvScope);

  app.get(
    '/stations/:id/checkin-code',
    {
      onRequest: [app.requireRole('station_staff', 'org_admin')],
      schema: { tags, summary: '驿站打卡二维码的内容（该驿站工作人员或工会管理员）', description: 'The station’s staff, or admins of its org or an org above it (and super admins); others get 403, an unknown station 404. Returns the signed code, the URL the QR encodes (the mini-program check-in page) and the key version.',  params: IdParams, response: { 200: CheckinCode } },
    },
    async (request) => checkinCodeOf(await loadManagedStation(app.db, request.principal, request.params.id), codeOptions),
  );

  app.get(
    '/stations/:id/checkin-code.png',
    {
      onRequest: [app.requireRole('station_staff', 'org_admin'), app.limits.qrImages],
      schema: {
        tags,
        summary: '驿站打卡二维码（PNG，可打印张贴）',
        description: 'Same callers as the check-in code (the station’s staff, admins of its org or above, super admins; others 403, unknown station 404): the check-in QR as a 600-pixel PNG to print and post, never cached. Rate-limited per user (429).',
        params: IdParams,
        response: { 200: { description: 'PNG image', content: { 'image/png': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } } },
      },
    },
    async (request, reply) => {
      const { url } = checkinCodeOf(await loadManagedStation(app.db, request.principal, request.params.id), codeOptions);
      const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
      return reply.type('image/png').header('cache-control', 'private, no-store').send(png);
    },
  );

  app.post(
    '/stations/:id/checkin-code/rotate',
    {
      onRequest: [app.requireRole('station_staff', 'org_admin')],
      schema: {
        tags,
        summary: '更换打卡二维码：旧二维码立即失效（该驿站工作人员或工会管理员）',
        description: 'The station’s staff, or admins of its org or an org above it (and super admins); others get 403, an unknown station 404. Raises the key version so codes already posted stop working at once (an offline scan queued before the rotation still counts); returns the new code. Audited.',
        params: IdParams,
        response: { 200: CheckinCode },
      },
    },
    async (request) => rotateCheckinCode(app.db, request.principal, request.params.id, codeOptions, app.clock.now()),
  );

  app.post(
    '/stations/:id/checkins',
    {
      onRequest: [app.limits.checkins],
      schema: {
        tags,
        summary: '骑手扫码打卡（4 小时内重复打卡返回第一次打卡）',
        description: 'Any signed-in rider, with the code posted at the station and optionally where the phone is (`lat` and `lng` together, 400 otherwise). The code must be the station’s current one and the station active (422 INVALID_CODE); a queued offline scan counts at `scannedAt` (in the future: 422 INVALID_CODE; older than the queued-scan window: 410 CODE_EXPIRED). Idempotent: a repeat within 4 hours stores nothing and returns the first check-in with 200 and `duplicate: true`; a new one is a 201. Unknown station → 404; rate-limited per rider (429).',
        params: IdParams,
        body: CheckinBody,
        response: { 200: CheckinResult, 201: CheckinResult },
      },
    },
    async (request, reply) => {
      const result = await checkIn(app.db, checkinOptions, request.principal.userId, request.params.id, request.body, app.clock.now());
      if (!result.duplicate) app.nearby.recordVisit(result.checkin.stationId, new Date(result.checkin.at));
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.put(
    '/stations/:id/state',
    {
      onRequest: [app.requireRole('station_staff', 'org_admin')],
      schema: {
        tags,
        summary: '设置驿站实时状态：暂停营业 / 暂停服务 / 提示，到 until 自动结束（该驿站工作人员或上级工会管理员）',
        description: 'The station’s staff, or admins of its org or an org above it (and super admins); others get 403, an unknown station 404. Replaces any current state with this one (closed, paused services and/or a note) until `until`: at least one of the three is required, `until` must be in the future and at most 14 days away, and paused services must be ones the station offers (400 otherwise). Audited; this instance’s nearby searches show it once the answer is sent, other instances’ within a second (NOTIFY).',
        params: IdParams,
        body: SetStateBody,
        response: { 200: StateResult },
      },
    },
    async (request) => stationsChanged(setStationState(app.db, request.principal, request.params.id, request.body, app.clock.now()), 'station_states'),
  );

  app.delete(
    '/stations/:id/state',
    {
      onRequest: [app.requireRole('station_staff', 'org_admin')],
      schema: { tags, summary: '结束驿站实时状态（恢复按营业时间显示）', description: 'The station’s staff, or admins of its org or an org above it (and super admins); others get 403, an unknown station 404. Ends the current state now, so the station shows by its opening hours again; idempotent (204 whether or not a state was in force).', params: IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await stationsChanged(clearStationState(app.db, request.principal, request.params.id), 'station_states');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/stations/:id/live',
    {
      onRequest: [app.requireRole('station_staff', 'org_admin')],
      schema: {
        tags,
        summary: '驿站实时情况（工作人员）：状态、近 1 小时到访、骑手反馈及与状态矛盾之处',
        description: 'The station’s staff, or admins of its org or an org above it (and super admins); others get 403, an unknown station 404. Whether it is open now, the current state, visits in the last hour, riders’ confirmations of the last 24 hours, and contradictions: reports of the last 2 hours (since the state was set; each rider counted once) that disagree with what riders are shown.',
        params: IdParams,
        response: { 200: StationLive },
      },
    },
    async (request) => stationLive(app.db, request.principal, request.params.id, app.clock.now()),
  );

  app.post(
    '/stations/:id/confirmations',
    {
      schema: {
        tags,
        summary: '骑手一键反馈现场情况（有热水 / 没开门；须在本驿站打卡后 2 小时内）',
        description: 'Any signed-in rider who checked in at this station within the last 2 hours (422 RULE_VIOLATION otherwise). The service kinds need `service`, one the station offers, and open/closed take none (400 otherwise). One confirmation per check-in, kind and service: the first is a 201, a repeat only refreshes its time (200, `duplicate: true`). Unknown station → 404.',
        params: IdParams,
        body: ConfirmationBody,
        response: { 200: ConfirmationResult, 201: ConfirmationResult },
      },
    },
    async (request, reply) => {
      const result = await confirmStation(app.db, request.principal.userId, request.params.id, request.body, app.clock.now());
      return reply.status(result.created ? 201 : 200).send(result.body);
    },
  );

  app.get(
    '/stats/checkins',
    {
      onRequest: [app.requireRole('org_admin')],
      schema: { tags, summary: '驿站每日到访统计（按北京时间分日）', description: 'Org admins (and super admins). Visits and unique riders per station per Asia/Shanghai day, for stations of `orgId` and the orgs below it (default: every org the caller administers), including check-ins already folded into anonymous daily counts. Inclusive `from`/`to` days, by default the last 30, at most 366 (400); an `orgId` outside the caller’s scope is a 403.',  querystring: CheckinStatsQuery, response: { 200: CheckinStats } },
    },
    async (request) => checkinStats(app.db, request.principal, request.query, app.clock.now()),
  );
};

/** Only `text/csv` (UTF-8) is an import; JSON or anything else that some parser took is a 415. */
function assertCsv(request: FastifyRequest) {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  const [mediaType, ...params] = type.split(';').map((s) => s.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (mediaType !== 'text/csv') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 上传 CSV 文件');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'CSV 文件须为 UTF-8 编码');
}
