import { Type, type Static } from '@sinclair/typebox';
import { NOTIFICATION_KINDS } from '@xfqs/db';
import { Closed, DateTime, Id, Nullable, PageQuery } from '../../schemas';

export const NotificationKind = Type.Union(
  NOTIFICATION_KINDS.map((k) => Type.Literal(k)),
  { description: 'application_approved, application_rejected, report_accepted, report_rejected, redemption_fulfilled, reward_affordable, activity_soon, help_updated' },
);

export const Notification = Type.Object({
  id: Id,
  kind: NotificationKind,
  title: Type.String(),
  body: Type.String(),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
  link: Type.Optional(Type.String({ description: 'Mini-program page the message opens, e.g. /pages/join/card' })),
});

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Nullable(Type.String()),
  unread: Type.Integer({ minimum: 0, description: 'Unread notifications of the rider (all pages)' }),
});

export const NotificationListQuery = Closed(PageQuery);

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) });

export const ReadBody = Closed(
  {
    ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100, description: 'Notifications to mark read (ids of other riders are ignored)' })),
    all: Type.Optional(Type.Literal(true, { description: 'Mark every notification read' })),
  },
  { description: 'Exactly one of `ids` or `all: true`.' },
);
export type ReadBody = Static<typeof ReadBody>;

export const SubscriptionBody = Closed({
  templateKind: NotificationKind,
  accepted: Type.Literal(true, { description: 'Only accepted subscriptions are recorded (requestSubscribeMessage answered "accept")' }),
});
export type SubscriptionBody = Static<typeof SubscriptionBody>;

export const SubscriptionResult = Type.Object({
  id: Id,
  templateId: Type.String(),
  unused: Type.Integer({ minimum: 1, description: 'Accepted, not yet used subscriptions of this template: one WeChat message each' }),
});

export const TemplateList = Type.Object({
  items: Type.Array(Type.Object({ kind: NotificationKind, templateId: Type.String() })),
});

export const NotificationSettings = Closed({
  activitySoon: Type.Boolean({ description: 'Opt-in: a notification when an activity of my union starts within the hour' }),
});
