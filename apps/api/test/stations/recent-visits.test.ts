import { stationCheckins } from '@xfqs/db';
import { RECENT_VISITS_MAX_AGE_MS, RecentVisits } from '../../src/features/stations/recent-visits';
import { createTestApp, type TestApp } from '../harness';
import { createStation } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;
const NOON = new Date('2026-10-20T04:00:00.000Z');
const later = (ms: number) => new Date(NOON.getTime() + ms);

/** A check-in written straight to the database, as another instance would. */
async function visit(stationId: string, at: Date) {
  const rider = await t.loginAs('rider');
  await t.db.insert(stationCheckins).values({ stationId, userId: rider.userId, at, dedupeUntil: new Date(at.getTime() + 3_600_000) });
}

describe('RecentVisits: 近 1 小时 N 人到访 for every station from one grouped query', () => {
  it('counts the last hour, serves the counts for ten seconds, then reads them again behind the answer', async () => {
    const [a, b] = [await createStation(t), await createStation(t)];
    await visit(a.id, later(-61 * MINUTE)); // before the hour
    await visit(a.id, later(-59 * MINUTE));
    await visit(a.id, later(-1 * MINUTE));
    await visit(b.id, later(0));
    await visit(b.id, later(MINUTE)); // after the instant asked about
    const visits = new RecentVisits(t.db);

    const first = await visits.at(NOON);
    expect([first(a.id), first(b.id), first(crypto.randomUUID())]).toEqual([2, 1, 0]);

    // another instance's check-in: not seen while the counts are young
    await visit(b.id, later(2 * MINUTE));
    expect((await visits.at(later(5_000)))(b.id)).toBe(1);
    // this instance's own check-in counts at once
    visits.record(b.id, later(6_000));
    expect((await visits.at(later(6_000)))(b.id)).toBe(2);

    // older than RECENT_VISITS_MAX_AGE_MS: answered as they are, and read again behind the answer
    const old = later(RECENT_VISITS_MAX_AGE_MS + 3 * MINUTE);
    expect((await visits.at(old))(b.id)).toBe(2);
    await visits.settled(); // the refresh started behind that answer
    const fresh = await visits.at(old);
    expect([fresh(a.id), fresh(b.id)]).toEqual([1, 3]); // a's 59-minute-old visit has left the hour
  });

  it('reads first when the instant asked about is far from the counts (a fresh start, a clock moved by hours)', async () => {
    const station = await createStation(t);
    await visit(station.id, later(5 * 3_600_000));
    const visits = new RecentVisits(t.db);
    expect((await visits.at(NOON))(station.id)).toBe(0);
    expect((await visits.at(later(5 * 3_600_000 + MINUTE)))(station.id)).toBe(1);
    expect((await visits.at(NOON))(station.id)).toBe(0);
  });
});
