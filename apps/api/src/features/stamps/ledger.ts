import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { redemptions, rewards, stampLedger, stations, users, type DbOrTx, type StampSource, type Tx } from '@xfqs/db';
import type { StampItem } from './schemas';
import { settingsFor } from './settings';
import { notifyIfRewardAffordable } from '../notifications/affordable';

/**
 * The stamp ledger: append-only earn and spend rows. Balances are sums the database computes; a
 * spend happens only under the rider's lock (`lockRider`) after checking the balance, so the
 * balance can never go below zero.
 */

export interface Balance {
  /** Stamps ever earned. */
  total: number;
  /** total − stamps spent. */
  balance: number;
}

export async function balanceOf(db: DbOrTx, userId: string): Promise<Balance> {
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(${stampLedger.amount}) filter (where ${stampLedger.kind} = 'earn'), 0)::int`,
      spent: sql<number>`coalesce(sum(${stampLedger.amount}) filter (where ${stampLedger.kind} = 'spend'), 0)::int`,
    })
    .from(stampLedger)
    .where(eq(stampLedger.userId, userId));
  return { total: row.total, balance: row.total - row.spent };
}

/**
 * Serialises everything that reads a rider's balance (or daily count) and then writes on it:
 * a row lock on the rider's `users` row until the transaction ends. `FOR NO KEY UPDATE` does not
 * block foreign-key checks of other tables pointing at the user.
 */
export async function lockRider(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`select 1 from ${users} where ${users.id} = ${userId} for no key update`);
}

export interface Earning {
  userId: string;
  orgId: string;
  source: Exclude<StampSource, 'redemption'>;
  sourceId: string;
  amount: number;
  title: string;
  at: Date;
}

const itemColumns = {
  id: stampLedger.id,
  source: stampLedger.source,
  title: stampLedger.title,
  amount: stampLedger.amount,
  at: stampLedger.at,
};

type ItemRow = { id: string; source: StampSource; title: string; amount: number; at: Date };

export const stampItem = (row: ItemRow): StampItem => ({
  id: row.id,
  source: row.source as StampItem['source'],
  title: row.title,
  amount: row.amount,
  awardedAt: row.at.toISOString(),
});

/**
 * Credits a stamp for one source, exactly once: the unique key (source, source id, rider) turns a
 * repeat or a concurrent twin into a no-op. Returns the new row, or undefined when it already existed.
 */
export async function earn(db: Tx, e: Earning): Promise<StampItem | undefined> {
  const [row] = await db
    .insert(stampLedger)
    .values({ ...e, kind: 'earn' })
    .onConflictDoNothing({ target: [stampLedger.source, stampLedger.sourceId, stampLedger.userId] })
    .returning(itemColumns);
  if (row) await notifyIfRewardAffordable(db, e.userId, e.amount, e.at);
  return row && stampItem(row);
}

/** The earn row a source already paid a rider. */
export async function earnedFor(db: DbOrTx, userId: string, source: StampSource, sourceId: string): Promise<StampItem | undefined> {
  const [row] = await db
    .select(itemColumns)
    .from(stampLedger)
    .where(and(eq(stampLedger.userId, userId), eq(stampLedger.source, source), eq(stampLedger.sourceId, sourceId)));
  return row && stampItem(row);
}

/** Stamps of one source a rider earned in `[start, end)`. */
export async function earnedBetween(db: DbOrTx, userId: string, source: StampSource, start: Date, end: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${stampLedger.amount}), 0)::int` })
    .from(stampLedger)
    .where(and(eq(stampLedger.userId, userId), eq(stampLedger.kind, 'earn'), eq(stampLedger.source, source), gte(stampLedger.at, start), lt(stampLedger.at, end)));
  return row.n;
}

/** The rider's card goal: the setting of the org of their latest stamp, else the default. */
async function goalOf(db: DbOrTx, userId: string): Promise<number> {
  const [latest] = await db
    .select({ orgId: stampLedger.orgId })
    .from(stampLedger)
    .where(and(eq(stampLedger.userId, userId), eq(stampLedger.kind, 'earn')))
    .orderBy(desc(stampLedger.at), desc(stampLedger.id))
    .limit(1);
  return (await settingsFor(db, latest?.orgId)).goal;
}

export async function stampSummary(db: DbOrTx, userId: string) {
  const [balance, goal] = await Promise.all([balanceOf(db, userId), goalOf(db, userId)]);
  return { ...balance, goal };
}

/** `GET /stamps/me`: balance, goal, the action record and the fulfilled redemptions. */
export async function stampsOfRider(db: DbOrTx, userId: string) {
  const [summary, items, fulfilled] = await Promise.all([
    stampSummary(db, userId),
    db
      .select(itemColumns)
      .from(stampLedger)
      .where(and(eq(stampLedger.userId, userId), eq(stampLedger.kind, 'earn')))
      .orderBy(desc(stampLedger.at), desc(stampLedger.id)),
    db
      .select({ id: redemptions.id, rewardName: rewards.name, stationName: stations.name, cost: redemptions.cost, fulfilledAt: redemptions.fulfilledAt })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(stations, eq(stations.id, redemptions.stationId))
      .where(and(eq(redemptions.userId, userId), eq(redemptions.status, 'fulfilled')))
      .orderBy(desc(redemptions.fulfilledAt), desc(redemptions.id)),
  ]);
  return {
    ...summary,
    items: items.map(stampItem),
    redemptions: fulfilled.map((r) => ({ ...r, fulfilledAt: (r.fulfilledAt as Date).toISOString() })),
  };
}
