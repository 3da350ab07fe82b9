import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { CHECKIN_DEDUPE_HOURS, stationCheckinDaily, stationCheckins, stations, type Db } from '@xfqs/db';
import { signedVersionOf, signVersionedCode, verifyVersionedCode } from '@xfqs/domain/src/signed-code';
import { audit } from '../../audit';
import { ApiError, fieldError, forbidden } from '../../errors';
import { effectiveScanTime } from '../../queued-scan';
import { resolveDayRange, sqlShanghaiDay } from '../../shanghai-days';
import type { Principal } from '../auth/principal';
import { assertManagesStation, inOrgScope, orgScope } from '../orgs/scope';
import type { CheckinBody, CheckinStatsQuery } from './schemas';
import { loadStation, type StationRow } from './service';

/** The mini-program page a station QR opens (see WECHAT-NOTES: plain-URL QR codes hand the page `q`). */
export const CHECKIN_PAGE = '/pages/stations/checkin';

export interface CheckinCodeOptions {
  codeSecret: string;
  /** e.g. `https://xfqs.example.cn`; when set, the QR holds an absolute https URL (扫普通链接二维码打开小程序). */
  publicBaseUrl?: string;
}

/** What the signature covers: the purpose, the station and (in signVersionedCode) the key version. */
const subjectOf = (stationId: string) => `station-checkin:${stationId}`;

export function checkinCodeOf(station: Pick<StationRow, 'id' | 'checkinKeyVersion'>, opts: CheckinCodeOptions) {
  const code = signVersionedCode(opts.codeSecret, subjectOf(station.id), station.checkinKeyVersion);
  const path = `${CHECKIN_PAGE}?stationId=${station.id}&code=${code}`;
  const base = opts.publicBaseUrl?.replace(/\/+$/, '');
  return { code, url: base ? `${base}${path}` : path, version: station.checkinKeyVersion };
}

/** The station, if the principal is its staff, an org_admin of its org subtree, or super_admin. */
export async function loadManagedStation(db: Db, principal: Principal, id: string): Promise<StationRow> {
  const station = await loadStation(db, id);
  await assertManagesStation(principal, station);
  return station;
}

/** Retires every posted code of the station: the key version goes up by one. */
export async function rotateCheckinCode(db: Db, principal: Principal, id: string, opts: CheckinCodeOptions, now: Date) {
  await loadManagedStation(db, principal, id);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(stations)
      .set({ checkinKeyVersion: sql`${stations.checkinKeyVersion} + 1`, checkinKeyRotatedAt: now })
      .where(eq(stations.id, id))
      .returning({ id: stations.id, checkinKeyVersion: stations.checkinKeyVersion });
    await audit(tx, { actorId: principal.userId, action: 'station.checkin_code.rotate', targetType: 'station', targetId: id, details: { version: row.checkinKeyVersion } });
    return checkinCodeOf(row, opts);
  });
}

const checkinColumns = { id: stationCheckins.id, stationId: stationCheckins.stationId, at: stationCheckins.at };
const toCheckin = (row: { id: string; stationId: string; at: Date }) => ({ id: row.id, stationId: row.stationId, at: row.at.toISOString() });

/**
 * A rider checks in with the code posted at the station. The first check-in of a rider at a
 * station opens a window of CHECKIN_DEDUPE_HOURS; a repeat inside it stores nothing and answers
 * with that first check-in. The database decides (exclusion constraint `station_checkins_no_repeat`
 * with `ON CONFLICT DO NOTHING`), so twenty identical requests at once leave exactly one row.
 */
/**
 * Whether the code was the station's posted code at `at`: signed for this station with the current
 * key version (posted since the last rotation), or with the previous one when `at` is before that
 * rotation (a queued scan of the code that hung there then).
 */
function codeValidAt(codeSecret: string, station: StationRow, code: string, at: Date): boolean {
  const version = signedVersionOf(codeSecret, subjectOf(station.id), code);
  const rotatedAt = station.checkinKeyRotatedAt;
  if (version === station.checkinKeyVersion) return !rotatedAt || at >= rotatedAt;
  return version === station.checkinKeyVersion - 1 && rotatedAt !== null && at < rotatedAt;
}

export interface CheckinOptions {
  codeSecret: string;
  /** QUEUED_SCAN_WINDOW_HOURS */
  queuedScanWindowHours: number;
}

export async function checkIn(db: Db, opts: CheckinOptions, userId: string, stationId: string, body: CheckinBody, now: Date) {
  if ((body.lat === undefined) !== (body.lng === undefined)) throw fieldError(body.lat === undefined ? 'lat' : 'lng', 'lat 和 lng 需同时提供');
  const station = await loadStation(db, stationId);
  const at = effectiveScanTime(body.scannedAt, now, opts.queuedScanWindowHours);
  if (!codeValidAt(opts.codeSecret, station, body.code, at)) {
    throw new ApiError('INVALID_CODE', '打卡码无效：请扫描本驿站张贴的最新二维码');
  }
  if (station.status !== 'active') throw new ApiError('INVALID_CODE', '该驿站已停用，暂不能打卡');
  return recordCheckin(db, userId, stationId, body, at);
}

async function recordCheckin(db: Db, userId: string, stationId: string, body: CheckinBody, now: Date) {
  const dedupeUntil = new Date(now.getTime() + CHECKIN_DEDUPE_HOURS * 3600_000);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [created] = await db
      .insert(stationCheckins)
      .values({ stationId, userId, at: now, dedupeUntil, lat: body.lat ?? null, lng: body.lng ?? null })
      .onConflictDoNothing()
      .returning(checkinColumns);
    if (created) return { checkin: toCheckin(created), duplicate: false };
    const [first] = await db
      .select(checkinColumns)
      .from(stationCheckins)
      .where(
        and(
          eq(stationCheckins.userId, userId),
          eq(stationCheckins.stationId, stationId),
          sql`tstzrange(${stationCheckins.at}, ${stationCheckins.dedupeUntil}) && tstzrange(${now.toISOString()}::timestamptz, ${dedupeUntil.toISOString()}::timestamptz)`,
        ),
      )
      .orderBy(asc(stationCheckins.at))
      .limit(1);
    if (first) return { checkin: toCheckin(first), duplicate: true };
  }
  throw new Error('check-in neither inserted nor found as a duplicate');
}

/** Visits and unique riders per station per Asia/Shanghai day, within the admin's subtree. */
export async function checkinStats(db: Db, principal: Principal, query: CheckinStatsQuery, now: Date) {
  const scope = await orgScope(db, principal, query.orgId);
  const range = resolveDayRange(query, now, { defaultDays: 30, maxDays: 366 });
  const day = sqlShanghaiDay(stationCheckins.at);
  // raw check-ins, plus the daily counts that check-ins past retention (or erased by their rider) became
  const raw = db
    .select({
      date: sql<string>`${day}`.as('date'),
      stationId: stationCheckins.stationId,
      visits: sql<number>`count(*)::int`.as('visits'),
      uniqueRiders: sql<number>`count(distinct ${stationCheckins.userId})::int`.as('unique_riders'),
    })
    .from(stationCheckins)
    .where(and(gte(stationCheckins.at, range.start), lt(stationCheckins.at, range.end)))
    .groupBy(day, stationCheckins.stationId);
  const folded = db
    .select({
      date: sql<string>`to_char(${stationCheckinDaily.day}, 'YYYY-MM-DD')`.as('date'),
      stationId: stationCheckinDaily.stationId,
      visits: stationCheckinDaily.visits,
      uniqueRiders: stationCheckinDaily.uniqueRiders,
    })
    .from(stationCheckinDaily)
    .where(and(gte(stationCheckinDaily.day, range.from), lt(sql`${stationCheckinDaily.day}`, sql`${range.to}::date + 1`)));
  const both = unionAll(raw, folded).as('both');
  const items = await db
    .select({
      date: both.date,
      stationId: both.stationId,
      stationName: stations.name,
      visits: sql<number>`sum(${both.visits})::int`,
      uniqueRiders: sql<number>`sum(${both.uniqueRiders})::int`,
    })
    .from(both)
    .innerJoin(stations, eq(stations.id, both.stationId))
    .where(inOrgScope(stations.orgId, scope))
    .groupBy(both.date, both.stationId, stations.name)
    .orderBy(both.date, asc(stations.name), asc(both.stationId));
  return { items };
}
