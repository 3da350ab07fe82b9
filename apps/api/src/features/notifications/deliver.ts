import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { notificationDeliveries as deliveries, notificationSubscriptions as subs, notifications, users, type Db, type DeliveryStatus } from '@xfqs/db';
import { subscribeMessageData } from '@xfqs/domain';
import { KIND_STATUS } from './events';
import type { WechatTemplates } from './templates';
import {
  AccessTokens,
  BUSY_ERRCODES,
  TOKEN_ERRCODES,
  WechatApiError,
  WechatTransportError,
  sendSubscribeMessage,
  type SubscribeMessage,
  type WechatApiConfig,
} from './wechat-api';

export interface DeliveryDeps {
  db: Db;
  wechat: WechatApiConfig;
  templates: WechatTemplates;
  tokens: AccessTokens;
  miniprogramState: SubscribeMessage['miniprogram_state'];
  now: () => Date;
}

/** Thrown to make the queue retry the job later (with backoff). */
export class RetryLater extends Error {}

export type DeliveryOutcome = 'sent' | 'no_template' | 'no_subscription' | 'already_done' | 'refused' | 'failed' | 'unknown';

/**
 * Sends the WeChat message of one notification, at most once:
 * 1. in a transaction, take the delivery row of the notification (locked), or create it by
 *    claiming the rider's oldest unused subscription to this kind's template that was accepted
 *    before the event (unique per subscription and per notification: the idempotency key), and
 *    commit it as `sending`;
 * 2. call WeChat outside the transaction;
 * 3. record the answer: `sent`; `refused`/`failed` for answers a retry cannot fix (43101 no quota
 *    or refused, 40003 bad openid, 47003 bad data …) — recorded, never retried; back to `pending`
 *    and RetryLater for a 5xx, a refused connection, a busy or stale-token errcode.
 * A delivery found still `sending` means a worker died mid-call: it becomes `unknown`, not resent.
 */
export async function deliver(deps: DeliveryDeps, notificationId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
  const claim = await claimDelivery(deps, notificationId);
  if (typeof claim === 'string') return claim;
  const { deliveryId, message } = claim;

  let token: string | undefined;
  try {
    token = await deps.tokens.get();
    await sendSubscribeMessage(deps.wechat, token, message);
  } catch (err) {
    return settleFailure(deps, deliveryId, err, token, lastAttempt);
  }
  await finish(deps.db, deliveryId, 'sent', { sentAt: deps.now(), errcode: 0, lastError: null });
  return 'sent';
}

type Claim = { deliveryId: string; message: SubscribeMessage };

async function claimDelivery(deps: DeliveryDeps, notificationId: string): Promise<Claim | DeliveryOutcome> {
  return deps.db.transaction(async (tx) => {
    const [n] = await tx
      .select({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt, openid: users.openid })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(notifications.id, notificationId));
    if (!n) return 'already_done';
    const template = deps.templates[n.kind];
    if (!template) return 'no_template';

    const [existing] = await tx.select().from(deliveries).where(eq(deliveries.notificationId, n.id)).for('update');
    let deliveryId: string;
    if (existing) {
      if (existing.status === 'sending') {
        await tx.update(deliveries).set({ status: 'unknown', lastError: 'worker stopped during the call; not resent', updatedAt: deps.now() }).where(eq(deliveries.id, existing.id));
        return 'unknown';
      }
      if (existing.status !== 'pending') return 'already_done';
      deliveryId = existing.id;
    } else {
      const [sub] = await tx
        .select({ id: subs.id })
        .from(subs)
        .where(and(eq(subs.userId, n.userId), eq(subs.templateId, template.id), isNull(subs.usedAt), lte(subs.acceptedAt, n.createdAt)))
        .orderBy(asc(subs.acceptedAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!sub) return 'no_subscription';
      await tx.update(subs).set({ usedAt: deps.now() }).where(eq(subs.id, sub.id));
      const [created] = await tx.insert(deliveries).values({ notificationId: n.id, subscriptionId: sub.id }).returning({ id: deliveries.id });
      deliveryId = created.id;
    }
    await tx
      .update(deliveries)
      .set({ status: 'sending', attempts: sql`${deliveries.attempts} + 1`, updatedAt: deps.now() })
      .where(eq(deliveries.id, deliveryId));
    return {
      deliveryId,
      message: {
        touser: n.openid,
        template_id: template.id,
        page: n.link?.replace(/^\//, '') ?? undefined,
        data: subscribeMessageData(template.fields, { title: n.title, body: n.body, status: KIND_STATUS[n.kind], time: n.createdAt }),
        miniprogram_state: deps.miniprogramState,
        lang: 'zh_CN',
      },
    };
  });
}

async function settleFailure(deps: DeliveryDeps, deliveryId: string, err: unknown, token: string | undefined, lastAttempt: boolean): Promise<DeliveryOutcome> {
  if (err instanceof WechatApiError) {
    if (TOKEN_ERRCODES.has(err.errcode) && token) await deps.tokens.invalidate(token);
    if (TOKEN_ERRCODES.has(err.errcode) || BUSY_ERRCODES.has(err.errcode)) return retry(deps, deliveryId, err.errcode, err.message, lastAttempt);
    // 43101 (no quota: not subscribed or already used, or the user refused), 40003, 47003, 40037 …
    const status: DeliveryStatus = err.errcode === 43101 ? 'refused' : 'failed';
    await finish(deps.db, deliveryId, status, { errcode: err.errcode, lastError: err.message });
    return status;
  }
  if (err instanceof WechatTransportError && err.maybeDelivered) {
    await finish(deps.db, deliveryId, 'unknown', { lastError: err.message });
    return 'unknown';
  }
  return retry(deps, deliveryId, null, (err as Error).message, lastAttempt);
}

async function retry(deps: DeliveryDeps, deliveryId: string, errcode: number | null, message: string, lastAttempt: boolean): Promise<never | DeliveryOutcome> {
  if (lastAttempt) {
    await finish(deps.db, deliveryId, 'failed', { errcode, lastError: `${message} (gave up)` });
    return 'failed';
  }
  await finish(deps.db, deliveryId, 'pending', { errcode, lastError: message });
  throw new RetryLater(message);
}

async function finish(db: Db, deliveryId: string, status: DeliveryStatus, fields: { sentAt?: Date; errcode?: number | null; lastError?: string | null }) {
  await db.update(deliveries).set({ status, ...fields, updatedAt: new Date() }).where(eq(deliveries.id, deliveryId));
}
