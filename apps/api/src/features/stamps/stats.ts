import { and, asc, count, eq, gte, lt, sql } from 'drizzle-orm';
import { redemptions, rewards, stampLedger, stations, type Db } from '@xfqs/db';
import type { Principal } from '../auth/principal';
import { eachDay, resolveDayRange, sqlShanghaiDay } from '../../shanghai-days';
import { inOrgScope, orgScope } from '../orgs/scope';

/** Stamps issued and redemptions fulfilled per Asia/Shanghai day, for an org and the orgs below it. */
export async function dailyStampStats(db: Db, principal: Principal, query: { orgId?: string; from?: string; to?: string }, now: Date) {
  const scope = await orgScope(db, principal, query.orgId);
  const range = resolveDayRange(query, now, { defaultDays: 30, maxDays: 366 });
  const earned = (source?: string) =>
    sql<number>`coalesce(sum(${stampLedger.amount}) filter (where ${stampLedger.kind} = 'earn'${source ? sql` and ${stampLedger.source} = ${source}` : sql``}), 0)::int`;
  const day = sqlShanghaiDay(stampLedger.at);
  const rows = await db
    .select({
      date: day,
      stampsIssued: earned(),
      activityStamps: earned('activity'),
      reportStamps: earned('report'),
      redemptions: sql<number>`(count(*) filter (where ${stampLedger.kind} = 'spend'))::int`,
      stampsRedeemed: sql<number>`coalesce(sum(${stampLedger.amount}) filter (where ${stampLedger.kind} = 'spend'), 0)::int`,
    })
    .from(stampLedger)
    .where(and(inOrgScope(stampLedger.orgId, scope), gte(stampLedger.at, range.start), lt(stampLedger.at, range.end)))
    .groupBy(day);
  const byDay = new Map(rows.map((r) => [r.date, r]));
  const zero = { stampsIssued: 0, activityStamps: 0, reportStamps: 0, redemptions: 0, stampsRedeemed: 0 };
  return {
    from: range.from,
    to: range.to,
    items: eachDay(range.from, range.to).map((date) => ({ ...zero, ...byDay.get(date), date })),
  };
}

/** Reward stock per station (stations with rewards, in the admin's scope), with fulfilled counts. */
export async function stockStats(db: Db, principal: Principal, query: { orgId?: string }) {
  const scope = await orgScope(db, principal, query.orgId);
  const rows = await db
    .select({
      stationId: stations.id,
      stationName: stations.name,
      orgId: stations.orgId,
      id: rewards.id,
      name: rewards.name,
      cost: rewards.cost,
      stock: rewards.stock,
      fulfilled: sql<number>`${count(redemptions.id)}::int`,
    })
    .from(rewards)
    .innerJoin(stations, eq(stations.id, rewards.stationId))
    .leftJoin(redemptions, and(eq(redemptions.rewardId, rewards.id), eq(redemptions.status, 'fulfilled')))
    .where(inOrgScope(stations.orgId, scope))
    .groupBy(stations.id, rewards.id)
    .orderBy(asc(stations.name), asc(stations.id), asc(rewards.cost), asc(rewards.name));
  const items = new Map<string, { stationId: string; stationName: string; orgId: string; totalStock: number; rewards: Array<{ id: string; name: string; cost: number; stock: number; fulfilled: number }> }>();
  for (const { stationId, stationName, orgId, ...reward } of rows) {
    const station = items.get(stationId) ?? { stationId, stationName, orgId, totalStock: 0, rewards: [] };
    station.totalStock += reward.stock;
    station.rewards.push(reward);
    items.set(stationId, station);
  }
  return { items: [...items.values()] };
}
