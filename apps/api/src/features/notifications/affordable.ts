import { and, desc, eq, gt, lte } from 'drizzle-orm';
import { rewards, stations, type Tx } from '@xfqs/db';
import { balanceOf, lockRider } from '../stamps/ledger';
import { notify } from './service';

/**
 * After a rider earned `gained` stamps (inside that transaction): when the balance crossed the
 * cost of a gift in stock at an active station, tell them about the dearest gift they can now
 * afford. Under the rider's lock, so two earnings at once see each other's rows.
 */
export async function notifyIfRewardAffordable(tx: Tx, userId: string, gained: number, now: Date): Promise<void> {
  await lockRider(tx, userId);
  const { balance } = await balanceOf(tx, userId);
  const before = balance - gained;
  const [reward] = await tx
    .select({ id: rewards.id, name: rewards.name, cost: rewards.cost })
    .from(rewards)
    .innerJoin(stations, eq(stations.id, rewards.stationId))
    .where(and(eq(stations.status, 'active'), gt(rewards.stock, 0), gt(rewards.cost, before), lte(rewards.cost, balance)))
    .orderBy(desc(rewards.cost), rewards.name)
    .limit(1);
  if (reward) await notify(tx, userId, { kind: 'reward_affordable', rewardId: reward.id, rewardName: reward.name, cost: reward.cost, balance }, now);
}
