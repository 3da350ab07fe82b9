import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './_columns';
import { users } from './users';

export const NOTIFICATION_KINDS = [
  'application_approved',
  'application_rejected',
  'report_accepted',
  'report_rejected',
  'redemption_fulfilled',
  'reward_affordable',
  'activity_soon',
  'help_updated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const userRef = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/**
 * The in-app inbox (消息): one row per thing that happened to a rider, whether or not WeChat
 * delivered it. `dedupe_key` makes an event that may be seen twice (an activity starting soon,
 * scanned by every instance) land once per rider.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: userRef(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A mini-program page (`/pages/…?…`) the message opens. */
    link: text('link'),
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    readAt: instant('read_at'),
  },
  (t) => [
    unique('notifications_dedupe_unique').on(t.userId, t.dedupeKey),
    index('notifications_user_newest_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * A WeChat one-time subscription the rider accepted (`requestSubscribeMessage` → "accept"): it
 * allows exactly one message of that template. An event uses the oldest unused one (`used_at`).
 */
export const notificationSubscriptions = pgTable(
  'notification_subscriptions',
  {
    id: id(),
    userId: userRef(),
    templateId: text('template_id').notNull(),
    /** The notification kind the client asked for (several kinds may share one template). */
    templateKind: text('template_kind', { enum: NOTIFICATION_KINDS }).notNull(),
    acceptedAt: createdAt(),
    usedAt: instant('used_at'),
  },
  (t) => [index('notification_subscriptions_unused_idx').on(t.userId, t.templateId, t.acceptedAt).where(sql`${t.usedAt} is null`)],
);

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'refused', 'failed', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox: one WeChat message to send, written in the transaction of its event together with
 * its queue job. Unique per subscription (one message per acceptance) and per notification (one
 * message per event): the idempotency key of a send. `sending` is committed before the call, so a
 * worker that dies mid-call leaves `unknown` behind rather than sending twice.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    notificationId: uuid('notification_id')
      .notNull()
      .unique()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .unique()
      .references(() => notificationSubscriptions.id, { onDelete: 'cascade' }),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** WeChat's errcode of the last answer, or null (network, HTTP status). */
    errcode: integer('errcode'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: instant('sent_at'),
    updatedAt: instant('updated_at'),
  },
  (t) => [index('notification_deliveries_status_idx').on(t.status)],
);

/** A rider's notification settings (defaults when absent). */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Opt-in: tell me when an activity of my union starts soon. */
  activitySoon: boolean('activity_soon').notNull().default(false),
  updatedAt: createdAt(),
});

/**
 * WeChat's `access_token`, shared by every instance (WeChat's "central server": each fetch
 * invalidates the previous token, so instances must not fetch on their own).
 */
export const wechatAccessTokens = pgTable('wechat_access_tokens', {
  appId: text('app_id').primaryKey(),
  token: text('token').notNull(),
  expiresAt: instant('expires_at').notNull(),
  fetchedAt: instant('fetched_at').notNull(),
});
