import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, orgs, rewards, stations } from '../schema';

/** The gifts of the 先锋骑士 handbook; the first stations of 卢沟桥 get them (name, cost in stamps, stock). */
const DEMO_REWARDS = [
  { name: '冰袖', cost: 10, stock: 30 },
  { name: '手套', cost: 10, stock: 30 },
  { name: '雨衣', cost: 12, stock: 20 },
  { name: '保温杯', cost: 15, stock: 15 },
  { name: '充电宝', cost: 20, stock: 10 },
] as const;

const DEMO_ACTIVITY_TITLE = '卢沟桥街道先锋骑士志愿服务';

/**
 * Demo rewards at the first two active stations of 卢沟桥街道总工会 and one open activity there.
 * Stations come from the stations seed: with none, nothing is done. Idempotent: rewards are
 * unique per station and name, the activity is matched by org and title.
 */
export async function seedStamps(tx: Tx, now = new Date()): Promise<void> {
  const [lgq] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'LGQ'));
  if (!lgq) return;
  const first = await tx
    .select({ id: stations.id })
    .from(stations)
    .where(and(eq(stations.orgId, lgq.id), eq(stations.status, 'active')))
    .orderBy(asc(stations.createdAt), asc(stations.id))
    .limit(2);
  if (first.length === 0) return;

  for (const station of first) {
    await tx
      .insert(rewards)
      .values(DEMO_REWARDS.map((r) => ({ ...r, stationId: station.id })))
      .onConflictDoNothing({ target: [rewards.stationId, rewards.name] });
  }

  const [existing] = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.orgId, lgq.id), eq(activities.title, DEMO_ACTIVITY_TITLE)));
  if (!existing) {
    await tx.insert(activities).values({
      orgId: lgq.id,
      title: DEMO_ACTIVITY_TITLE,
      kind: 'volunteer',
      description: '在卢沟桥地区开展交通劝导、文明引导等志愿服务，现场扫码签到可获得 1 枚先锋骑士印章。',
      startsAt: now,
      endsAt: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
      stamps: 1,
      secret: randomBytes(32).toString('base64url'),
    });
  }
}
