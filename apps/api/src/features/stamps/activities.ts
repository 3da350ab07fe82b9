import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { activities, orgs, runStatement, stations, type Db } from '@xfqs/db';
import { checkRotatingTokenWith, haversineMetres, rotatingTokenWith, rotationStep, rotationStepEndsAt, type HmacSha256 } from '@xfqs/domain';
import { audit } from '../../audit';
import { effectiveScanTime } from '../../queued-scan';
import { ApiError, badRequest, fieldError, forbidden, notFound, type FieldError } from '../../errors';
import { keyset as keysetOf } from '../../paging';
import { noAccount, type Principal } from '../auth/principal';
import { requireOrg } from '../orgs/service';
import type { ActivityCache, CheckinFacts } from './activity-cache';
import { balanceOf, earnedFor, stampItem } from './ledger';
import { notify } from '../notifications/service';
import { giftReachedSql } from '../notifications/affordable';
import type { Activity, CheckinBody, CreateActivityBody } from './schemas';
import { inOrgScope, isStaffOfOrg, orgScope } from '../orgs/scope';

/** Node's synchronous HMAC for the rotating tokens (a Web Crypto call is an async thread-pool job). */
const hmac: HmacSha256 = (key, message) => createHmac('sha256', key).update(message).digest();

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
  const scope = await orgScope(db, principal, query.orgId);
  const keyset = keysetOf<{ startsAt: Date; id: string }>({ key: activities.startsAt, id: activities.id, kind: 'timestamp', direction: 'desc' }, query.cursor, (r) => [r.startsAt, r.id]);
  const rows = await db
    .select(activityColumns)
    .from(activities)
    .innerJoin(orgs, eq(orgs.id, activities.orgId))
    .where(and(inOrgScope(activities.orgId, scope), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = keyset.page(rows, limit);
  return { items: page.items.map(toActivity), nextCursor: page.nextCursor };
}

/** org_admin of the activity's org (or above), or staff of a station inside that org's subtree. */
async function assertMayShowToken(db: Db, principal: Principal, activity: { orgId: string; orgPath: string }): Promise<void> {
  if (await isStaffOfOrg(db, principal, { id: activity.orgId, path: activity.orgPath })) return;
  throw forbidden('只有该活动所属工会的管理员或驿站工作人员可以出示签到码');
}

export async function checkinToken(db: Db, principal: Principal, activityId: string, now: Date) {
  const activity = await loadActivity(db, activityId);
  await assertMayShowToken(db, principal, activity);
  const step = rotationStep(now);
  return { token: rotatingTokenWith(hmac, activity.secret, step), expiresAt: rotationStepEndsAt(step).toISOString(), activityId };
}

/**
 * A rider's check-in. Checks run in the contract's order: the token belongs to this activity
 * (422 INVALID_CODE), it is fresh (410 CODE_EXPIRED), the activity is open (422 ACTIVITY_CLOSED),
 * the rider is inside the geofence (422 OUT_OF_RANGE), all at the scan's instant (`scannedAt` of a
 * queued scan, see effectiveScanTime). The stamp is then credited once: a repeat,
 * or twenty identical requests at once, find the unique key taken and answer `duplicate: true`.
 *
 * Cost (issue 10): the activity comes from the instance's cache, the token is checked with a
 * synchronous HMAC, and the rider's account, the stamp, the earlier stamp of a repeat and the
 * balance come back from one prepared statement — one database round trip per check-in. The route
 * declares `accountCheck: 'in-statement'`: the statement credits nothing to a closed account,
 * and its answer confirms the principal (plugins/auth.ts).
 */
export async function checkIn(db: Db, principal: Principal, activityId: string, body: CheckinBody, requestedAt: Date, queuedScanWindowHours: number, cache?: ActivityCache) {
  const userId = principal.userId;
  const activity = cache ? await cache.get(activityId) : await loadActivity(db, activityId);
  if (!activity) throw notFound('活动');
  // a scan queued without a network counts at its scan time: the token must have been fresh then
  const now = effectiveScanTime(body.scannedAt, requestedAt, queuedScanWindowHours);
  assertMayCheckIn(activity, body, now);
  const [row] = await runStatement<CreditRow>(db, CREDIT_ACTIVITY_STAMP, [userId, activity.orgId, activity.id, activity.stamps, activity.title, now]);
  if (!row.accountOpen) throw noAccount();
  principal.confirmAccount();
  if (row.id === null) return checkedInMeanwhile(db, userId, activity.id);
  const stamp = stampItem({ id: row.id, source: 'activity', title: row.title as string, amount: row.amount as number, at: row.at as Date });
  const balance = row.total - row.spent + (row.created ? stamp.amount : 0);
  if (row.created && row.rewardId) {
    // After the stamp's own commit, so the hot path stays one round trip; a crash in between loses
    // this one reminder, never a stamp.
    const event = { kind: 'reward_affordable' as const, rewardId: row.rewardId, rewardName: row.rewardName as string, cost: row.rewardCost as number, balance };
    await db.transaction((tx) => notify(tx, userId, event, now));
  }
  return { created: row.created as boolean, body: { stamp, balance, duplicate: !row.created } };
}

/** The contract's checks, in its order; throws the first that fails. */
function assertMayCheckIn(activity: CheckinFacts, body: CheckinBody, now: Date): void {
  const token = checkRotatingTokenWith(hmac, activity.secret, body.token, now);
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
}

interface CreditRow {
  accountOpen: boolean;
  id: string | null;
  title: string | null;
  amount: number | null;
  at: Date | null;
  created: boolean | null;
  total: number;
  spent: number;
  rewardId: string | null;
  rewardName: string | null;
  rewardCost: number | null;
}

/** notifications/affordable.ts's rule, with the balance before and after this statement's stamps. */
const GIFT_REACHED = new PgDialect().sqlToQuery(giftReachedSql(sql.raw('(select total - spent from sums)'), sql.raw('(select total - spent from sums) + $4'))).sql;

/**
 * One round trip: whether the rider's account exists and is open (nothing is credited otherwise);
 * insert the earn row unless the unique key (source, source id, rider) already
 * holds one, else read that earlier row; and the rider's sums. The sums are read from the
 * statement's snapshot, which does not include its own insert: the caller adds the new amount.
 * When the new stamps cross the cost of a gift in stock at an active station, the dearest such
 * gift comes back too (for the `reward_affordable` notification, the same rule as
 * notifications/affordable.ts).
 * $1 rider, $2 org, $3 activity, $4 stamps, $5 title, $6 at.
 */
const CREDIT_ACTIVITY_STAMP = {
  name: 'stamps_credit_activity_v4',
  text: `with account as (
    select id from users where id = $1 and closed_at is null
  ), inserted as (
    insert into stamp_ledger (user_id, org_id, kind, source, source_id, amount, title, at)
    select $1, $2::uuid, 'earn', 'activity', $3::uuid, $4::int, $5::text, $6::timestamptz from account
    on conflict (source, source_id, user_id) do nothing
    returning id, title, amount, at
  ), earlier as (
    select id, title, amount, at from stamp_ledger
    where source = 'activity' and source_id = $3 and user_id = $1 and not exists (select 1 from inserted)
  ), stamp as (
    select id, title, amount, at, true as created from inserted
    union all
    select id, title, amount, at, false as created from earlier
  ), sums as (
    select coalesce(sum(amount) filter (where kind = 'earn'), 0)::int as total,
           coalesce(sum(amount) filter (where kind = 'spend'), 0)::int as spent
    from stamp_ledger where user_id = $1
  ), affordable as (
    select * from (${GIFT_REACHED}) gift where exists (select 1 from inserted)
  )
  select exists (select 1 from account) as "accountOpen",
         stamp.id, stamp.title, stamp.amount, stamp.at, stamp.created, sums.total, sums.spent,
         affordable.id as "rewardId", affordable.name as "rewardName", affordable.cost as "rewardCost"
  from sums left join stamp on true left join affordable on true`,
};

/**
 * A twin request inserted the stamp after this statement's snapshot was taken (it waited on the
 * unique key, then found it taken but could not see the row): read both again.
 */
async function checkedInMeanwhile(db: Db, userId: string, activityId: string) {
  const [stamp, { balance }] = await Promise.all([earnedFor(db, userId, 'activity', activityId), balanceOf(db, userId)]);
  if (!stamp) throw new Error(`check-in of ${userId} at ${activityId}: no stamp after a conflict`);
  return { created: false, body: { stamp, balance, duplicate: true } };
}
