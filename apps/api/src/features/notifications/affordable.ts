import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@xfqs/db';
import { balanceOf, lockRider } from '../stamps/ledger';
import { notify } from './service';

/**
 * The rule "a balance that went from `before` to `after` just reached a gift": the dearest gift in
 * stock at an active station whose cost lies in (before, after]. The one text of it, used here and
 * inside the check-in's single statement (stamps/activities.ts); a range on
 * `rewards_in_stock_cost_idx`, so it costs the same with 40 gifts or 40,000.
 */
export function giftReachedSql(before: SQL, after: SQL): SQL {
  return sql`select r.id, r.name, r.cost from rewards r
    where r.stock > 0 and r.cost > ${before} and r.cost <= ${after}
      and exists (select 1 from stations s where s.id = r.station_id and s.status = 'active')
    order by r.cost desc, r.name limit 1`;
}

/**
 * After a rider earned `gained` stamps (inside that transaction): when the balance crossed the
 * cost of a gift in stock at an active station, tell them about the dearest gift they can now
 * afford. Under the rider's lock, so two earnings at once see each other's rows.
 */
export async function notifyIfRewardAffordable(tx: Tx, userId: string, gained: number, now: Date): Promise<void> {
  await lockRider(tx, userId);
  const { balance } = await balanceOf(tx, userId);
  const before = balance - gained;
  const [reward] = rowsOf<{ id: string; name: string; cost: number }>(await tx.execute(giftReachedSql(sql`${before}`, sql`${balance}`)));
  if (reward) await notify(tx, userId, { kind: 'reward_affordable', rewardId: reward.id, rewardName: reward.name, cost: reward.cost, balance }, now);
}
