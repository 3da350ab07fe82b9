import { checkInvariants, membershipApplications, redemptions, rewards, stampLedger } from '@xfqs/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CallResult, TestUser } from '../harness';
import { validApplication } from '../membership/helpers';
import { createActivity, createStampsApp, createStation, currentToken, loginStaff } from './helpers';

/**
 * The lunchtime storms of `pnpm bench storms` (issue 10), reduced: 200 riders sign in and check in
 * to one activity at once (each once and once more), 50 of them race for 20 items of stock while 5
 * staff fulfil every code twice, 100 apply for membership while admins approve one by one and in
 * bulk over an overlapping range. Asserts no errors and the store's invariants afterwards — not
 * speed (that is the benchmark's job). MAX_IN_FLIGHT is off so nothing is shed.
 */

const RIDERS = 200;
const IN_FLIGHT = 50;

/** Runs the calls with at most `inFlight` at once; resolves with every result, in order. */
async function storm<T>(calls: Array<() => Promise<T>>, inFlight = IN_FLIGHT): Promise<T[]> {
  const results: T[] = new Array(calls.length);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const i = next++;
      results[i] = await calls[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, calls.length) }, worker));
  return results;
}

const statusCounts = (results: CallResult[]) =>
  results.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});

describe('a reduced lunchtime storm', () => {
  it('keeps one stamp per rider, stock and ledger consistent and member numbers gap-free, with no errors', async () => {
    const t = await createStampsApp({ MAX_IN_FLIGHT: '0' });
    try {
      const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });

      // 200 sign-ins at once.
      const signIns = await storm(Array.from({ length: RIDERS }, (_, i) => () => t.call('POST', '/auth/dev', { body: { openid: `storm-${process.pid}-${i}` } })));
      expect(statusCounts(signIns)).toEqual({ 200: RIDERS });
      const riders: TestUser[] = signIns.map((r, i) => ({
        userId: r.body.user.id,
        openid: `storm-${process.pid}-${i}`,
        token: r.body.accessToken,
        refreshToken: r.body.refreshToken,
        headers: { authorization: `Bearer ${r.body.accessToken}` },
      }));
      expect(new Set(riders.map((r) => r.userId)).size).toBe(RIDERS);

      // Every rider checks in, then everyone retries; the two waves overlap.
      const activity = await createActivity(t, admin, { stamps: 5, title: '午间志愿服务' });
      const token = await currentToken(t, admin, activity.id);
      const checkIn = (rider: TestUser) => () => t.call('POST', `/activities/${activity.id}/checkins`, { as: rider, body: { token } });
      const checkIns = await storm([...riders.map(checkIn), ...riders.map(checkIn)]);
      expect(statusCounts(checkIns)).toEqual({ 200: RIDERS, 201: RIDERS });
      for (const r of checkIns) expect(r.body).toMatchObject({ balance: 5, stamp: { amount: 5, source: 'activity' } });
      const [stamps] = await t.db
        .select({ rows: sql<number>`count(*)::int`, riders: sql<number>`count(distinct ${stampLedger.userId})::int` })
        .from(stampLedger)
        .where(and(eq(stampLedger.source, 'activity'), eq(stampLedger.sourceId, activity.id)));
      expect(stamps).toEqual({ rows: RIDERS, riders: RIDERS });

      // 50 riders race for 20 items; 5 staff fulfil every code twice, at once.
      const station = await createStation(t, { name: '风暴驿站' });
      const staff = await Promise.all(Array.from({ length: 5 }, () => loginStaff(t, station.id)));
      const reward = await t.call('POST', '/rewards', { as: admin, body: { stationId: station.id, name: '午餐券', cost: 3, stock: 20 } });
      expect(reward.status).toBe(201);
      const redeemers = riders.slice(0, 50);
      const made = await storm(redeemers.map((rider) => () => t.call('POST', '/redemptions', { as: rider, body: { stationId: station.id, rewardId: reward.body.id } })));
      expect(statusCounts(made)).toEqual({ 201: 50 });
      const fulfilments = await storm(
        made.flatMap((r, i) => [0, 1].map((k) => () => t.call('POST', '/redemptions/fulfill', { as: staff[(i + k) % 5], body: { code: r.body.code } }))),
      );
      const fulfilled = fulfilments.filter((r) => r.status === 200);
      expect(fulfilled).toHaveLength(20);
      for (const r of fulfilments.filter((f) => f.status !== 200)) expect([409]).toContain(r.status);
      expect(new Set(fulfilled.map((r) => r.body.redemption.id)).size).toBe(20);
      for (const r of fulfilled) expect(r.body.balanceAfter).toBe(2);

      // 100 applications at once; then admins approve one by one and in bulk, overlapping.
      const applicants = riders.slice(100);
      const applications = await storm(applicants.map((rider) => () => t.call('POST', '/membership/applications', { as: rider, body: validApplication({ orgId: t.orgIds.LGQ }) })));
      expect(statusCounts(applications)).toEqual({ 201: 100 });
      const ids = applications.map((r) => r.body.id as string);
      const admin2 = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
      const single = ids.slice(0, 60).map((id, i) => () => t.call('POST', `/membership/applications/${id}/approve`, { as: i % 2 ? admin : admin2 }));
      const bulk = [ids.slice(40, 100)].map((batch) => () => t.call('POST', '/membership/applications/approve', { as: admin2, body: { ids: batch } }));
      const approvals = await storm([...bulk, ...single]);
      for (const r of approvals) expect([200, 409]).toContain(r.status);
      const [approved] = await t.db
        .select({ n: sql<number>`count(*)::int`, numbers: sql<number>`count(distinct ${membershipApplications.memberNo})::int` })
        .from(membershipApplications)
        .where(and(inArray(membershipApplications.id, ids), eq(membershipApplications.status, 'approved')));
      expect(approved).toEqual({ n: 100, numbers: 100 });

      const invariants = await checkInvariants(t.db, { initialStock: { [reward.body.id]: 20 } });
      expect(invariants).toEqual({
        duplicateStamps: 0,
        negativeBalances: 0,
        spendMismatches: 0,
        negativeStock: 0,
        stockMismatches: 0,
        memberNumberGaps: 0,
        ok: true,
      });
    } finally {
      await t.close();
    }
  });

  it('the invariant checks find what they look for', async () => {
    const t = await createStampsApp();
    try {
      const rider = await t.loginAs();
      const station = await createStation(t);
      const [reward] = await t.db.insert(rewards).values({ stationId: station.id, name: '奖品', cost: 1, stock: 3 }).returning({ id: rewards.id });
      // A spend row with no fulfilled redemption, a negative balance, stock that disagrees with its fulfilments.
      const redemption = await t.db
        .insert(redemptions)
        .values({ userId: rider.userId, rewardId: reward.id, stationId: station.id, code: 'ABCDEFGH', cost: 1, expiresAt: new Date() })
        .returning({ id: redemptions.id });
      await t.db.insert(stampLedger).values({
        userId: rider.userId,
        orgId: station.orgId,
        kind: 'spend',
        source: 'redemption',
        sourceId: redemption[0].id,
        redemptionId: redemption[0].id,
        amount: 1,
        title: '奖品',
        at: new Date(),
      });
      // A member-number counter that handed out numbers no application holds.
      await t.db.execute(sql`insert into member_number_counters (org_id, year, last_value) values (${station.orgId}, 2026, 5)`);
      const report = await checkInvariants(t.db, { initialStock: { [reward.id]: 5 } });
      expect(report).toMatchObject({ spendMismatches: 1, negativeBalances: 1, stockMismatches: 1, memberNumberGaps: 1, duplicateStamps: 0, ok: false });
    } finally {
      await t.close();
    }
  });
});
