import { sql } from 'drizzle-orm';
import { doublePrecision, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { STATION_KINDS, type ServiceKey } from '@xfqs/domain';
import { createdAt, id, instant } from './_columns';
import { orgs } from './orgs';
import { users } from './users';

/** Opening hours as in the contract; times are HH:mm in Asia/Shanghai, days 1 = Monday … 7 = Sunday. */
export interface OpeningHours {
  weekly: Array<{ days: number[]; open: string; close: string }>;
  alwaysOpen?: boolean;
}

export const STATION_STATUSES = ['active', 'closed'] as const;

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
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('stations_org_external_code_unique').on(t.orgId, t.externalCode),
    index('stations_org_idx').on(t.orgId),
    index('stations_location_gist').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`),
  ],
);

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
    /** Where the rider's phone was, when it told us (GCJ-02). */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
  },
  (t) => [index('station_checkins_station_at_idx').on(t.stationId, t.at), index('station_checkins_user_idx').on(t.userId, t.stationId, t.at)],
);
