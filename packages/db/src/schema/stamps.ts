import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { ACTIVITY_KINDS, REPORT_CATEGORIES, type ActivityKind, type ReportCategory } from '@xfqs/domain';
import { createdAt, id, instant } from './_columns';
import { orgs } from './orgs';
import { stations } from './stations';
import { users } from './users';

/** Required references, and the optional "done by" user of a row. */
const userRef = () => uuid('user_id').notNull().references(() => users.id);
const orgRef = () => uuid('org_id').notNull().references(() => orgs.id);
const stationRef = () => uuid('station_id').notNull().references(() => stations.id);
const actorRef = (name: string) => uuid(name).references(() => users.id);

/**
 * 先锋骑士 stamp card. Stamps live in an append-only ledger (`stamp_ledger`): a rider's balance is
 * the sum of their earn rows minus their spend rows, computed by the database, never stored.
 */

/** A volunteer activity (or meeting, training …) whose rotating QR earns a stamp. */
export const activities = pgTable(
  'activities',
  {
    id: id(),
    orgId: orgRef(),
    title: text('title').notNull(),
    kind: text('kind', { enum: ACTIVITY_KINDS as [ActivityKind, ...ActivityKind[]] }).notNull(),
    description: text('description'),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    /** Optional geofence (GCJ-02 centre + radius); all three or none. */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    radiusM: integer('radius_m'),
    /** Stamps one check-in earns. */
    stamps: integer('stamps').notNull().default(1),
    /** Key of the rotating check-in token; never leaves the server. */
    secret: text('secret').notNull(),
    createdBy: actorRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('activities_org_starts_idx').on(t.orgId, t.startsAt),
    check('activities_window_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('activities_stamps_check', sql`${t.stamps} between 1 and 5`),
    check(
      'activities_geofence_check',
      sql`(${t.lat} is null and ${t.lng} is null and ${t.radiusM} is null) or (${t.lat} is not null and ${t.lng} is not null and ${t.radiusM} > 0)`,
    ),
  ],
);

export const REPORT_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** 随手拍: a rider's photo report of a hazard or a civic issue, reviewed by the org's staff. */
export const reports = pgTable(
  'reports',
  {
    id: id(),
    userId: userRef(),
    orgId: orgRef(),
    category: text('category', { enum: REPORT_CATEGORIES as [ReportCategory, ...ReportCategory[]] }).notNull(),
    description: text('description').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    address: text('address'),
    /** Key in the photo store; the stored photo is re-encoded without metadata. */
    photoKey: text('photo_key').notNull(),
    photoType: text('photo_type').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('pending'),
    reviewedBy: actorRef('reviewed_by'),
    reviewedAt: instant('reviewed_at'),
    rejectReason: text('reject_reason'),
    /** Set on accept: whether a stamp came with it, and why not when it did not. */
    stampAwarded: boolean('stamp_awarded'),
    noStampReason: text('no_stamp_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('reports_org_status_created_idx').on(t.orgId, t.status, t.createdAt),
    index('reports_user_created_idx').on(t.userId, t.createdAt),
  ],
);

/** A gift at one station, with the stamps it costs and how many are left. */
export const rewards = pgTable(
  'rewards',
  {
    id: id(),
    stationId: stationRef(),
    name: text('name').notNull(),
    cost: integer('cost').notNull(),
    stock: integer('stock').notNull(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('rewards_station_name_unique').on(t.stationId, t.name),
    // "the dearest gift in stock a new balance just reached" runs on every stamp earned: a range
    // on cost, not a scan of every gift in the country (issue 10)
    index('rewards_in_stock_cost_idx').on(t.cost).where(sql`${t.stock} > 0`),
    check('rewards_cost_check', sql`${t.cost} >= 1`),
    check('rewards_stock_check', sql`${t.stock} >= 0`),
  ],
);

export const REDEMPTION_STATUSES = ['pending', 'fulfilled'] as const;

/**
 * A rider's request to exchange stamps for a reward, shown as a short-lived code. Nothing is taken
 * at creation; fulfilment spends the stamps (a ledger spend row) and one item of stock, once.
 */
export const redemptions = pgTable(
  'redemptions',
  {
    id: id(),
    userId: userRef(),
    rewardId: uuid('reward_id')
      .notNull()
      .references(() => rewards.id),
    stationId: stationRef(),
    /** Crockford base32, 8 characters (see @xfqs/domain redemption-code). */
    code: text('code').notNull().unique('redemptions_code_unique'),
    /** The reward's cost when the code was made: what the rider was shown and will pay. */
    cost: integer('cost').notNull(),
    status: text('status', { enum: REDEMPTION_STATUSES }).notNull().default('pending'),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    fulfilledAt: instant('fulfilled_at'),
    fulfilledBy: actorRef('fulfilled_by'),
  },
  (t) => [
    index('redemptions_user_idx').on(t.userId, t.createdAt),
    index('redemptions_station_fulfilled_idx').on(t.stationId, t.fulfilledAt),
    check('redemptions_cost_check', sql`${t.cost} >= 1`),
    check('redemptions_fulfilled_check', sql`(${t.status} = 'fulfilled') = (${t.fulfilledAt} is not null)`),
  ],
);

export const STAMP_SOURCES = ['activity', 'report', 'redemption'] as const;
export type StampSource = (typeof STAMP_SOURCES)[number];

/**
 * The append-only stamp ledger (a trigger refuses UPDATE, DELETE and TRUNCATE). Earn rows come
 * from an activity check-in or an accepted report, spend rows from a fulfilled redemption.
 * `(source, source_id, user_id)` is unique, so each source pays a rider at most once and each
 * redemption is spent at most once, whatever the concurrency.
 */
export const stampLedger = pgTable(
  'stamp_ledger',
  {
    id: id(),
    userId: userRef(),
    /** The org the entry counts for in statistics (activity's, report's, or the station's org). */
    orgId: orgRef(),
    kind: text('kind', { enum: ['earn', 'spend'] }).notNull(),
    source: text('source', { enum: STAMP_SOURCES }).notNull(),
    sourceId: uuid('source_id').notNull(),
    /** Spend rows name their redemption (equal to source_id). */
    redemptionId: uuid('redemption_id').references(() => redemptions.id),
    /** Always positive; the kind gives the sign. */
    amount: integer('amount').notNull(),
    /** What the action record shows (activity title, report category …), as it was then. */
    title: text('title').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    unique('stamp_ledger_source_unique').on(t.source, t.sourceId, t.userId),
    index('stamp_ledger_user_at_idx').on(t.userId, t.at),
    index('stamp_ledger_org_at_idx').on(t.orgId, t.at),
    check('stamp_ledger_amount_check', sql`${t.amount} > 0`),
    check(
      'stamp_ledger_kind_check',
      sql`(${t.kind} = 'earn' and ${t.source} <> 'redemption' and ${t.redemptionId} is null) or (${t.kind} = 'spend' and ${t.source} = 'redemption' and ${t.redemptionId} = ${t.sourceId})`,
    ),
  ],
);

/** Per-org stamp rules; an org without a row inherits from its nearest ancestor, else the defaults. */
export const stampSettings = pgTable(
  'stamp_settings',
  {
    orgId: uuid('org_id').primaryKey().references(() => orgs.id),
    /** Stamps the card aims for (the handbook's 10 slots). */
    goal: integer('goal').notNull(),
    /** Report stamps one rider may earn per Asia/Shanghai day. */
    dailyReportStamps: integer('daily_report_stamps').notNull(),
    updatedBy: actorRef('updated_by'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('stamp_settings_goal_check', sql`${t.goal} between 1 and 100`),
    check('stamp_settings_daily_check', sql`${t.dailyReportStamps} between 0 and 100`),
  ],
);

export const STAMP_DEFAULTS = { goal: 10, dailyReportStamps: 3 } as const;
