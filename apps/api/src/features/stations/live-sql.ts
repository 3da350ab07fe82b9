import { sql, type SQL } from 'drizzle-orm';
import { stationCheckins, stations, stationStates, type Db } from '@xfqs/db';
import { RECENT_VISITS_MINUTES, type ServiceKey } from '@xfqs/domain';

/**
 * The live station state in SQL for the readers that query the database (detail, lists, staff):
 * a `station_states` row is in force while `until` is after the request's instant `at`, compared
 * in SQL, so a state ends by itself and no job has to clear it on time. Nearby evaluates the same
 * rows in memory at the request's instant (directory.ts).
 *
 * `at` is an SQL expression of type timestamptz (a bound value or a prepared placeholder).
 */

/**
 * The outer station row, always qualified: drizzle writes a column of a single-table select
 * unqualified (`"id"`), which inside a subquery over a table with its own `id` would bind to that.
 */
const stationId = sql.raw('"stations"."id"');

/** Not closed by a state in force at `at`. */
export function notClosedByState(at: SQL): SQL {
  return sql`${stationId} not in (select ${stationStates.stationId} from ${stationStates} where ${stationStates.closed} and ${stationStates.until} > ${at})`;
}

/**
 * THE "open now" rule: the minute of the week (Asia/Shanghai, `minuteOfWeek` of packages/domain)
 * lies in the opening hours (`open_week`, derived from `hours` by `weeklyOpenIntervals`), and no
 * state in force closes the station.
 */
export function openNowSql(minute: SQL, at: SQL): SQL {
  return sql`(${stations.openWeek} @> ${minute} and ${notClosedByState(at)})`;
}

export interface StationStateJson {
  closed: boolean;
  pausedServices: ServiceKey[];
  note: string | null;
  until: string;
}

/** The state in force at `at` as one JSON value (null without one); `until` as an ISO instant. */
export function stateJsonSql(at: SQL): SQL<StationStateJson | null> {
  return sql<StationStateJson | null>`(select json_build_object(
      'closed', s.closed,
      'pausedServices', s.paused_services,
      'note', s.note,
      'until', to_char(s.until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    from ${stationStates} s where s.station_id = ${stationId} and s.until > ${at})`;
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

/** JSON from either driver (node-postgres parses json; a text value is parsed here). */
export function parseStateJson(value: unknown): StationStateJson | null {
  if (value === null || value === undefined) return null;
  const state = (typeof value === 'string' ? JSON.parse(value) : value) as StationStateJson;
  return { closed: Boolean(state.closed), pausedServices: state.pausedServices ?? [], note: state.note ?? null, until: state.until };
}
