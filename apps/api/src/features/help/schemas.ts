import { Type, type Static } from '@sinclair/typebox';
import { HELP_CATEGORIES, HELP_STATUSES, HELP_TEXT_MAX } from '@xfqs/domain';
import { Closed, DateTime, Id, Lat, Lng, Nullable, PageQuery } from '../../schemas';

const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const HelpCategory = StringEnum(HELP_CATEGORIES, 'wages 欠薪 / accident 交通事故 / dispute 纠纷 / other 其他');
export const HelpStatus = StringEnum(HELP_STATUSES, 'open 待处理 / claimed 处理中 / closed 已办结');

export const HelpRequestBody = Closed(
  {
    category: HelpCategory,
    text: Type.String({ minLength: 1, maxLength: HELP_TEXT_MAX, pattern: '\\S', description: 'What happened, in the rider’s words (stored encrypted)' }),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
  },
  {
    description:
      'Routed to the union (org) of the active station nearest to `lat`/`lng` (within 50 km), else to the rider’s own union ' +
      '(their membership application); with neither, 422 RULE_VIOLATION (the hotline is in `details`).',
  },
);
export type HelpRequestBody = Static<typeof HelpRequestBody>;

export const HelpCreated = Type.Object({
  id: Id,
  status: HelpStatus,
  orgId: Id,
  orgName: Type.String(),
  hotline: Type.String({ description: 'The hotline of the union it went to (its own, an ancestor’s, or HELP_HOTLINE)' }),
});

const Location = Type.Object({ lat: Type.Number(), lng: Type.Number() });

/** The rider's own view of their request. */
export const MyHelpRequest = Type.Object({
  id: Id,
  category: HelpCategory,
  status: HelpStatus,
  text: Nullable(Type.String({ description: 'null once erased by the retention rule' })),
  orgId: Id,
  orgName: Type.String(),
  hotline: Type.String(),
  createdAt: DateTime,
  claimedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  closeNote: Nullable(Type.String({ description: 'What the union answered when closing' })),
});

/** A request as staff lists show it: masked (see the route description). */
export const HelpListItem = Type.Object({
  id: Id,
  category: HelpCategory,
  status: HelpStatus,
  textPreview: Nullable(Type.String({ description: 'At most 40 characters; runs of 5+ digits starred but the last two' })),
  approxLocation: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() }, { description: 'Rounded to about 1 km' })),
  rider: Type.String({ description: 'A masked rider reference (骑手 + last 4 of the id), never the account' }),
  orgId: Id,
  orgName: Type.String(),
  stationName: Nullable(Type.String()),
  claimedByMe: Type.Boolean(),
  createdAt: DateTime,
  claimedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
});

/** One request in full for the staff member handling it (audited read). */
export const HelpDetail = Type.Object({
  ...HelpListItem.properties,
  text: Nullable(Type.String()),
  location: Nullable(Location),
  closeNote: Nullable(Type.String()),
});

export const HelpListQuery = Closed({
  orgId: Type.Optional(Type.String({ format: 'uuid', description: 'Whose subtree; defaults to every org the admin administers' })),
  status: Type.Optional(HelpStatus),
  ...PageQuery,
});
export type HelpListQuery = Static<typeof HelpListQuery>;

export const HelpPage = Type.Object({ items: Type.Array(HelpListItem), nextCursor: Nullable(Type.String()) });
export const MyHelpPage = Type.Object({ items: Type.Array(MyHelpRequest) });

export const CloseBody = Closed({
  note: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'What was done; the rider sees it (stored encrypted)' }),
});

export const HotlineQuery = Closed({ lat: Type.Optional(Lat), lng: Type.Optional(Lng) });
export const Hotline = Type.Object({
  hotline: Type.String(),
  orgId: Nullable(Id),
  orgName: Nullable(Type.String()),
});

export const OrgHotlineBody = Closed({
  hotline: Nullable(
    Type.String({ pattern: '^[0-9][0-9-]{1,18}[0-9]$', description: 'Digits and dashes (12351, 010-12351); null: use the nearest ancestor’s, else HELP_HOTLINE' }),
  ),
});
export const OrgHotline = Type.Object({
  orgId: Id,
  hotline: Nullable(Type.String({ description: 'The org’s own setting' })),
  effective: Type.String({ description: 'What riders routed to this org dial' }),
});
