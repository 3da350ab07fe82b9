import { randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { redemptions, rewards, stampLedger, stations, type Db } from '@xfqs/db';
import { REDEMPTION_CODE_BYTES, normaliseRedemptionCode, redemptionCodeFromBytes } from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError, fieldError, forbidden, notFound } from '../../errors';
import { assertManagesStation, canManageStation } from '../orgs/scope';
import type { Principal } from '../auth/principal';
import { balanceOf, lockRider } from './ledger';
import type { CreateRedemptionBody } from './schemas';
import { notify } from '../notifications/service';

/** How long a redemption code can be scanned. */
export const REDEMPTION_TTL_MS = 10 * 60 * 1000;

const insufficient = (balance: number, cost: number) =>
  new ApiError('INSUFFICIENT_STAMPS', `积分不足：需要 ${cost} 个，当前 ${balance} 个`, { balance, cost });
const outOfStock = () => new ApiError('OUT_OF_STOCK', '该奖品已兑完');

const redemptionColumns = {
  id: redemptions.id,
  code: redemptions.code,
  expiresAt: redemptions.expiresAt,
  status: redemptions.status,
  rewardId: redemptions.rewardId,
  rewardName: rewards.name,
  stationId: redemptions.stationId,
  stationName: stations.name,
  stationOrgId: stations.orgId,
  userId: redemptions.userId,
  cost: redemptions.cost,
  fulfilledAt: redemptions.fulfilledAt,
};

async function loadRedemption(db: Db, where: ReturnType<typeof eq>) {
  const [row] = await db
    .select(redemptionColumns)
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .innerJoin(stations, eq(stations.id, redemptions.stationId))
    .where(where);
  return row;
}

type RedemptionRow = NonNullable<Awaited<ReturnType<typeof loadRedemption>>>;

function toRedemption(row: RedemptionRow, now: Date) {
  const { stationOrgId: _org, userId: _user, ...rest } = row;
  return {
    ...rest,
    status: row.status === 'pending' && row.expiresAt <= now ? ('expired' as const) : row.status,
    expiresAt: row.expiresAt.toISOString(),
    fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
  };
}

/**
 * A rider asks to exchange stamps for a reward at a station. Balance and stock are checked now
 * (422 / 409) but nothing is taken: that happens once, at fulfilment. The code is valid 10 minutes.
 */
export async function createRedemption(db: Db, userId: string, body: CreateRedemptionBody, now: Date) {
  const [reward] = await db
    .select({ id: rewards.id, stationId: rewards.stationId, cost: rewards.cost, stock: rewards.stock, stationStatus: stations.status })
    .from(rewards)
    .innerJoin(stations, eq(stations.id, rewards.stationId))
    .where(eq(rewards.id, body.rewardId));
  if (!reward) throw notFound('奖品');
  if (reward.stationId !== body.stationId) throw fieldError('rewardId', '该驿站没有这个奖品');
  if (reward.stationStatus !== 'active') throw new ApiError('RULE_VIOLATION', '该驿站已暂停服务，请到其他驿站兑换');
  const { balance } = await balanceOf(db, userId);
  if (balance < reward.cost) throw insufficient(balance, reward.cost);
  if (reward.stock < 1) throw outOfStock();
  const expiresAt = new Date(now.getTime() + REDEMPTION_TTL_MS);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [created] = await db
      .insert(redemptions)
      .values({
        userId,
        rewardId: reward.id,
        stationId: reward.stationId,
        code: redemptionCodeFromBytes(randomBytes(REDEMPTION_CODE_BYTES)),
        cost: reward.cost,
        createdAt: now,
        expiresAt,
      })
      .onConflictDoNothing({ target: redemptions.code })
      .returning({ id: redemptions.id });
    if (created) return toRedemption(await loadRedemption(db, eq(redemptions.id, created.id)), now);
  }
  throw new Error('could not draw an unused redemption code');
}

/** The rider who made it, or whoever may fulfil it, can look a redemption up (e.g. to see it fulfilled). */
export async function getRedemption(db: Db, principal: Principal, id: string, now: Date) {
  const row = await loadRedemption(db, eq(redemptions.id, id));
  if (!row) throw notFound('兑换');
  if (row.userId !== principal.userId && !(await canManageStation(principal, { id: row.stationId, orgId: row.stationOrgId }))) throw notFound('兑换');
  return toRedemption(row, now);
}

/** Whoever holds the code (the rider shows it) may learn it is for another station: a 403, not a 404. */
const assertMayFulfil = (principal: Principal, row: { stationId: string; stationOrgId: string }) =>
  assertManagesStation(principal, { id: row.stationId, orgId: row.stationOrgId }, '只有该驿站的工作人员可以核销');

/**
 * Fulfils a code in one transaction, exactly once: lock the redemption row (a second scan of the
 * same code waits, then sees it fulfilled → 409), lock the rider (two codes of one rider are spent
 * one after the other, each checking the balance → 422), take one item with a conditional
 * decrement (the last item goes to one rider → 409 for the other), write the spend row (unique per
 * redemption) and flip the status conditionally. Any failure rolls every step back.
 */
export async function fulfilRedemption(db: Db, principal: Principal, typed: string, now: Date) {
  const code = normaliseRedemptionCode(typed);
  const found = code ? await loadRedemption(db, eq(redemptions.code, code)) : undefined;
  if (!found) throw new ApiError('INVALID_CODE', '兑换码无效');
  await assertMayFulfil(principal, found);

  const balanceAfter = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: redemptions.status, expiresAt: redemptions.expiresAt })
      .from(redemptions)
      .where(eq(redemptions.id, found.id))
      .for('update');
    if (current.status === 'fulfilled') throw new ApiError('ALREADY_FULFILLED', '该兑换码已核销');
    if (current.expiresAt <= now) throw new ApiError('CODE_EXPIRED', '兑换码已过期，请骑手重新生成');

    await lockRider(tx, found.userId);
    const { balance } = await balanceOf(tx, found.userId);
    if (balance < found.cost) throw insufficient(balance, found.cost);

    const [taken] = await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} - 1`, updatedAt: now })
      .where(and(eq(rewards.id, found.rewardId), gt(rewards.stock, 0)))
      .returning({ stock: rewards.stock });
    if (!taken) throw outOfStock();

    await tx.insert(stampLedger).values({
      userId: found.userId,
      orgId: found.stationOrgId,
      kind: 'spend',
      source: 'redemption',
      sourceId: found.id,
      redemptionId: found.id,
      amount: found.cost,
      title: `兑换·${found.rewardName}`,
      at: now,
    });
    const [flipped] = await tx
      .update(redemptions)
      .set({ status: 'fulfilled', fulfilledAt: now, fulfilledBy: principal.userId })
      .where(and(eq(redemptions.id, found.id), eq(redemptions.status, 'pending')))
      .returning({ id: redemptions.id });
    if (!flipped) throw new ApiError('ALREADY_FULFILLED', '该兑换码已核销');
    await audit(tx, {
      actorId: principal.userId,
      action: 'redemption.fulfill',
      targetType: 'redemption',
      targetId: found.id,
      details: { stationId: found.stationId, rewardId: found.rewardId, cost: found.cost, stockAfter: taken.stock },
    });
    await notify(tx, found.userId, { kind: 'redemption_fulfilled', redemptionId: found.id, rewardName: found.rewardName, stationName: found.stationName }, now);
    return balance - found.cost;
  });

  return {
    redemption: { id: found.id, status: 'fulfilled' as const, rewardId: found.rewardId, rewardName: found.rewardName, cost: found.cost, fulfilledAt: now.toISOString() },
    balanceAfter,
  };
}
