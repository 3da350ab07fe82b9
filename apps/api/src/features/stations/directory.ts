import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { runStatement, stations, stationStates, type Db, type Statement } from '@xfqs/db';
import { EARTH_RADIUS_M, haversineMetres, minuteOfWeek, openNowAt, serviceIndex, stateInForce, STATION_KINDS, weeklyOpenIntervals, type LatLng, type ServiceKey, type StationKind, type WeekInterval } from '@xfqs/domain';
import type { StationStateJson } from './live-sql';

export interface NearbyParams {
  lat: number;
  lng: number;
  limit: number;
  radiusM: number;
  /** Every one of these must be offered (and not paused). */
  services: ServiceKey[];
  kind?: StationKind;
  /** Only stations open at `at`. */
  openNow: boolean;
  /** The instant "open now", live states and recent visits refer to (the app clock). */
  at: Date;
}

type StationRecord = typeof stations.$inferSelect;

/** What nearby answers about a station, before the parts that depend on the instant and the rider. */
type ListedStation = Pick<StationRecord, 'id' | 'orgId' | 'name' | 'kind' | 'address' | 'lat' | 'lng' | 'phone' | 'hours' | 'services'>;

interface DirectoryEntry {
  station: ListedStation;
  /** `weeklyOpenIntervals(hours)`, worked out once per directory read. */
  openWeek: WeekInterval[];
}

/** A `station_states` row (in force at an instant by the domain's `stateInForce`). */
interface StateRow {
  closed: boolean;
  pausedServices: ServiceKey[];
  note: string | null;
  until: Date;
}

export type NearbyItem = ListedStation & {
  distanceM: number;
  openNow: boolean;
  state: StationStateJson | null;
  recentVisits: number;
};

/** The active station nearest to a point, and how far it is. */
export interface ClosestStation {
  station: ListedStation;
  distanceM: number;
}

const SPHERE_KM = 6371; // geokdbush's sphere; radii are scaled so both spheres agree on the angle

/** Every active station, as the driver returns it (no ORM mapping: the directory reads them all). */
const ACTIVE_STATIONS: Statement = {
  name: 'stations_directory_v1',
  text: `select id, org_id, name, kind, address, lat, lng, phone, hours, services from stations where status = 'active'`,
};
/** A row of ACTIVE_STATIONS: the listed fields under their column names, `hours` as either driver hands jsonb over. */
type StationRow = Omit<ListedStation, 'orgId' | 'hours'> & { org_id: string; hours: unknown };
const BUILD_SLICE = 5_000;
/** jsonb from either driver (node-postgres parses it; PGlite may hand over text). */
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** A set of catalog services as bits (catalog order), so a filter is one AND per station. */
const serviceBits = (keys: readonly ServiceKey[]) => keys.reduce((bits, key) => bits | (1 << serviceIndex(key)), 0);

/**
 * Every active station in memory, with a k-d tree over its coordinates (kdbush) and the live states
 * (`station_states`, one row per station at most). Immutable: a change builds a new one. What the
 * filters read while the tree is walked sits in typed arrays by position (kind, services as bits,
 * whether a state exists), so the walk touches no station object until one matches.
 */
export class DirectorySnapshot {
  private constructor(
    private readonly entries: DirectoryEntry[],
    private readonly index: KDBush,
    private readonly kinds: Uint8Array,
    private readonly services: Uint32Array,
    /** The state row of the station at each position (most have none). */
    private readonly states: Array<StateRow | undefined>,
  ) {}

  static async load(db: Db): Promise<DirectorySnapshot> {
    const rows = await runStatement<StationRow>(db, ACTIVE_STATIONS, []);
    const entries: DirectoryEntry[] = new Array(rows.length);
    const index = new KDBush(Math.max(1, rows.length));
    const kinds = new Uint8Array(rows.length);
    const services = new Uint32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      // built in slices, so a reload at national scale never holds the event loop for long
      if (i % BUILD_SLICE === BUILD_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
      const row = rows[i];
      const hours = parseJson<StationRecord['hours']>(row.hours);
      // one literal, so every station shares one object shape (reads of it stay fast)
      const station: ListedStation = { id: row.id, orgId: row.org_id, name: row.name, kind: row.kind, address: row.address, lat: row.lat, lng: row.lng, phone: row.phone, hours, services: row.services };
      entries[i] = { station, openWeek: weeklyOpenIntervals(hours) };
      index.add(row.lng, row.lat);
      kinds[i] = STATION_KINDS.indexOf(row.kind);
      services[i] = serviceBits(row.services);
    }
    if (!rows.length) index.add(0, 0); // kdbush needs one point; position 0 then matches nothing
    index.finish();
    return new DirectorySnapshot(entries, index, kinds, services, await statesByPosition(db, entries));
  }

  /** The same stations and tree with the live states read again (a state change leaves the rest as it was). */
  async withStatesFrom(db: Db): Promise<DirectorySnapshot> {
    return new DirectorySnapshot(this.entries, this.index, this.kinds, this.services, await statesByPosition(db, this.entries));
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The nearest stations that pass every filter, nearest first: the tree is walked in distance order
   * with the filters applied to each station on the way, so a filter never cuts the result short
   * (ten microwave stations behind five hundred nearer ones without are all found).
   */
  nearest(p: NearbyParams, visits: (stationId: string) => number): NearbyItem[] {
    const minute = minuteOfWeek(p.at);
    const stateAt = (i: number) => stateInForce(this.states[i], p.at);
    const openNow = (i: number) => openNowAt(this.entries[i].openWeek, minute, stateAt(i));
    const kind = p.kind === undefined ? -1 : STATION_KINDS.indexOf(p.kind);
    const wanted = serviceBits(p.services);
    const matches = (i: number): boolean => {
      if (i >= this.entries.length) return false;
      if (kind >= 0 && this.kinds[i] !== kind) return false;
      if ((this.services[i] & wanted) !== wanted) return false;
      if (wanted && this.states[i]) {
        const paused = stateAt(i)?.pausedServices;
        if (paused && (serviceBits(paused) & wanted) !== 0) return false;
      }
      return !p.openNow || openNow(i);
    };
    const maxKm = (SPHERE_KM * p.radiusM) / EARTH_RADIUS_M;
    return around(this.index, p.lng, p.lat, p.limit, maxKm, matches).map((i) => {
      const { station } = this.entries[i];
      const state = stateAt(i);
      // field by field: a spread of the station here cost ten times the whole tree walk
      return {
        id: station.id,
        orgId: station.orgId,
        name: station.name,
        kind: station.kind,
        address: station.address,
        lat: station.lat,
        lng: station.lng,
        phone: station.phone,
        hours: station.hours,
        services: station.services,
        distanceM: Math.round(haversineMetres(p, station)),
        openNow: openNow(i),
        state: state ? { closed: state.closed, pausedServices: state.pausedServices, note: state.note, until: state.until.toISOString() } : null,
        recentVisits: visits(station.id),
      };
    });
  }

  /** The active station nearest to a point, whatever it offers and whenever it opens. */
  closest(point: LatLng): ClosestStation | undefined {
    const [i] = around(this.index, point.lng, point.lat, 1, Infinity, (i: number) => i < this.entries.length);
    if (i === undefined) return undefined;
    const { station } = this.entries[i];
    return { station, distanceM: Math.round(haversineMetres(point, station)) };
  }
}

async function statesByPosition(db: Db, entries: DirectoryEntry[]): Promise<Array<StateRow | undefined>> {
  const byId = await loadStates(db);
  return entries.map(({ station }) => byId.get(station.id));
}

async function loadStates(db: Db): Promise<Map<string, StateRow>> {
  const rows = await db
    .select({ stationId: stationStates.stationId, closed: stationStates.closed, pausedServices: stationStates.pausedServices, note: stationStates.note, until: stationStates.until })
    .from(stationStates);
  return new Map(rows.map(({ stationId, ...state }) => [stationId, { ...state, pausedServices: state.pausedServices as ServiceKey[] }]));
}
