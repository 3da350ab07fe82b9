import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import { eraseExpiredHelpRequests } from '../help/requests';
import { reports, stationCheckinDaily, stationCheckins, type Db, type DbOrTx } from '@xfqs/db';
import { shanghaiDay } from '@xfqs/domain';
import { dayStart, sqlShanghaiDay } from '../../shanghai-days';

/** Report locations older than the retention period are blurred to this many decimals (≈ 1 km). */
const BLURRED_DECIMALS = 2;

/**
 * Moves raw check-ins matching `where` into the daily counts (visits and distinct riders per
 * station and Asia/Shanghai day, added to what is there) and deletes them, in the caller's
 * transaction. Returns how many raw rows went.
 */
export async function foldCheckinsIntoDailyCounts(tx: DbOrTx, where: SQL): Promise<number> {
  const day = sqlShanghaiDay(stationCheckins.at);
  await tx
    .insert(stationCheckinDaily)
    .select(
      tx
        .select({
          day: sql<string>`${day}::date`.as('day'),
          stationId: stationCheckins.stationId,
          visits: sql<number>`count(*)::int`.as('visits'),
          uniqueRiders: sql<number>`count(distinct ${stationCheckins.userId})::int`.as('unique_riders'),
        })
        .from(stationCheckins)
        .where(where)
        .groupBy(day, stationCheckins.stationId),
    )
    .onConflictDoUpdate({
      target: [stationCheckinDaily.day, stationCheckinDaily.stationId],
      set: {
        visits: sql`${stationCheckinDaily.visits} + excluded.visits`,
        uniqueRiders: sql`${stationCheckinDaily.uniqueRiders} + excluded.unique_riders`,
      },
    });
  const deleted = await tx.delete(stationCheckins).where(where).returning({ id: stationCheckins.id });
  return deleted.length;
}

export interface PruneResult {
  /** Raw check-ins folded into daily counts and deleted. */
  checkinsFolded: number;
  /** Reports whose location was blurred and address erased. */
  reportsBlurred: number;
  /** Everything before this instant (the start of an Asia/Shanghai day) was pruned. */
  cutoff: string;
}

/**
 * PIPL art. 28 (movement history): raw locations are kept `retentionDays`, then check-ins become
 * daily counts per station and report locations are blurred to ≈ 1 km with the address erased (the
 * report itself, a hazard the org acts on, stays). Whole Asia/Shanghai days only, so every day is
 * folded once and its distinct-rider count stays exact. Idempotent; run by the scheduled job and
 * by `pnpm admin prune`.
 */
export async function pruneLocations(db: DbOrTx, now: Date, retentionDays: number): Promise<PruneResult> {
  const cutoff = dayStart(shanghaiDay(new Date(now.getTime() - retentionDays * 86_400_000)));
  return db.transaction(async (tx) => {
    const checkinsFolded = await foldCheckinsIntoDailyCounts(tx, lt(stationCheckins.at, cutoff));
    const blurred = await tx
      .update(reports)
      .set({
        lat: sql`round(${reports.lat}::numeric, ${sql.raw(String(BLURRED_DECIMALS))})::float8`,
        lng: sql`round(${reports.lng}::numeric, ${sql.raw(String(BLURRED_DECIMALS))})::float8`,
        address: null,
      })
      .where(
        and(
          lt(reports.createdAt, cutoff),
          sql`(${reports.address} is not null or ${reports.lat} <> round(${reports.lat}::numeric, ${sql.raw(String(BLURRED_DECIMALS))})::float8 or ${reports.lng} <> round(${reports.lng}::numeric, ${sql.raw(String(BLURRED_DECIMALS))})::float8)`,
        ),
      )
      .returning({ id: reports.id });
    return { checkinsFolded, reportsBlurred: blurred.length, cutoff: cutoff.toISOString() };
  });
}

/** A rider's own check-ins, folded into the counts and erased (`DELETE /me/checkins`, account closing). */
export const eraseCheckinsOf = (tx: DbOrTx, userId: string) => foldCheckinsIntoDailyCounts(tx, eq(stationCheckins.userId, userId));

/**
 * The whole retention job (server interval and `pnpm admin prune`): movement history past
 * LOCATION_RETENTION_DAYS, and help requests closed longer ago than HELP_RETENTION_DAYS.
 */
export async function runRetention(db: Db, now: Date, days: { locations: number; helpRequests: number }) {
  const locations = await pruneLocations(db, now, days.locations);
  const helpRequestsErased = await eraseExpiredHelpRequests(db, now, days.helpRequests);
  return { ...locations, helpRequestsErased };
}
