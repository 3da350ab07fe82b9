import { and, eq, sql } from 'drizzle-orm';
import { stations, type DbOrTx } from '@xfqs/db';
import { EARTH_RADIUS_M, minuteOfWeek, type ServiceKey, type StationKind } from '@xfqs/domain';
import { nearbyCacheOf } from './nearby-cache';
import { publicStationColumns } from './service';

export interface NearbyParams {
  lat: number;
  lng: number;
  limit: number;
  radiusM: number;
  /** Every one of these must be offered. */
  services: ServiceKey[];
  kind?: StationKind;
  /** Only stations open at `at`. */
  openNow: boolean;
  /** The instant "open now" refers to (the app clock). */
  at: Date;
}

/** A Postgres text[] literal of validated keys (letters and `_` only). */
const textArray = (values: readonly string[]) => `{${values.join(',')}}`;

/**
 * The nearest active stations, nearest first, in ONE statement so no filter can cut the result
 * short: the GiST index on `ll_to_earth(lat, lng)` (partial, active stations) is walked in
 * distance order (`<->`, a K-nearest-neighbour scan) and bounded by `earth_box @>`; PostgreSQL
 * checks every other condition row by row while it walks and stops only after `limit` matches or
 * when the box is exhausted. So ten microwave stations behind five hundred nearer stations without
 * one are all found.
 *
 * "Open now" is a containment test on `open_week` (minutes of the week, derived from `hours` by
 * `weeklyOpenIntervals`) against the current minute of the week in Asia/Shanghai, so the rule is
 * written once (packages/domain) and the database filters on it inside the same scan.
 *
 * Distances: earthdistance measures on a sphere of radius `earth()` (6,378,168 m); dividing by
 * `earth()` gives the central angle, times the mean Earth radius gives the same metres as
 * `haversineMetres`. The radius bound is converted the other way.
 */
export function nearbyQuery(db: DbOrTx, p: NearbyParams) {
  const minute = minuteOfWeek(p.at);
  const here = sql`ll_to_earth(${p.lat}::float8, ${p.lng}::float8)`;
  const there = sql`ll_to_earth(${stations.lat}, ${stations.lng})`;
  const radius = sql`(${p.radiusM}::float8 / ${EARTH_RADIUS_M}::float8 * earth())`;
  return db
    .select({
      ...publicStationColumns,
      distanceM: sql<number>`earth_distance(${there}, ${here}) / earth() * ${EARTH_RADIUS_M}::float8`.mapWith(Number),
      openNow: sql<boolean>`${stations.openWeek} @> ${minute}::int`.mapWith(Boolean),
    })
    .from(stations)
    .where(
      and(
        // a literal, so the planner can use the partial index on active stations
        sql`${stations.status} = 'active'`,
        sql`earth_box(${here}, ${radius}) @> ${there}`,
        sql`earth_distance(${there}, ${here}) <= ${radius}`,
        p.services.length ? sql`${stations.services} @> ${textArray(p.services)}::text[]` : undefined,
        p.kind ? eq(stations.kind, p.kind) : undefined,
        p.openNow ? sql`${stations.openWeek} @> ${minute}::int` : undefined,
      ),
    )
    .orderBy(sql`${there} <-> ${here}`)
    .limit(p.limit);
}

export async function findNearby(db: DbOrTx, p: NearbyParams) {
  const rows = await nearbyQuery(db, p);
  return rows.map((r) => ({ ...r, phone: r.phone ?? null, distanceM: Math.round(r.distanceM) }));
}

export type NearbyItem = Awaited<ReturnType<typeof findNearby>>[number];

/** `findNearby` through the per-database cache of identical recent queries (see NearbyCache). */
export function findNearbyShared(db: DbOrTx, p: NearbyParams): Promise<NearbyItem[]> {
  const key = [p.lat, p.lng, p.limit, p.radiusM, p.services.join('|'), p.kind ?? '', p.openNow ? 1 : 0, minuteOfWeek(p.at)].join(',');
  return nearbyCacheOf<NearbyItem[]>(db).get(key, () => findNearby(db, p));
}
