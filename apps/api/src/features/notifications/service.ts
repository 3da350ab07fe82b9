import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  notificationSettings,
  notificationSubscriptions,
  notifications,
  type Db,
  type DbOrTx,
  type NotificationKind,
  type Tx,
} from '@xfqs/db';
import { keyset as keysetOf } from '../../paging';
import { describe, type NotificationEvent } from './events';
import { enqueueSend } from './queue';

export type { NotificationEvent } from './events';

/**
 * Tells a rider that something happened. Call it INSIDE the transaction of the event (the review,
 * the fulfilment, the help-request update): the inbox row and, when the rider holds an unused
 * WeChat subscription, the send job commit or roll back with the event, and the message is sent
 * later by the worker — never by the request. Returns the new notification's id, or undefined when
 * an event with a dedupe key was already told.
 *
 *     await notify(tx, request.userId, { kind: 'help_updated', helpRequestId, status: '已受理', note });
 */
export async function notify(tx: Tx, userId: string, event: NotificationEvent, now: Date = new Date()): Promise<string | undefined> {
  const content = describe(event);
  // One round trip (events run inside hot transactions): the row, and whether the rider holds an
  // unused WeChat acceptance (no job otherwise: no send without a subscription).
  const [row] = await tx
    .insert(notifications)
    .values({ userId, kind: event.kind, title: content.title, body: content.body, link: content.link, dedupeKey: content.dedupeKey ?? null, createdAt: now })
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning({
      id: notifications.id,
      subscribed: sql<boolean>`exists (select 1 from ${notificationSubscriptions} where ${notificationSubscriptions.userId} = ${userId} and ${notificationSubscriptions.usedAt} is null)`,
    });
  if (!row) return undefined;
  if (row.subscribed) await enqueueSend(tx, { notificationId: row.id });
  return row.id;
}

const toItem = (row: typeof notifications.$inferSelect) => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
  ...(row.link ? { link: row.link } : {}),
});

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row.n;
}

/** The rider's inbox, newest first (keyset paging), with the unread count. */
export async function listNotifications(db: Db, userId: string, query: { limit?: number; cursor?: string }) {
  const limit = query.limit ?? 20;
  const keyset = keysetOf<{ createdAt: Date; id: string }>(
    { key: notifications.createdAt, id: notifications.id, kind: 'timestamp', direction: 'desc' },
    query.cursor,
    (r) => [r.createdAt, r.id],
  );
  const [rows, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), keyset.where))
      .orderBy(...keyset.orderBy)
      .limit(limit + 1),
    unreadCount(db, userId),
  ]);
  const page = keyset.page(rows, limit);
  return { items: page.items.map(toItem), nextCursor: page.nextCursor, unread };
}

/** Marks the rider's own notifications read (others' ids are ignored, never touched); idempotent. */
export async function markRead(db: Db, userId: string, target: { ids?: string[]; all?: boolean }, now: Date) {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const which = target.all ? mine : and(mine, inArray(notifications.id, target.ids ?? []));
  await db.update(notifications).set({ readAt: now }).where(which);
}

/** Records one accepted one-time subscription: it allows exactly one WeChat message of that template. */
export async function recordSubscription(db: Db, userId: string, templateKind: NotificationKind, templateId: string, now: Date) {
  const [row] = await db
    .insert(notificationSubscriptions)
    .values({ userId, templateKind, templateId, acceptedAt: now })
    .returning({ id: notificationSubscriptions.id });
  return row.id;
}

export async function unusedSubscriptions(db: Db, userId: string, templateId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notificationSubscriptions)
    .where(and(eq(notificationSubscriptions.userId, userId), eq(notificationSubscriptions.templateId, templateId), isNull(notificationSubscriptions.usedAt)));
  return row.n;
}

export async function getSettings(db: DbOrTx, userId: string) {
  const [row] = await db.select({ activitySoon: notificationSettings.activitySoon }).from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return { activitySoon: row?.activitySoon ?? false };
}

export async function putSettings(db: Db, userId: string, body: { activitySoon: boolean }, now: Date) {
  await db
    .insert(notificationSettings)
    .values({ userId, activitySoon: body.activitySoon, updatedAt: now })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { activitySoon: body.activitySoon, updatedAt: now } });
  return getSettings(db, userId);
}
