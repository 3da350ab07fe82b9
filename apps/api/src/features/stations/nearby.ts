import { and, sql } from 'drizzle-orm';
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

/** Which optional conditions a query has; each shape is one SQL text. */
interface Shape {
  services: boolean;
  kind: boolean;
  openNow: boolean;
}
/** The bound values of a query: real values, or placeholders for a prepared statement. */
type Values = Record<'lat' | 'lng' | 'radiusM' | 'services' | 'kind' | 'minute' | 'limit', unknown>;

const shapeOf = (p: NearbyParams): Shape => ({ services: p.services.length > 0, kind: p.kind !== undefined, openNow: p.openNow });
const valuesOf = (p: NearbyParams): Values => ({
  lat: p.lat,
  lng: p.lng,
  radiusM: p.radiusM,
  services: textArray(p.services),
  kind: p.kind ?? null,
  minute: minuteOfWeek(p.at),
  limit: p.limit,
});
const placeholders: Values = {
  lat: sql.placeholder('lat'),
  lng: sql.placeholder('lng'),
  radiusM: sql.placeholder('radiusM'),
  services: sql.placeholder('services'),
  kind: sql.placeholder('kind'),
  minute: sql.placeholder('minute'),
  limit: sql.placeholder('limit'),
};

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
function nearbySelect(db: DbOrTx, shape: Shape, v: Values) {
  const here = sql`ll_to_earth(${v.lat}::float8, ${v.lng}::float8)`;
  const there = sql`ll_to_earth(${stations.lat}, ${stations.lng})`;
  const radius = sql`(${v.radiusM}::float8 / ${EARTH_RADIUS_M}::float8 * earth())`;
  return db
    .select({
      ...publicStationColumns,
      distanceM: sql<number>`earth_distance(${there}, ${here}) / earth() * ${EARTH_RADIUS_M}::float8`.mapWith(Number),
      openNow: sql<boolean>`${stations.openWeek} @> ${v.minute}::int`.mapWith(Boolean),
    })
    .from(stations)
    .where(
      and(
        // a literal, so the planner can use the partial index on active stations
        sql`${stations.status} = 'active'`,
        sql`earth_box(${here}, ${radius}) @> ${there}`,
        sql`earth_distance(${there}, ${here}) <= ${radius}`,
        shape.services ? sql`${stations.services} @> ${v.services}::text[]` : undefined,
        shape.kind ? sql`${stations.kind} = ${v.kind}` : undefined,
        shape.openNow ? sql`${stations.openWeek} @> ${v.minute}::int` : undefined,
      ),
    )
    .orderBy(sql`${there} <-> ${here}`)
    .limit(v.limit as number);
}

/** The nearby statement with its values bound (for EXPLAIN, the benchmark and tests). */
export function nearbyQuery(db: DbOrTx, p: NearbyParams) {
  return nearbySelect(db, shapeOf(p), valuesOf(p));
}

type Prepared = ReturnType<ReturnType<typeof nearbySelect>['prepare']>;
const preparedByDb = new WeakMap<object, Map<string, Prepared>>();

/**
 * Shapes without a services filter run as prepared statements: PostgreSQL then plans them once
 * per connection (about 0.4 ms of a 1 ms query at 200,000 stations) and their generic plan is the
 * same KNN index scan. A services filter is planned each time, with its value: for a generic plan
 * the planner cannot tell a rare service from one nearly every station has and may pick a GIN
 * bitmap scan plus sort, which is slow for common services.
 */
function preparedFor(db: DbOrTx, shape: Shape): Prepared {
  let byShape = preparedByDb.get(db);
  if (!byShape) preparedByDb.set(db, (byShape = new Map()));
  const name = `stations_nearby_k${Number(shape.kind)}_o${Number(shape.openNow)}`;
  let prepared = byShape.get(name);
  if (!prepared) byShape.set(name, (prepared = nearbySelect(db, shape, placeholders).prepare(name)));
  return prepared;
}

export async function findNearby(db: DbOrTx, p: NearbyParams) {
  const shape = shapeOf(p);
  const rows = shape.services ? await nearbyQuery(db, p) : await preparedFor(db, shape).execute(valuesOf(p));
  return rows.map((r) => ({ ...r, phone: r.phone ?? null, distanceM: Math.round(r.distanceM) }));
}

export type NearbyItem = Awaited<ReturnType<typeof findNearby>>[number];

/** `findNearby` through the per-database cache of identical recent queries (see NearbyCache). */
export function findNearbyShared(db: DbOrTx, p: NearbyParams): Promise<NearbyItem[]> {
  const key = [p.lat, p.lng, p.limit, p.radiusM, p.services.join('|'), p.kind ?? '', p.openNow ? 1 : 0, minuteOfWeek(p.at)].join(',');
  return nearbyCacheOf<NearbyItem[]>(db).get(key, () => findNearby(db, p));
}
