import { sql, type SQL } from 'drizzle-orm';
import { stationCheckins, stations, stationStates } from '@xfqs/db';
import { RECENT_VISITS_MINUTES, SERVICE_KEYS, type ServiceKey } from '@xfqs/domain';

/**
 * The live station state in SQL, written once for every reader (nearby, detail, lists, staff):
 * a `station_states` row is in force while `until` is after the request's instant `at`, compared
 * in SQL, so a state ends by itself and no job has to clear it on time.
 *
 * Nearby walks a KNN index; the state must not change that plan. So the filters are `NOT IN`
 * over the small state table: PostgreSQL runs such an uncorrelated subquery once per execution as
 * a hashed SubPlan and probes the hash for each walked station (no join node, no re-ordering), and
 * the output columns are scalar subqueries evaluated only for the rows returned.
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

/** Catalog keys only, so the literal can carry nothing else (and stays one SQL text per shape). */
function servicesLiteral(keys: ServiceKey[]): SQL {
  for (const key of keys) if (!(SERVICE_KEYS as readonly string[]).includes(key)) throw new Error(`unknown service key ${JSON.stringify(key)}`);
  return sql.raw(`'{${keys.join(',')}}'::text[]`);
}

/** None of `services` is paused by a state in force at `at` (a paused service does not match a filter). */
export function servicesNotPaused(services: ServiceKey[], at: SQL): SQL {
  return sql`${stationId} not in (select ${stationStates.stationId} from ${stationStates} where ${stationStates.until} > ${at} and ${stationStates.pausedServices} && ${servicesLiteral(services)})`;
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

/** Check-ins of the last RECENT_VISITS_MINUTES before `at` (近 1 小时 N 人到访; duplicates are never stored). */
export function recentVisitsSql(at: SQL): SQL<number> {
  return sql<number>`(select count(*)::int from ${stationCheckins} c
    where c.station_id = ${stationId} and c.at > ${at} - interval '${sql.raw(String(RECENT_VISITS_MINUTES))} minutes' and c.at <= ${at})`.mapWith(Number);
}

/** JSON from either driver (node-postgres parses json; a text value is parsed here). */
export function parseStateJson(value: unknown): StationStateJson | null {
  if (value === null || value === undefined) return null;
  const state = (typeof value === 'string' ? JSON.parse(value) : value) as StationStateJson;
  return { closed: Boolean(state.closed), pausedServices: state.pausedServices ?? [], note: state.note ?? null, until: state.until };
}
