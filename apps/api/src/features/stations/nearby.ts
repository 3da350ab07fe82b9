import { and, sql } from 'drizzle-orm';
import { hasServiceLiteral, runStatement, stations, type Db, type DbOrTx, type Statement } from '@xfqs/db';
import { arcOfChord, chordOfArc, earthPoint, minuteOfWeek, serviceIndex, servicesInCatalogOrder, type ServiceKey, type StationKind } from '@xfqs/domain';
import { openNowSql, parseStateJson, recentVisitsSql, servicesNotPaused, stateJsonSql } from './live-sql';
import { NearbyCache } from './nearby-cache';
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

/**
 * Which optional conditions a query has; each shape is one SQL text. The requested services are
 * part of the text (as literals, in catalog order), because each one must match the predicate of
 * its partial index word for word.
 */
interface Shape {
  services: ServiceKey[];
  kind: boolean;
  openNow: boolean;
}
/** The bound values of a query: real values, or placeholders for a prepared statement. */
type Values = Record<'here' | 'box' | 'chord' | 'kind' | 'minute' | 'at' | 'limit', unknown>;

const shapeOf = (p: NearbyParams): Shape => ({
  services: servicesInCatalogOrder(p.services),
  kind: p.kind !== undefined,
  openNow: p.openNow,
});
const cube = (...corners: number[][]) => corners.map((c) => `(${c.join(', ')})`).join(',');
function valuesOf(p: NearbyParams): Values {
  const here = earthPoint(p);
  const chord = chordOfArc(p.radiusM);
  return {
    here: cube(here),
    box: cube(
      here.map((v) => v - chord),
      here.map((v) => v + chord),
    ),
    chord,
    kind: p.kind ?? null,
    minute: minuteOfWeek(p.at),
    at: p.at.toISOString(),
    limit: p.limit,
  };
}
const placeholders: Values = {
  here: sql.placeholder('here'),
  box: sql.placeholder('box'),
  chord: sql.placeholder('chord'),
  kind: sql.placeholder('kind'),
  minute: sql.placeholder('minute'),
  at: sql.placeholder('at'),
  limit: sql.placeholder('limit'),
};

/**
 * The nearest active stations, nearest first, in ONE statement so no filter can cut the result
 * short: a GiST index on `ll_to_earth(lat, lng)` is walked in distance order (`<->`, a
 * K-nearest-neighbour scan) and bounded by the box around the rider; PostgreSQL checks every
 * other condition row by row while it walks and stops only after `limit` matches or when the box
 * is exhausted. So ten microwave stations behind five hundred nearer stations without one are all
 * found.
 *
 * Which index: `stations_active_location_gist` (every active station), or, when services are
 * asked for, the partial index `stations_active_<key>_gist` of one of them (active stations that
 * offer it, `services @> '{key}'`): the query repeats that predicate with the key as a literal,
 * so the planner can prove the index applies, and picks the rarest service's index from the
 * column statistics. Then a rare service costs a walk over stations that have it, not over every
 * nearer station that lacks it.
 *
 * "Open now" is a containment test on `open_week` (minutes of the week, derived from `hours` by
 * `weeklyOpenIntervals`) against the current minute of the week in Asia/Shanghai, and no live
 * state closing the station (`openNowSql`, live-sql.ts), so the rule is written once and the
 * database filters on it inside the same scan. The live state (closed, paused services) enters as
 * `NOT IN` over the small `station_states` table: a hashed SubPlan probed per walked row, which
 * leaves the KNN index scan exactly as it was (EXPLAIN tests).
 *
 * Geometry: the rider's point on earthdistance's sphere (what `ll_to_earth` gives), the bounding
 * box and the radius as a chord are computed here (`earthPoint`, `chordOfArc`) and bound as
 * values, so the planner does not inline and fold earthdistance's SQL functions on every call
 * (that was most of the planning time), and the radius test is the C `<->` (chord) instead of
 * `earth_distance`, an SQL function called per row. The chord comes back and becomes great-circle
 * metres on the mean Earth radius (`arcOfChord`), the same metres `haversineMetres` gives.
 */
function nearbySelect(db: DbOrTx, shape: Shape, v: Values) {
  const here = sql`${v.here}::cube`;
  const there = sql`ll_to_earth(${stations.lat}, ${stations.lng})`;
  const at = sql`${v.at}::timestamptz`;
  const openNow = openNowSql(sql`${v.minute}::int`, at);
  return db
    .select({
      ...publicStationColumns,
      chord: sql<number>`${there} <-> ${here}`.mapWith(Number).as('chord'),
      openNow: sql<boolean>`${openNow}`.mapWith(Boolean).as('open_now'),
      state: stateJsonSql(at).as('state'),
      recentVisits: recentVisitsSql(at).as('recent_visits'),
    })
    .from(stations)
    .where(
      and(
        // a literal, so the planner can use the partial indexes on active stations
        sql`${stations.status} = 'active'`,
        sql`${v.box}::cube @> ${there}`,
        sql`${there} <-> ${here} <= ${v.chord}::float8`,
        // one literal `services @> '{key}'` per service: exactly the predicate of the partial
        // index `stations_active_<key>_gist`, so the planner may walk that index instead
        ...shape.services.map((key) => sql`${stations.services} @> ${hasServiceLiteral(key)}`),
        shape.kind ? sql`${stations.kind} = ${v.kind}` : undefined,
        // live state (station_states, a small table): a paused service does not match, a closed station is not open
        shape.services.length ? servicesNotPaused(shape.services, at) : undefined,
        shape.openNow ? openNow : undefined,
      ),
    )
    .orderBy(sql`${there} <-> ${here}`)
    .limit(v.limit as number);
}

/** The nearby statement with its values bound (for EXPLAIN, the benchmark and tests). */
export function nearbyQuery(db: DbOrTx, p: NearbyParams) {
  return nearbySelect(db, shapeOf(p), valuesOf(p));
}

/**
 * The statement `findNearby` prepares for these parameters, as SQL text with `$n` placeholders
 * and the values in order: tests and the benchmark `PREPARE` it to EXPLAIN the generic plan
 * that prepared statements run.
 */
export function nearbyStatement(db: DbOrTx, p: NearbyParams): { text: string; values: unknown[] } {
  const { statement, order } = shapeStatement(db, shapeOf(p));
  const values = valuesOf(p);
  return { text: statement.text, values: order.map((key) => values[key]) };
}

/**
 * Shapes without `openNow` and with at most one service run as prepared statements (at most
 * 18 × 2 per connection): PostgreSQL then plans them once per connection, and their generic plan
 * is the KNN scan of the right index because the service is a literal in the text, not a
 * parameter, so the planner knows which partial index applies and how many stations offer it.
 *
 * The others are planned on each call with their values (about 0.15 ms at 200,000 stations):
 * - `openNow`: for a generic plan the planner cannot know how many stations are open at an unknown
 *   minute, guesses very few, and then prefers a bitmap scan of the whole box plus a sort (seen
 *   with `plan_cache_mode = force_generic_plan`: 6–7 ms instead of 0.3 ms in central Beijing);
 * - two or more services: the planner picks the partial index of the rarest one from the column
 *   statistics (`most_common_elems` of `services`), and preparing every combination would leave
 *   thousands of statements on each connection.
 */
export function nearbyIsPrepared(p: Pick<NearbyParams, 'services' | 'openNow'>): boolean {
  return !p.openNow && new Set(p.services).size <= 1;
}

/** The SQL text of a shape with its parameter order; a name when it runs prepared. */
interface ShapeStatement {
  statement: Statement;
  order: Array<keyof Values>;
}
/** Prepared shapes by statement name (at most 36), built once and kept by the app's NearbyFinder. */
export type PreparedShapes = Map<string, ShapeStatement>;

function shapeStatement(db: DbOrTx, shape: Shape, name?: string): ShapeStatement {
  const { sql: text, params } = nearbySelect(db, shape, placeholders).toSQL();
  return { statement: { name: name ?? '', text }, order: params.map((param) => (param as { name: keyof Values }).name) };
}

/** A prepared shape comes from `preparedShapes` (built there on first use); the others are built on each call. */
function statementFor(db: DbOrTx, shape: Shape, prepared: boolean, preparedShapes: PreparedShapes): ShapeStatement {
  if (!prepared) return shapeStatement(db, shape);
  const service = shape.services.length ? serviceIndex(shape.services[0]) : 'x';
  const name = `stations_nearby_s${service}_k${Number(shape.kind)}`;
  let built = preparedShapes.get(name);
  if (!built) preparedShapes.set(name, (built = shapeStatement(db, shape, name)));
  return built;
}

type StationRecord = typeof stations.$inferSelect;

/** A row as the driver returns it: column names of `stations` and the aliases of nearbySelect. */
interface NearbyRow {
  id: string;
  org_id: string;
  name: string;
  kind: StationKind;
  address: string;
  lat: number;
  lng: number;
  phone: string | null;
  hours: StationRecord['hours'];
  services: StationRecord['services'];
  chord: number;
  open_now: boolean;
  state: unknown;
  recent_visits: number;
}

/**
 * Raw rows straight from the driver (`runStatement`), mapped field by field: Drizzle's row mapping
 * and an object rest/spread per row were ≈ 10 % of a nearby request's CPU (docs/PERFORMANCE.md).
 */
export async function findNearby(db: Db, p: NearbyParams, preparedShapes: PreparedShapes = new Map()) {
  const { statement, order } = statementFor(db, shapeOf(p), nearbyIsPrepared(p), preparedShapes);
  const values = valuesOf(p);
  const rows = await runStatement<NearbyRow>(db, statement, order.map((key) => values[key]));
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    kind: r.kind,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    phone: r.phone ?? null,
    hours: r.hours,
    services: r.services,
    openNow: r.open_now,
    state: parseStateJson(r.state),
    recentVisits: r.recent_visits,
    distanceM: Math.round(arcOfChord(r.chord)),
  }));
}

export type NearbyItem = Awaited<ReturnType<typeof findNearby>>[number];

/**
 * Nearby search as one app runs it (decorated as `app.nearby`, nearby-plugin.ts): on the read
 * database, with the prepared shapes built once, and identical recent queries answered from one
 * database round trip (NearbyCache). `invalidate()` after a station write commits.
 */
export class NearbyFinder {
  private readonly preparedShapes: PreparedShapes = new Map();
  private readonly answers = new NearbyCache<NearbyItem[]>();
  private invalidated = 0;

  constructor(private readonly db: Db) {}

  /** Through the cache of identical recent queries. */
  find(p: NearbyParams): Promise<NearbyItem[]> {
    const key = [p.lat, p.lng, p.limit, p.radiusM, shapeOf(p).services.join('|'), p.kind ?? '', p.openNow ? 1 : 0, minuteOfWeek(p.at)].join(',');
    return this.answers.get(key, () => findNearby(this.db, p, this.preparedShapes));
  }

  /** Drops every remembered answer: the next query of each reads the database. */
  invalidate(): void {
    this.answers.clear();
    this.invalidated++;
  }

  /** How many times the answers were dropped (tests wait for a notification to be handled). */
  get invalidations(): number {
    return this.invalidated;
  }

  /** How many answers are remembered (tests watch it clear). */
  get cachedAnswers(): number {
    return this.answers.size;
  }
}
