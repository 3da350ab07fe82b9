import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { meetingAttendance, meetings, membershipApplications as apps, orgs, type Db } from '@xfqs/db';
import { eachDay, resolveDayRange, sqlShanghaiDay } from '../../shanghai-days';
import type { Principal } from '../auth/principal';
import type { StatsQuery } from './schemas';
import { inOrgScope, orgScope } from '../orgs/scope';

/**
 * New-member figures per Asia/Shanghai day (23:30 in Beijing counts on that day, not on the UTC
 * day): applications submitted (also per platform), approved and rejected, each counted on the
 * day it happened. Every day of the range is listed, zeros included.
 */
export async function dailyMembershipStats(db: Db, principal: Principal, query: StatsQuery, now: Date) {
  const scope = await orgScope(db, principal, query.orgId);
  const range = resolveDayRange(query, now, { defaultDays: 30, maxDays: 366 });
  const submittedDay = sqlShanghaiDay(apps.submittedAt);
  const reviewedDay = sqlShanghaiDay(apps.reviewedAt);
  const [submitted, reviewed] = await Promise.all([
    db
      .select({ date: submittedDay, platform: apps.platform, n: sql<number>`count(*)::int` })
      .from(apps)
      .where(and(inOrgScope(apps.orgId, scope), gte(apps.submittedAt, range.start), lt(apps.submittedAt, range.end)))
      .groupBy(submittedDay, apps.platform),
    db
      .select({ date: reviewedDay, status: apps.status, n: sql<number>`count(*)::int` })
      .from(apps)
      .where(
        and(
          inOrgScope(apps.orgId, scope),
          inArray(apps.status, ['approved', 'rejected']),
          gte(apps.reviewedAt, range.start),
          lt(apps.reviewedAt, range.end),
        ),
      )
      .groupBy(reviewedDay, apps.status),
  ]);
  const byDay = new Map(
    eachDay(range.from, range.to).map((date) => [date, { date, submitted: 0, approved: 0, rejected: 0, byPlatform: {} as Record<string, number> }]),
  );
  for (const r of submitted) {
    const day = byDay.get(r.date);
    if (!day) continue;
    day.submitted += r.n;
    day.byPlatform[r.platform] = r.n;
  }
  for (const r of reviewed) {
    const day = byDay.get(r.date);
    if (day && (r.status === 'approved' || r.status === 'rejected')) day[r.status] += r.n;
  }
  return { items: [...byDay.values()] };
}

/**
 * Per meeting: riders who attended (opened it signed in, or applied through it), who applied
 * through it, and how many of those are pending or approved. A rider counts once per step.
 */
export async function meetingFunnel(db: Db, principal: Principal, query: StatsQuery, now: Date) {
  const scope = await orgScope(db, principal, query.orgId);
  const range = resolveDayRange(query, now, { defaultDays: 90, maxDays: 366 });
  const count = (table: typeof apps | typeof meetingAttendance, where: ReturnType<typeof sql>) =>
    sql<number>`(select count(distinct ${table.userId})::int from ${table} where ${table.meetingId} = ${meetings.id} and ${where})`;
  const rows = await db
    .select({
      meetingId: meetings.id,
      code: meetings.code,
      title: meetings.title,
      orgId: meetings.orgId,
      orgName: orgs.name,
      startsAt: meetings.startsAt,
      attended: count(meetingAttendance, sql`true`),
      applied: count(apps, sql`true`),
      pending: count(apps, sql`${apps.status} = 'pending'`),
      approved: count(apps, sql`${apps.status} = 'approved'`),
    })
    .from(meetings)
    .innerJoin(orgs, eq(orgs.id, meetings.orgId))
    .where(and(inOrgScope(meetings.orgId, scope), gte(meetings.startsAt, range.start), lt(meetings.startsAt, range.end)))
    .orderBy(desc(meetings.startsAt), desc(meetings.id));
  return { items: rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString() })) };
}
