import { sql, type SQL } from 'drizzle-orm';
import { stationCheckins, stationStates, type Db } from '@xfqs/db';
import { RECENT_VISITS_MINUTES, stateInForce, type ServiceKey } from '@xfqs/domain';

/**
 * The live station state in SQL for the readers that query the database (detail, lists, staff).
 * The rules themselves (a state in force while `until` is after the instant; open now) are the
 * domain's `stateInForce` and `openNowAt`, applied to what these read, as nearby applies them to
 * its directory (directory.ts).
 *
 * `at` is an SQL expression of type timestamptz (a bound value or a prepared placeholder).
 */

/**
 * The outer station row, always qualified: drizzle writes a column of a single-table select
 * unqualified (`"id"`), which inside a subquery over a table with its own `id` would bind to that.
 */
const stationId = sql.raw('"stations"."id"');

export interface StationStateJson {
  closed: boolean;
  pausedServices: ServiceKey[];
  note: string | null;
  until: string;
}

/** The station's state row as one JSON value (null without one), in force or not; `until` as an ISO instant. */
export function stateJsonSql(): SQL<unknown> {
  return sql`(select json_build_object(
      'closed', s.closed,
      'pausedServices', s.paused_services,
      'note', s.note,
      'until', to_char(s.until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    from ${stationStates} s where s.station_id = ${stationId})`;
}

/** A check-in time within the RECENT_VISITS_MINUTES up to `at` (近 1 小时 N 人到访; duplicates are never stored). */
function inRecentVisitWindow(checkinAt: SQL, at: SQL): SQL {
  return sql`${checkinAt} > ${at} - interval '${sql.raw(String(RECENT_VISITS_MINUTES))} minutes' and ${checkinAt} <= ${at}`;
}

/** Check-ins of the last RECENT_VISITS_MINUTES before `at` at the outer station. */
export function recentVisitsSql(at: SQL): SQL<number> {
  return sql<number>`(select count(*)::int from ${stationCheckins} c
    where c.station_id = ${stationId} and ${inRecentVisitWindow(sql`c.at`, at)})`.mapWith(Number);
}

/** Check-ins of the last RECENT_VISITS_MINUTES before `at`, per station that had any (nearby's counts, recent-visits.ts). */
export async function recentVisitsByStation(db: Db, at: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ stationId: stationCheckins.stationId, visits: sql<number>`count(*)::int`.mapWith(Number) })
    .from(stationCheckins)
    .where(inRecentVisitWindow(sql`${stationCheckins.at}`, sql`${at.toISOString()}::timestamptz`))
    .groupBy(stationCheckins.stationId);
  return new Map(rows.map((r) => [r.stationId, r.visits]));
}

/** The state in force at `at` from `stateJsonSql`'s value (JSON from either driver: node-postgres parses json, a text value is parsed here). */
export function parseStateJson(value: unknown, at: Date): StationStateJson | null {
  if (value === null || value === undefined) return null;
  const state = (typeof value === 'string' ? JSON.parse(value) : value) as StationStateJson;
  if (!stateInForce({ until: new Date(state.until) }, at)) return null;
  return { closed: Boolean(state.closed), pausedServices: state.pausedServices ?? [], note: state.note ?? null, until: state.until };
}
