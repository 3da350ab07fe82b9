import { Type, type Static } from '@sinclair/typebox';
import { CONFIRMATION_KINDS, SERVICE_KEYS, STATION_KINDS, STATION_STATE_MAX_DAYS, type ServiceKey, type StationKind } from '@xfqs/domain';
import { STATION_STATUSES, type StationStatus } from '@xfqs/db';
import { Closed, Day, DateTime, DayRangeQuery, Id, Lat, Lng, Nullable, PageQuery, ScannedAt } from '../../schemas';

/** A string from a fixed list as one `enum` (one clear validation error, one OpenAPI enum). */
const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const StationKindSchema = StringEnum<StationKind>(STATION_KINDS, '工会驿站 / 暖心驿站 / 户外劳动者服务站点 / 合作商户');
export const ServiceKeySchema = StringEnum<ServiceKey>(SERVICE_KEYS);
export const StationStatusSchema = StringEnum<StationStatus>(STATION_STATUSES, '`closed` stations never appear in `nearby`');

export const OpeningHoursSchema = Type.Object(
  {
    weekly: Type.Array(
      Closed({
        days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true, description: '1 = Monday … 7 = Sunday' }),
        open: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm, Asia/Shanghai' }),
        close: Type.String({
          pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
          description: 'HH:mm, Asia/Shanghai; earlier than `open` runs past midnight into the next day; `24:00` = end of the day; equal to `open` is a 400',
        }),
      }),
      { maxItems: 21 },
    ),
    alwaysOpen: Type.Optional(Type.Boolean({ description: 'Open around the clock; `weekly` may then be empty' })),
  },
  { additionalProperties: false, description: 'Opening hours in Asia/Shanghai' },
);

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Address = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Phone = Type.String({ minLength: 1, maxLength: 24, description: 'A mainland mobile (13812345678) or a landline with area code (010-63812345)' });
const ExternalCode = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^\\S(.*\\S)?$',
  description: 'Code from an outside register; CSV imports upsert on it within the org',
});
const Services = Type.Array(ServiceKeySchema, { uniqueItems: true, maxItems: SERVICE_KEYS.length });

export const CreateStationBody = Closed({
  orgId: Id,
  name: Name,
  kind: StationKindSchema,
  address: Address,
  lat: Lat,
  lng: Lng,
  hours: OpeningHoursSchema,
  services: Services,
  phone: Type.Optional(Nullable(Phone)),
  externalCode: Type.Optional(Nullable(ExternalCode)),
  status: Type.Optional(StationStatusSchema),
});
export type CreateStationBody = Static<typeof CreateStationBody>;

export const PatchStationBody = Closed(
  {
    name: Type.Optional(Name),
    kind: Type.Optional(StationKindSchema),
    address: Type.Optional(Address),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    hours: Type.Optional(OpeningHoursSchema),
    services: Type.Optional(Services),
    phone: Type.Optional(Nullable(Phone)),
    externalCode: Type.Optional(Nullable(ExternalCode)),
    status: Type.Optional(StationStatusSchema),
  },
  { minProperties: 1, description: 'Any of the create fields but `orgId`; `null` clears `phone` or `externalCode`' },
);
export type PatchStationBody = Static<typeof PatchStationBody>;

export const StationState = Type.Object(
  {
    closed: Type.Boolean({ description: 'Closed now: the station is not `openNow` whatever its hours say' }),
    pausedServices: Type.Array(ServiceKeySchema, { description: 'Services paused now (热水暂停, 充电位已满): they do not match a `services` filter' }),
    note: Nullable(Type.String({ description: 'A note for riders (今天有绿豆汤)' })),
    until: DateTime,
  },
  { description: 'The live state set by staff, in force until `until`; it ends by itself' },
);
export type StationState = Static<typeof StationState>;

const stationFields = {
  id: Id,
  name: Type.String(),
  kind: StationKindSchema,
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  services: Type.Array(ServiceKeySchema),
  openNow: Type.Boolean({ description: 'Open at this moment (Asia/Shanghai): within its hours and not closed by its live `state`' }),
  hours: OpeningHoursSchema,
  phone: Nullable(Type.String()),
  state: Nullable(StationState),
  recentVisits: Type.Integer({ minimum: 0, description: 'Check-ins in the last hour (近 1 小时 N 人到访)' }),
};

export const NearbyItem = Type.Object({
  ...stationFields,
  distanceM: Type.Integer({ description: 'Great-circle distance in metres from the query point' }),
  orgId: Id,
});
export type NearbyItem = Static<typeof NearbyItem>;

export const Confirmation = Type.Object({
  kind: StringEnum(CONFIRMATION_KINDS),
  service: Nullable(ServiceKeySchema),
  at: DateTime,
});

export const Station = Type.Object({
  ...stationFields,
  confirmations: Type.Optional(
    Type.Array(Confirmation, { description: 'Detail only: the freshest rider confirmations (last 24 h, newest first, at most 10)' }),
  ),
  orgId: Id,
  status: StationStatusSchema,
  externalCode: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  distanceM: Type.Optional(Type.Integer({ description: 'Only when `lat` and `lng` are given' })),
  updatedAt: DateTime,
});
export type Station = Static<typeof Station>;

export const NearbyQuery = Closed({
  lat: Lat,
  lng: Lng,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  radiusM: Type.Optional(Type.Number({ minimum: 1, maximum: 100000, default: 10000, description: 'Search radius in metres' })),
  services: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 400,
      description: 'Comma-separated service keys; a station must offer all of them; an unknown key is a 400',
    }),
  ),
  openNow: Type.Optional(Type.Boolean({ description: '`true`: only stations open now (Asia/Shanghai); `false` or absent: no filter' })),
  kind: Type.Optional(StationKindSchema),
});
export type NearbyQuery = Static<typeof NearbyQuery>;

export const StationQuery = Closed({
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
});

export const StationListQuery = Closed({
  orgId: Type.Optional(Type.String({ format: 'uuid', description: 'Whose subtree to list; defaults to every org the caller administers and the orgs below them (everything for super_admin)' })),
  status: Type.Optional(StationStatusSchema),
  ...PageQuery,
});
export type StationListQuery = Static<typeof StationListQuery>;

export const ImportQuery = Closed({
  orgId: Type.Optional(Type.String({ format: 'uuid', description: 'The org the rows belong to; defaults to the admin’s org' })),
});

export const ImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer({ description: 'Line in the file; the header is line 1' }), message: Type.String() })),
});
export type ImportResult = Static<typeof ImportResult>;

export const CheckinCode = Type.Object({
  code: Type.String({ description: 'Signed content of the QR posted at the station' }),
  url: Type.String({ description: 'What the QR encodes: the mini-program check-in page with stationId and code' }),
  version: Type.Integer({ description: 'Key version; rotating bumps it and retires older codes' }),
});

export const CheckinBody = Closed({
  code: Type.String({ minLength: 1, maxLength: 200 }),
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
  scannedAt: Type.Optional(ScannedAt),
});
export type CheckinBody = Static<typeof CheckinBody>;

export const CheckinResult = Type.Object({
  checkin: Type.Object({ id: Id, stationId: Id, at: DateTime }),
  duplicate: Type.Boolean({ description: 'true: the same rider checked in here within 4 h; `checkin` is that first one' }),
});

export const CheckinStatsQuery = Closed(
  {
    orgId: Type.Optional(Type.String({ format: 'uuid', description: 'Whose subtree to count; defaults to every org the caller administers and the orgs below them (everything for super_admin)' })),
    ...DayRangeQuery,
  },
  { description: 'Inclusive Asia/Shanghai days: by default the 30 days ending today (or starting at `from`); at most 366 days' },
);
export type CheckinStatsQuery = Static<typeof CheckinStatsQuery>;

export const CheckinStats = Type.Object({
  items: Type.Array(
    Type.Object({
      date: Day,
      stationId: Id,
      stationName: Type.String(),
      visits: Type.Integer({ description: 'Counted check-ins (duplicates within 4 h are not visits)' }),
      uniqueRiders: Type.Integer(),
    }),
  ),
});

export const SetStateBody = Closed(
  {
    closed: Type.Optional(Type.Boolean({ default: false })),
    pausedServices: Type.Optional(Type.Array(ServiceKeySchema, { uniqueItems: true, maxItems: SERVICE_KEYS.length })),
    note: Type.Optional(Type.String({ maxLength: 100 })),
    until: Type.String({ format: 'date-time', description: `When the state ends by itself: after now, at most ${STATION_STATE_MAX_DAYS} days ahead` }),
  },
  { description: 'Replaces the state in force. At least one of closed=true, a paused service or a note. Paused services must be ones the station offers.' },
);
export type SetStateBody = Static<typeof SetStateBody>;

export const StateResult = Type.Object({ state: StationState });

export const ConfirmationBody = Closed(
  {
    kind: StringEnum(CONFIRMATION_KINDS, 'open 开着门 / closed 没开门 / service_ok 有（服务） / service_missing 没有（服务）'),
    service: Type.Optional(ServiceKeySchema),
  },
  { description: '`service` is required for service_ok / service_missing and refused otherwise' },
);
export type ConfirmationBody = Static<typeof ConfirmationBody>;

export const ConfirmationResult = Type.Object({
  confirmation: Confirmation,
  duplicate: Type.Boolean({ description: 'true: the same confirmation for the same check-in was already recorded (its time is refreshed)' }),
});

export const StationLive = Type.Object({
  stationId: Id,
  openNow: Type.Boolean(),
  state: Nullable(StationState),
  recentVisits: Type.Integer(),
  confirmations: Type.Array(Confirmation),
  contradictions: Type.Array(
    Type.Object({
      kind: StringEnum(['reported_closed', 'reported_open', 'service_missing', 'service_available'] as const),
      service: Nullable(ServiceKeySchema),
      count: Type.Integer({ description: 'Riders who reported it in the last 2 h (since the state was set)' }),
      lastAt: DateTime,
      message: Type.String(),
    }),
    { description: 'Rider reports that disagree with the hours and the state staff set' },
  ),
});
