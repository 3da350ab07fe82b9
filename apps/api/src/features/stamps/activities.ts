import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { activities, orgs, stations, type Db } from '@xfqs/db';
import { checkRotatingToken, haversineMetres, rotatingToken, rotationStep, rotationStepEndsAt } from '@xfqs/domain';
import { audit } from '../../audit';
import { effectiveScanTime } from '../../queued-scan';
import { ApiError, badRequest, fieldError, forbidden, notFound, type FieldError } from '../../errors';
import { pageOf } from '../../pagination';
import type { Principal } from '../auth/principal';
import { requireOrg } from '../orgs/service';
import { balanceOf, earn, earnedFor } from './ledger';
import type { Activity, CheckinBody, CreateActivityBody } from './schemas';
import { adminScope, inScope, newestFirst } from './scope';

const activityColumns = {
  id: activities.id,
  orgId: activities.orgId,
  orgName: orgs.name,
  orgPath: orgs.path,
  title: activities.title,
  kind: activities.kind,
  description: activities.description,
  startsAt: activities.startsAt,
  endsAt: activities.endsAt,
  lat: activities.lat,
  lng: activities.lng,
  radiusM: activities.radiusM,
  stamps: activities.stamps,
  createdAt: activities.createdAt,
};

type ActivityRow = Omit<Activity, 'startsAt' | 'endsAt' | 'createdAt'> & { startsAt: Date; endsAt: Date; createdAt: Date; orgPath: string };

function toActivity(row: ActivityRow): Activity {
  const { orgPath: _path, ...rest } = row;
  return { ...rest, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), createdAt: row.createdAt.toISOString() };
}

async function loadActivity(db: Db, id: string) {
  const [row] = await db
    .select({ ...activityColumns, secret: activities.secret })
    .from(activities)
    .innerJoin(orgs, eq(orgs.id, activities.orgId))
    .where(eq(activities.id, id));
  if (!row) throw notFound('活动');
  return row;
}

function validateActivity(body: CreateActivityBody): void {
  const errors: FieldError[] = [];
  if (new Date(body.endsAt) <= new Date(body.startsAt)) errors.push({ field: 'endsAt', message: '结束时间必须晚于开始时间' });
  const fence = { lat: body.lat, lng: body.lng, radiusM: body.radiusM };
  const given = Object.entries(fence).filter(([, v]) => v !== undefined);
  if (given.length > 0 && given.length < 3) {
    for (const [field, v] of Object.entries(fence)) if (v === undefined) errors.push({ field, message: '地理围栏需要同时提供 lat、lng 和 radiusM' });
  }
  if (errors.length) throw badRequest(errors);
}

export async function createActivity(db: Db, principal: Principal, body: CreateActivityBody): Promise<Activity> {
  const orgId = body.orgId ?? (await principal.defaultOrgId());
  if (!orgId) throw fieldError('orgId', '请指定组织');
  await requireOrg(db, orgId);
  await principal.assertOrgAdmin(orgId);
  validateActivity(body);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(activities)
      .values({
        orgId,
        title: body.title.trim(),
        kind: body.kind,
        description: body.description?.trim() || null,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        lat: body.lat ?? null,
        lng: body.lng ?? null,
        radiusM: body.radiusM ?? null,
        stamps: body.stamps ?? 1,
        secret: randomBytes(32).toString('base64url'),
        createdBy: principal.userId,
      })
      .returning({ id: activities.id });
    await audit(tx, { actorId: principal.userId, action: 'activity.create', targetType: 'activity', targetId: created.id, details: { orgId } });
    const [row] = await tx.select(activityColumns).from(activities).innerJoin(orgs, eq(orgs.id, activities.orgId)).where(eq(activities.id, created.id));
    return toActivity(row);
  });
}

export async function getActivity(db: Db, id: string): Promise<Activity> {
  const { secret: _secret, ...row } = await loadActivity(db, id);
  return toActivity(row);
}

export async function listActivities(db: Db, principal: Principal, query: { orgId?: string; limit?: number; cursor?: string }) {
  const limit = query.limit ?? 20;
  const scope = await adminScope(db, principal, query.orgId, 'administered');
  const keyset = newestFirst(activities.startsAt, activities.id, query.cursor);
  const rows = await db
    .select(activityColumns)
    .from(activities)
    .innerJoin(orgs, eq(orgs.id, activities.orgId))
    .where(and(inScope(activities.orgId, scope), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => keyset.keyOf(r.startsAt, r.id));
  return { items: page.items.map(toActivity), nextCursor: page.nextCursor };
}

/** org_admin of the activity's org (or above), or staff of a station inside that org's subtree. */
async function assertMayShowToken(db: Db, principal: Principal, activity: { orgId: string; orgPath: string }): Promise<void> {
  if (await principal.canAdminOrg(activity.orgId)) return;
  const staffOf = await principal.staffStationIds();
  if (staffOf.length > 0) {
    const [inside] = await db
      .select({ id: stations.id })
      .from(stations)
      .innerJoin(orgs, eq(orgs.id, stations.orgId))
      .where(and(inArray(stations.id, staffOf), sql`${orgs.path} like ${activity.orgPath} || '%'`))
      .limit(1);
    if (inside) return;
  }
  throw forbidden('只有该活动所属工会的管理员或驿站工作人员可以出示签到码');
}

export async function checkinToken(db: Db, principal: Principal, activityId: string, now: Date) {
  const activity = await loadActivity(db, activityId);
  await assertMayShowToken(db, principal, activity);
  const step = rotationStep(now);
  return { token: await rotatingToken(activity.secret, step), expiresAt: rotationStepEndsAt(step).toISOString(), activityId };
}

/**
 * A rider's check-in. Checks run in the contract's order: the token belongs to this activity
 * (422 INVALID_CODE), it is fresh (410 CODE_EXPIRED), the activity is open (422 ACTIVITY_CLOSED),
 * the rider is inside the geofence (422 OUT_OF_RANGE), all at the scan's instant (`scannedAt` of a
 * queued scan, see effectiveScanTime). The stamp is then credited once: a repeat,
 * or twenty identical requests at once, find the unique key taken and answer `duplicate: true`.
 */
export async function checkIn(db: Db, userId: string, activityId: string, body: CheckinBody, requestedAt: Date, queuedScanWindowHours: number) {
  const activity = await loadActivity(db, activityId);
  // a scan queued without a network counts at its scan time: the token must have been fresh then
  const now = effectiveScanTime(body.scannedAt, requestedAt, queuedScanWindowHours);
  const token = await checkRotatingToken(activity.secret, body.token, now);
  if (!token.ok && token.reason === 'invalid') throw new ApiError('INVALID_CODE', '签到码无效，请扫描本活动现场的二维码');
  if (!token.ok) throw new ApiError('CODE_EXPIRED', '签到码已过期，请重新扫描现场的二维码');
  if (now < activity.startsAt || now >= activity.endsAt) {
    throw new ApiError('ACTIVITY_CLOSED', now < activity.startsAt ? '活动尚未开始' : '活动已结束', {
      startsAt: activity.startsAt.toISOString(),
      endsAt: activity.endsAt.toISOString(),
    });
  }
  if (activity.radiusM !== null) {
    if (body.lat === undefined || body.lng === undefined) {
      throw new ApiError('OUT_OF_RANGE', '请允许获取位置后再签到', { radiusM: activity.radiusM });
    }
    const distanceM = haversineMetres({ lat: body.lat, lng: body.lng }, { lat: activity.lat as number, lng: activity.lng as number });
    if (distanceM > activity.radiusM) {
      throw new ApiError('OUT_OF_RANGE', `不在活动范围内（距活动地点约 ${Math.round(distanceM)} 米）`, {
        distanceM: Math.round(distanceM * 10) / 10,
        radiusM: activity.radiusM,
      });
    }
  }
  const stamp = await earn(db, {
    userId,
    orgId: activity.orgId,
    source: 'activity',
    sourceId: activity.id,
    amount: activity.stamps,
    title: activity.title,
    at: now,
  });
  const { balance } = await balanceOf(db, userId);
  if (stamp) return { created: true, body: { stamp, balance, duplicate: false } };
  return { created: false, body: { stamp: await earnedFor(db, userId, 'activity', activity.id), balance, duplicate: true } };
}
