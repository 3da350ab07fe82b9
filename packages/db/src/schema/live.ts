import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { CONFIRMATION_KINDS, HELP_CATEGORIES, HELP_STATUSES, SERVICE_KEYS, type ServiceKey } from '@xfqs/domain';
import { createdAt, id, instant } from './_columns';
import { orgs } from './orgs';
import { stationCheckins, stations } from './stations';
import { users } from './users';

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * The live state staff set on a station: closed now, services paused, a note, each until `until`.
 * At most one row per station; a row whose `until` has passed is simply no longer in force (every
 * reader compares `until` with the request's instant in SQL), so nothing has to clear it on time.
 * Small by nature (a few stations at any moment), which keeps the nearby query's anti-join cheap.
 */
export const stationStates = pgTable(
  'station_states',
  {
    stationId: uuid('station_id')
      .primaryKey()
      .references(() => stations.id),
    closed: boolean('closed').notNull().default(false),
    pausedServices: text('paused_services').array().$type<ServiceKey[]>().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    until: instant('until').notNull(),
    setBy: uuid('set_by').references(() => users.id),
    setAt: instant('set_at').notNull().defaultNow(),
  },
  (t) => [
    check('station_states_paused_check', sql`${t.pausedServices} <@ array[${sqlList(SERVICE_KEYS)}]::text[]`),
    check('station_states_note_check', sql`char_length(${t.note}) <= 100`),
  ],
);

/**
 * What a rider who checked in found (有热水 / 没开门). Tied to the check-in that entitles it, one
 * per check-in, kind and service: a second tap replaces the time, it never counts twice.
 */
export const stationConfirmations = pgTable(
  'station_confirmations',
  {
    id: id(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    checkinId: uuid('checkin_id')
      .notNull()
      .references(() => stationCheckins.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CONFIRMATION_KINDS }).notNull(),
    /** For `service_ok` / `service_missing`; '' otherwise (so the unique key holds). */
    service: text('service').notNull().default(''),
    at: instant('at').notNull(),
  },
  (t) => [
    unique('station_confirmations_once').on(t.checkinId, t.kind, t.service),
    index('station_confirmations_station_at_idx').on(t.stationId, t.at),
    check('station_confirmations_kind_check', sql`${t.kind} in (${sqlList(CONFIRMATION_KINDS)})`),
  ],
);

/**
 * 一键求助. The rider's words and location are personal data: stored only sealed with the PII
 * keyring (`text_enc`, `location_enc`, `close_note_enc`, AES-256-GCM bound to the row), readable by
 * the rider and by org_admins of the routed org's tree (audited), erased by the retention rule.
 */
export const helpRequests = pgTable(
  'help_requests',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id),
    /** The union it was routed to: the nearest station's org, else the rider's own union. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** The station whose org it was routed to, when routed by location. */
    stationId: uuid('station_id').references(() => stations.id),
    category: text('category', { enum: HELP_CATEGORIES }).notNull(),
    status: text('status', { enum: HELP_STATUSES }).notNull().default('open'),
    textEnc: text('text_enc'),
    locationEnc: text('location_enc'),
    claimedBy: uuid('claimed_by').references(() => users.id),
    claimedAt: instant('claimed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: instant('closed_at'),
    closeNoteEnc: text('close_note_enc'),
    /** Set when the retention rule erased the personal fields. */
    erasedAt: instant('erased_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('help_requests_org_created_idx').on(t.orgId, t.createdAt),
    index('help_requests_user_created_idx').on(t.userId, t.createdAt),
    check('help_requests_category_check', sql`${t.category} in (${sqlList(HELP_CATEGORIES)})`),
    check('help_requests_status_check', sql`${t.status} in (${sqlList(HELP_STATUSES)})`),
  ],
);
