import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { normalizeOpeningHours, STATION_KINDS, type OpeningHours, type ServiceKey } from '@xfqs/domain';
import { createdAt, id, instant } from './_columns';
import { orgs } from './orgs';
import { users } from './users';

export type { OpeningHours } from '@xfqs/domain';

export const STATION_STATUSES = ['active', 'closed'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

/** How long a rider's check-in at one station counts; a repeat inside it is a duplicate. */
export const CHECKIN_DEDUPE_HOURS = 4;

/**
 * `hours` in its canonical form, for every write of a station's hours (API, import, seed). "Open
 * now" is worked out from it by the domain's `openNowAt`, never stored.
 */
export function stationHoursColumns(hours: OpeningHours): { hours: OpeningHours } {
  return { hours: normalizeOpeningHours(hours) };
}

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const stations = pgTable(
  'stations',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind', { enum: STATION_KINDS }).notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** GCJ-02 */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    phone: text('phone'),
    hours: jsonb('hours').$type<OpeningHours>().notNull(),
    services: text('services').array().$type<ServiceKey[]>().notNull().default(sql`'{}'::text[]`),
    externalCode: text('external_code'),
    status: text('status', { enum: STATION_STATUSES }).notNull().default('active'),
    photoUrl: text('photo_url'),
    /** Key version of the signed check-in code; bumping it retires every posted code of the station. */
    checkinKeyVersion: integer('checkin_key_version').notNull().default(1),
    /**
     * When the key version last went up: a queued (offline) scan made before it may still carry
     * the previous version's code, which was valid at that moment.
     */
    checkinKeyRotatedAt: instant('checkin_key_rotated_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('stations_org_external_code_unique').on(t.orgId, t.externalCode),
    index('stations_org_idx').on(t.orgId),
    // No location index: every "nearest station" (nearby, help routing, a 随手拍 report's union)
    // is answered from the in-memory directory (apps/api/src/features/stations/directory.ts).
    check('stations_kind_check', sql`${t.kind} in (${sqlList(STATION_KINDS)})`),
    check('stations_status_check', sql`${t.status} in (${sqlList(STATION_STATUSES)})`),
    check('stations_lat_lng_check', sql`${t.lat} between -90 and 90 and ${t.lng} between -180 and 180`),
    check('stations_checkin_key_version_check', sql`${t.checkinKeyVersion} >= 1`),
  ],
);

/**
 * One row per counted visit. A repeat by the same rider at the same station within
 * CHECKIN_DEDUPE_HOURS is not stored: the exclusion constraint `station_checkins_no_repeat`
 * (custom migration, btree_gist) forbids two rows of one rider and station whose
 * `[at, dedupe_until)` spans overlap, so the rule holds under any concurrency.
 */
export const stationCheckins = pgTable(
  'station_checkins',
  {
    id: id(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    at: instant('at').notNull().defaultNow(),
    /** `at` + CHECKIN_DEDUPE_HOURS (timestamptz arithmetic is not immutable, so it is stored). */
    dedupeUntil: instant('dedupe_until').notNull(),
    /** Where the rider's phone was, when it told us (GCJ-02). */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
  },
  (t) => [
    index('station_checkins_station_at_idx').on(t.stationId, t.at),
    check('station_checkins_dedupe_check', sql`${t.dedupeUntil} > ${t.at}`),
  ],
);

/*
 * Also in the custom migration `stations_v2_constraints` (not expressible from this file):
 * - CREATE EXTENSION btree_gist, and the exclusion constraint above;
 * - role_grants.station_id → stations.id (role_grants lives in users.ts, which this file imports).
 */
