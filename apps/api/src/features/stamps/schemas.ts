import { Type, type Static } from '@sinclair/typebox';
import { ACTIVITY_KINDS, REPORT_CATEGORIES } from '@xfqs/domain';
import { REPORT_STATUSES } from '@xfqs/db';
import { Closed, DateTime, Day, DayRangeQuery, Id, Lat, Lng, Nullable, PageQuery, ScannedAt } from '../../schemas';

/** A string from a fixed vocabulary (one `enum`, so a wrong value is one error, not one per choice). */
const literals = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

export const ActivityKind = literals(ACTIVITY_KINDS, { description: 'volunteer 志愿服务, civic 文明实践, meeting 会议活动, training 培训' });
export const ReportCategory = literals(REPORT_CATEGORIES, {
  description: 'safety_hazard 安全隐患, environment 环境卫生, traffic 交通秩序, public_facility 公共设施, other 其他',
});
export const ReportStatus = literals(REPORT_STATUSES);

const RadiusM = Type.Integer({ minimum: 10, maximum: 50_000, description: 'Geofence radius in metres (10–50000)' });
const Stamps = Type.Integer({ minimum: 1, maximum: 5, description: 'Stamps one check-in earns (1–5)' });
const Title = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

// ---------------------------------------------------------------- activities

export const CreateActivityBody = Closed(
  {
    title: Title,
    kind: ActivityKind,
    startsAt: DateTime,
    endsAt: DateTime,
    orgId: Type.Optional(Id),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    radiusM: Type.Optional(RadiusM),
    stamps: Type.Optional(Stamps),
  },
  { description: '`orgId` defaults to the admin’s own org. `lat`, `lng` and `radiusM` come together (a geofence) or not at all. `endsAt` must be after `startsAt`.' },
);
export type CreateActivityBody = Static<typeof CreateActivityBody>;

export const Activity = Type.Object({
  id: Id,
  orgId: Id,
  orgName: Type.String(),
  title: Type.String(),
  kind: ActivityKind,
  description: Nullable(Type.String()),
  startsAt: DateTime,
  endsAt: DateTime,
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  radiusM: Nullable(Type.Integer()),
  stamps: Type.Integer(),
  createdAt: DateTime,
});
export type Activity = Static<typeof Activity>;

export const ActivityListQuery = Closed(
  { orgId: Type.Optional(Id), ...PageQuery },
  { description: 'Activities of `orgId` and the orgs below it (default: every org the admin administers), latest start first.' },
);

export const CheckinToken = Type.Object({
  token: Type.String({ description: 'Rotating token for the QR; changes every 30 s' }),
  expiresAt: Type.String({ format: 'date-time', description: 'End of the token’s 30-second step; it is still accepted for one more step' }),
  activityId: Id,
});

export const CheckinBody = Closed({
  token: Type.String({ minLength: 1, maxLength: 64 }),
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
  scannedAt: Type.Optional(ScannedAt),
});
export type CheckinBody = Static<typeof CheckinBody>;

export const StampSource = Type.Union([Type.Literal('activity'), Type.Literal('report')]);

/** One line of the action record (行动记录表). */
export const StampItem = Type.Object({
  id: Id,
  source: StampSource,
  title: Type.String(),
  amount: Type.Integer(),
  awardedAt: DateTime,
});
export type StampItem = Static<typeof StampItem>;

export const CheckinResult = Type.Object(
  {
    stamp: Type.Optional(StampItem),
    balance: Type.Integer(),
    duplicate: Type.Boolean(),
  },
  { description: 'On a repeat check-in `stamp` is the stamp the first one earned.' },
);

// ---------------------------------------------------------------- ledger

export const StampsMe = Type.Object({
  balance: Type.Integer({ description: '`total` − stamps spent on fulfilled redemptions' }),
  total: Type.Integer({ description: 'Stamps ever earned' }),
  goal: Type.Integer({
    description: 'Stamps the card aims for: the setting of the org of the rider’s latest stamp (inherited down the org tree), else 10',
  }),
  items: Type.Array(StampItem, { description: 'Every stamp earned, newest first' }),
  redemptions: Type.Array(
    Type.Object({ id: Id, rewardName: Type.String(), stationName: Type.String(), cost: Type.Integer(), fulfilledAt: DateTime }),
    { description: 'Fulfilled redemptions, newest first' },
  ),
});

export const StampSettings = Type.Object({
  orgId: Id,
  goal: Type.Integer(),
  dailyReportStamps: Type.Integer(),
  inheritedFrom: Nullable(Type.String({ format: 'uuid', description: 'Org whose setting applies; null = the built-in defaults (10 and 3)' })),
});

export const StampSettingsBody = Closed({
  goal: Type.Integer({ minimum: 1, maximum: 100, description: 'Stamps the card aims for' }),
  dailyReportStamps: Type.Integer({ minimum: 0, maximum: 100, description: 'Report stamps one rider may earn per Asia/Shanghai day' }),
});
export type StampSettingsBody = Static<typeof StampSettingsBody>;

export const OrgIdParams = Closed({ orgId: Id });

// ---------------------------------------------------------------- reports

/**
 * The photo's file part, which the multipart parser hands over as a Buffer (an object to the
 * validator: a plain text field named `photo` is a 400); the route checks it really is a file.
 */
const FilePart = Type.Unsafe<Buffer>({ type: 'object', description: 'The photo file (binary): JPEG, PNG or WebP, at most 5 MiB; recognised by its bytes' });

export const CreateReportBody = Closed(
  {
    photo: FilePart,
    category: ReportCategory,
    description: Text(1000),
    lat: Lat,
    lng: Lng,
    address: Type.Optional(Type.String({ maxLength: 200 })),
    orgId: Type.Optional(Id),
  },
  {
    description:
      'multipart/form-data. The report belongs to `orgId` when given, else to the org of the active station nearest to `lat`,`lng`. ' +
      'The photo is re-encoded (auto-rotated, every metadata such as EXIF location removed) before it is stored.',
  },
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const Report = Type.Object({
  id: Id,
  status: ReportStatus,
  category: ReportCategory,
  description: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  address: Nullable(Type.String()),
  orgId: Id,
  userId: Id,
  photoUrl: Type.String({ description: 'Path of the photo (GET, signed in as the reporter or the org’s staff)' }),
  createdAt: DateTime,
  reviewedAt: Nullable(DateTime),
  rejectReason: Nullable(Type.String()),
  stampAwarded: Nullable(Type.Boolean({ description: 'Set once accepted' })),
  noStampReason: Nullable(Type.String()),
  nearestStation: Nullable(
    Type.Object(
      { id: Id, name: Type.String(), distanceM: Type.Integer({ description: 'Straight-line distance from the report, metres' }) },
      { description: 'The active station nearest to where the report was made (lists only; null on create or when there is no station), so reviewers see a place, not coordinates' },
    ),
  ),
});
export type Report = Static<typeof Report>;

export const MyReportsQuery = Closed({ status: Type.Optional(ReportStatus), ...PageQuery });
export const ReportListQuery = Closed(
  { status: Type.Optional(ReportStatus), orgId: Type.Optional(Id), ...PageQuery },
  { description: 'Reports of `orgId` and the orgs below it (default: every org the admin administers), newest first.' },
);

export const AcceptResult = Type.Object({
  status: Type.Literal('accepted'),
  stampAwarded: Type.Boolean(),
  reason: Type.Optional(Type.String({ description: 'Why no stamp came with the acceptance' })),
});
export const RejectBody = Closed({ reason: Text(200) });
export const RejectResult = Type.Object({ status: Type.Literal('rejected') });

// ---------------------------------------------------------------- rewards

export const Reward = Type.Object({
  id: Id,
  name: Type.String(),
  cost: Type.Integer(),
  stock: Type.Integer(),
  stationId: Id,
  stationName: Type.String(),
  affordable: Type.Optional(Type.Boolean({ description: 'Only when signed in: the balance covers the cost' })),
});
export type Reward = Static<typeof Reward>;

export const RewardListQuery = Closed(
  { stationId: Type.Optional(Id), ...PageQuery },
  { description: 'Rewards at active stations (one station with `stationId`), cheapest first.' },
);
export const RewardList = Type.Object({
  items: Type.Array(Reward),
  nextCursor: Nullable(Type.String()),
  balance: Type.Optional(Type.Integer({ description: 'Only when signed in' })),
});

const RewardName = Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' });
const Cost = Type.Integer({ minimum: 1, maximum: 1000 });
const Stock = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const CreateRewardBody = Closed({ stationId: Id, name: RewardName, cost: Cost, stock: Stock });
export type CreateRewardBody = Static<typeof CreateRewardBody>;
export const PatchRewardBody = Closed(
  { name: Type.Optional(RewardName), cost: Type.Optional(Cost), stock: Type.Optional(Stock) },
  { minProperties: 1, description: '`stock` sets the count on the shelf (not a delta).' },
);
export type PatchRewardBody = Static<typeof PatchRewardBody>;

// ---------------------------------------------------------------- redemptions

export const CreateRedemptionBody = Closed({ stationId: Id, rewardId: Id });
export type CreateRedemptionBody = Static<typeof CreateRedemptionBody>;

export const RedemptionStatus = Type.Union([Type.Literal('pending'), Type.Literal('fulfilled'), Type.Literal('expired')]);

export const Redemption = Type.Object({
  id: Id,
  code: Type.String({ description: '8 characters (Crockford base32) for the QR and for typing; valid 10 minutes' }),
  expiresAt: DateTime,
  status: RedemptionStatus,
  rewardId: Id,
  rewardName: Type.String(),
  stationId: Id,
  stationName: Type.String(),
  cost: Type.Integer({ description: 'Stamps the fulfilment takes (the cost when the code was made)' }),
  fulfilledAt: Nullable(DateTime),
});

export const FulfilBody = Closed({
  code: Type.String({ minLength: 1, maxLength: 32, description: 'As scanned or typed; case, spaces and dashes do not matter' }),
});
export const FulfilResult = Type.Object({
  redemption: Type.Object({
    id: Id,
    status: Type.Literal('fulfilled'),
    rewardId: Id,
    rewardName: Type.String(),
    cost: Type.Integer(),
    fulfilledAt: DateTime,
  }),
  balanceAfter: Type.Integer(),
});

// ---------------------------------------------------------------- statistics

export const StampStatsQuery = Closed(
  { orgId: Type.Optional(Id), ...DayRangeQuery },
  {
    description:
      '`orgId` and the orgs below it; without it every org the caller administers and the orgs below them (everything for super_admin); `from`/`to` default to the 30 days ending today (Asia/Shanghai), at most 366 days.',
  },
);
export const StampStats = Type.Object({
  from: Day,
  to: Day,
  items: Type.Array(
    Type.Object({
      date: Day,
      stampsIssued: Type.Integer({ description: 'Stamps earned that day (activities + reports)' }),
      activityStamps: Type.Integer(),
      reportStamps: Type.Integer(),
      redemptions: Type.Integer({ description: 'Redemptions fulfilled that day at the org’s stations' }),
      stampsRedeemed: Type.Integer(),
    }),
    { description: 'One entry per day of the range, oldest first, zeros included' },
  ),
});

export const StockQuery = Closed(
  { orgId: Type.Optional(Id) },
  { description: 'Stations of `orgId` and the orgs below it (without it: every org the caller administers and the orgs below them (everything for super_admin)) that have rewards.' },
);
export const StockStats = Type.Object({
  items: Type.Array(
    Type.Object({
      stationId: Id,
      stationName: Type.String(),
      orgId: Id,
      totalStock: Type.Integer(),
      rewards: Type.Array(
        Type.Object({
          id: Id,
          name: Type.String(),
          cost: Type.Integer(),
          stock: Type.Integer(),
          fulfilled: Type.Integer({ description: 'Redemptions fulfilled so far' }),
        }),
      ),
    }),
  ),
});
