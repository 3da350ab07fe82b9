import { and, eq } from 'drizzle-orm';
import { stampLedger } from '@xfqs/db';
import { expectError, type TestApp, type TestUser } from '../harness';
import { balanceOf, checkIn, createActivity, createStampsApp, currentToken, HOUR } from './helpers';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createStampsApp();
  admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const MINUTE = 60_000;
const NOW = new Date('2026-11-25T04:00:00.000Z');
const minus = (ms: number) => new Date(NOW.getTime() - ms);

/** The token the organiser's screen showed at `when` (the scan), read back at NOW (the send). */
async function tokenShownAt(activityId: string, when: Date): Promise<string> {
  t.clock.set(when);
  const token = await currentToken(t, admin, activityId);
  t.clock.set(NOW);
  return token;
}

describe('queued (offline) activity check-ins: scannedAt', () => {
  it('a token scanned 20 minutes ago counts with its scan time, once; the same token sent as live is expired', async () => {
    t.clock.set(NOW);
    const activity = await createActivity(t, admin, { startsAt: minus(2 * HOUR).toISOString(), endsAt: NOW.toISOString(), stamps: 2 });
    const scannedAt = minus(20 * MINUTE);
    const token = await tokenShownAt(activity.id, scannedAt);
    const rider = await t.loginAs('rider');

    expectError(await checkIn(t, rider, activity.id, { token }), 410, 'CODE_EXPIRED');
    const res = await checkIn(t, rider, activity.id, { token, scannedAt: scannedAt.toISOString() });
    expect(res.status).toBe(201);
    expect(res.body.balance).toBe(2);
    expect(res.body.stamp.awardedAt).toBe(scannedAt.toISOString());
    // replayed (the phone sent the queue twice, or twice at once): never a second stamp
    const replays = await Promise.all([1, 2, 3].map(() => checkIn(t, rider, activity.id, { token, scannedAt: scannedAt.toISOString() })));
    for (const r of replays) {
      expect(r.status).toBe(200);
      expect(r.body.duplicate).toBe(true);
    }
    expect(await balanceOf(t, rider)).toBe(2);
    const rows = await t.db.select().from(stampLedger).where(and(eq(stampLedger.userId, rider.userId), eq(stampLedger.sourceId, activity.id)));
    expect(rows).toHaveLength(1);
  });

  it('the claimed time must match the token: another step is expired or invalid; too old, in the future, outside the activity are refused', async () => {
    t.clock.set(NOW);
    const activity = await createActivity(t, admin, { startsAt: minus(30 * HOUR).toISOString(), endsAt: NOW.toISOString() });
    const scannedAt = minus(20 * MINUTE);
    const token = await tokenShownAt(activity.id, scannedAt);
    const rider = await t.loginAs('rider');
    // claims a later time than the token's step: the token was already stale then
    expectError(await checkIn(t, rider, activity.id, { token, scannedAt: minus(5 * MINUTE).toISOString() }), 410, 'CODE_EXPIRED');
    // claims an earlier time than the token's step: the token did not exist yet
    expectError(await checkIn(t, rider, activity.id, { token, scannedAt: minus(30 * MINUTE).toISOString() }), 422, 'INVALID_CODE');
    // beyond the 24 h window
    const old = minus(25 * HOUR);
    expectError(await checkIn(t, rider, activity.id, { token: await tokenShownAt(activity.id, old), scannedAt: old.toISOString() }), 410, 'CODE_EXPIRED');
    // in the future (beyond a minute of drift)
    expectError(await checkIn(t, rider, activity.id, { token, scannedAt: new Date(NOW.getTime() + 5 * MINUTE).toISOString() }), 422, 'INVALID_CODE');
    expectError(await checkIn(t, rider, activity.id, { token: 'forged.AAAAAAAAAAAA', scannedAt: scannedAt.toISOString() }), 422, 'INVALID_CODE');
    expect(await balanceOf(t, rider)).toBe(0);

    // scanned before the activity began: closed at that time, even if it is running now
    const later = await createActivity(t, admin, { startsAt: minus(10 * MINUTE).toISOString(), endsAt: new Date(NOW.getTime() + HOUR).toISOString() });
    const early = minus(15 * MINUTE);
    expectError(await checkIn(t, rider, later.id, { token: await tokenShownAt(later.id, early), scannedAt: early.toISOString() }), 422, 'ACTIVITY_CLOSED');
    expect(await balanceOf(t, rider)).toBe(0);
  });
});
