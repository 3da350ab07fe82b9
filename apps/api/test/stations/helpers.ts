import { stations } from '@xfqs/db';
import type { OpeningHours, ServiceKey, StationKind } from '@xfqs/domain';
import { stationValues } from '../../src/features/stations/service';
import type { TestApp, TestUser } from '../harness';

/** 丰台 (Fengtai district government area), GCJ-02: the default place of test stations. */
export const FENGTAI = { lat: 39.8585, lng: 116.2867 };
export const ALWAYS_OPEN: OpeningHours = { weekly: [], alwaysOpen: true };
export const WEEKDAYS_9_TO_6: OpeningHours = { weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] };

export interface StationFields {
  orgId: string;
  name: string;
  kind: StationKind;
  address: string;
  lat: number;
  lng: number;
  hours: OpeningHours;
  services: ServiceKey[];
  phone?: string | null;
  externalCode?: string | null;
  status?: 'active' | 'closed';
}

let counter = 0;

/** A valid station body: an always-open union station at 丰台 of 卢沟桥街道总工会, with the overrides applied. */
export function stationBody(t: TestApp, overrides: Partial<StationFields> = {}): StationFields {
  counter += 1;
  return {
    orgId: t.orgIds.LGQ,
    name: `测试驿站 ${counter}`,
    kind: 'union_station',
    address: `北京市丰台区测试路 ${counter} 号`,
    lat: FENGTAI.lat,
    lng: FENGTAI.lng,
    hours: ALWAYS_OPEN,
    services: ['hot_water', 'charging'],
    phone: '010-63812345',
    ...overrides,
  };
}

const admins = new WeakMap<TestApp, Promise<TestUser>>();

/** An org_admin of 丰台区总工会 (the whole demo tree), one per test app. */
export function districtAdmin(t: TestApp): Promise<TestUser> {
  if (!admins.has(t)) admins.set(t, t.loginAs('org_admin', { orgId: t.orgIds.FT }));
  return admins.get(t)!;
}

/** Creates a station through the API (as `as`, or a district admin) and returns the created station. */
export async function createStation(t: TestApp, overrides: Partial<StationFields> = {}, as?: TestUser) {
  const res = await t.call('POST', '/stations', { as: as ?? (await districtAdmin(t)), body: stationBody(t, overrides) });
  if (res.status !== 201) throw new Error(`createStation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; orgId: string; name: string; lat: number; lng: number } & Record<string, unknown>;
}

/** Inserts many stations straight into the database (same column rules as the API, fast for hundreds); returns their ids in order. */
export async function insertStations(t: TestApp, rows: Array<Partial<StationFields>>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((overrides) => {
      const { orgId, ...input } = stationBody(t, overrides);
      return { ...(stationValues(input) as typeof stations.$inferInsert), orgId };
    });
    const inserted = await t.db.insert(stations).values(values).returning({ id: stations.id });
    ids.push(...inserted.map((r) => r.id));
  }
  await t.app.nearby.reload(); // written behind the API's back: this app's next search must see them without waiting for the NOTIFY
  return ids;
}

/** The point `metres` north of `from` (1° of latitude ≈ 111,195 m on the mean sphere). */
export function north(from: { lat: number; lng: number }, metres: number) {
  return { lat: from.lat + metres / 111_194.93, lng: from.lng };
}
