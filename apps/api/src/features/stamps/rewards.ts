import { and, eq } from 'drizzle-orm';
import { rewards, stations, type Db, type DbOrTx } from '@xfqs/db';
import { audit } from '../../audit';
import { conflict, fieldError, notFound } from '../../errors';
import { keyset as keysetOf } from '../../paging';
import type { Principal } from '../auth/principal';
import { balanceOf } from './ledger';
import type { CreateRewardBody, PatchRewardBody, Reward } from './schemas';

const rewardColumns = {
  id: rewards.id,
  name: rewards.name,
  cost: rewards.cost,
  stock: rewards.stock,
  stationId: rewards.stationId,
  stationName: stations.name,
};

async function stationById(db: DbOrTx, id: string) {
  const [station] = await db.select({ id: stations.id, orgId: stations.orgId, name: stations.name, status: stations.status }).from(stations).where(eq(stations.id, id));
  return station;
}

async function rewardById(db: DbOrTx, id: string): Promise<Reward | undefined> {
  const [row] = await db.select(rewardColumns).from(rewards).innerJoin(stations, eq(stations.id, rewards.stationId)).where(eq(rewards.id, id));
  return row;
}

/** Postgres unique_violation, whichever driver raised it (drizzle wraps the driver's error). */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

const duplicateName = () => conflict('该驿站已有同名奖品');

export async function createReward(db: Db, principal: Principal, body: CreateRewardBody): Promise<Reward> {
  const station = await stationById(db, body.stationId);
  if (!station) throw fieldError('stationId', '驿站不存在');
  await principal.assertOrgAdmin(station.orgId);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(rewards)
      .values({ stationId: station.id, name: body.name.trim(), cost: body.cost, stock: body.stock })
      .onConflictDoNothing({ target: [rewards.stationId, rewards.name] })
      .returning({ id: rewards.id });
    if (!created) throw duplicateName();
    await audit(tx, { actorId: principal.userId, action: 'reward.create', targetType: 'reward', targetId: created.id, details: { ...body } });
    return (await rewardById(tx, created.id)) as Reward;
  });
}

export async function patchReward(db: Db, principal: Principal, id: string, body: PatchRewardBody, now: Date): Promise<Reward> {
  const reward = await rewardById(db, id);
  if (!reward) throw notFound('奖品');
  const station = await stationById(db, reward.stationId);
  await principal.assertOrgAdmin(station.orgId);
  try {
    return await db.transaction(async (tx) => {
      await tx
        .update(rewards)
        .set({ ...body, ...(body.name ? { name: body.name.trim() } : {}), updatedAt: now })
        .where(eq(rewards.id, id));
      await audit(tx, { actorId: principal.userId, action: 'reward.update', targetType: 'reward', targetId: id, details: { ...body } });
      return (await rewardById(tx, id)) as Reward;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  }
}

/** Rewards at active stations, cheapest first; with a signed-in rider, what their balance affords. */
export async function listRewards(db: Db, query: { stationId?: string; limit?: number; cursor?: string }, userId: string | undefined) {
  const limit = query.limit ?? 20;
  const keyset = keysetOf<{ cost: number; id: string }>({ key: rewards.cost, id: rewards.id, kind: 'integer', direction: 'asc' }, query.cursor, (r) => [r.cost, r.id]);
  const rows = await db
    .select(rewardColumns)
    .from(rewards)
    .innerJoin(stations, eq(stations.id, rewards.stationId))
    .where(and(eq(stations.status, 'active'), query.stationId ? eq(rewards.stationId, query.stationId) : undefined, keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = keyset.page(rows, limit);
  if (!userId) return page;
  const { balance } = await balanceOf(db, userId);
  return { ...page, items: page.items.map((r) => ({ ...r, affordable: balance >= r.cost })), balance };
}
