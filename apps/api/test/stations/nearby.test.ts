import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { stations, stationStates } from '@xfqs/db';
import { isOpenAt, type OpeningHours, type ServiceKey } from '@xfqs/domain';
import { createTestApp, expectError, type TestApp } from '../harness';
import { ALWAYS_OPEN, createStation, insertStations, north, WEEKDAYS_9_TO_6 } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

/** Each test searches around its own spot, 3° of latitude from the others, so their stations never mix. */
let spots = 0;
const newSpot = () => ({ lat: 22 + 3 * spots++, lng: 105 + spots });

/** Written out independently of packages/domain: haversine on a 6,371 km sphere. */
function referenceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = Math.PI / 180;
  const s1 = Math.sin(((b.lat - a.lat) * rad) / 2);
  const s2 = Math.sin(((b.lng - a.lng) * rad) / 2);
  const h = s1 * s1 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * s2 * s2;
  return 2 * 6_371_000 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

async function nearby(params: Record<string, string | number | boolean>) {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  return t.call('GET', `/stations/nearby?${qs}`);
}

describe('GET /stations/nearby', () => {
  it('needs no sign-in and returns the contract fields', async () => {
    const at = newSpot();
    const station = await createStation(t, { ...north(at, 300), services: ['microwave', 'hot_water'], phone: '13812345678' });
    const res = await nearby(at);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: station.id,
        orgId: station.orgId,
        name: station.name,
        kind: 'union_station',
        address: station.address,
        lat: station.lat,
        lng: station.lng,
        distanceM: expect.any(Number),
        services: ['hot_water', 'microwave'],
        openNow: true,
        hours: ALWAYS_OPEN,
        phone: '13812345678',
        state: null,
        recentVisits: 0,
      },
    ]);
  });

  it('reports great-circle metres within 0.5 % of an independent haversine, nearest first', async () => {
    const at = newSpot();
    const points = [
      { lat: at.lat + 0.0009, lng: at.lng }, // ~100 m north
      { lat: at.lat, lng: at.lng - 0.05 }, // ~5 km west
      { lat: at.lat - 0.03, lng: at.lng + 0.03 }, // ~4.4 km south-east
      { lat: at.lat + 0.011, lng: at.lng + 0.013 }, // ~1.7 km north-east
      { lat: at.lat + 0.08, lng: at.lng }, // ~8.9 km north
      { lat: at.lat - 0.0001, lng: at.lng - 0.0002 }, // ~22 m
    ];
    await insertStations(t, points.map((p, i) => ({ ...p, name: `距离 ${i}` })));
    const res = await nearby({ ...at, limit: 50 });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ name: string; lat: number; lng: number; distanceM: number }>;
    expect(items).toHaveLength(points.length);
    for (const item of items) {
      const reference = referenceMetres(at, item);
      expect(Math.abs(item.distanceM - reference)).toBeLessThanOrEqual(Math.max(1, reference * 0.005));
    }
    const expectedOrder = points.map((p, i) => ({ name: `距离 ${i}`, d: referenceMetres(at, p) })).sort((a, b) => a.d - b.d).map((x) => x.name);
    expect(items.map((i) => i.name)).toEqual(expectedOrder);
    const distances = items.map((i) => i.distanceM);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });

  it('keeps to radiusM (default 10 km, at most 100 km)', async () => {
    const at = newSpot();
    await insertStations(t, [
      { ...north(at, 9_900), name: 'inside' },
      { ...north(at, 10_100), name: 'outside' },
      { ...north(at, 60_000), name: 'far' },
    ]);
    expect((await nearby(at)).body.items.map((i: { name: string }) => i.name)).toEqual(['inside']);
    expect((await nearby({ ...at, radiusM: 20_000 })).body.items.map((i: { name: string }) => i.name)).toEqual(['inside', 'outside']);
    expect((await nearby({ ...at, radiusM: 100_000 })).body.items.map((i: { name: string }) => i.name)).toEqual(['inside', 'outside', 'far']);
    expect((await nearby({ ...at, radiusM: 9_800 })).body.items).toEqual([]);
    expect(expectError(await nearby({ ...at, radiusM: 100_001 }), 400, 'VALIDATION_FAILED').details).toEqual([expect.objectContaining({ field: 'radiusM' })]);
    expectError(await nearby({ ...at, radiusM: 0 }), 400, 'VALIDATION_FAILED');
  });

  it('returns `limit` stations (default 10, 1–50; out of range is a 400)', async () => {
    const at = newSpot();
    await insertStations(t, Array.from({ length: 60 }, (_, i) => north(at, 50 + i * 50)));
    expect((await nearby(at)).body.items).toHaveLength(10);
    expect((await nearby({ ...at, limit: 3 })).body.items).toHaveLength(3);
    expect((await nearby({ ...at, limit: 50 })).body.items).toHaveLength(50);
    for (const limit of [0, 51, 1.5]) {
      expect(expectError(await nearby({ ...at, limit }), 400, 'VALIDATION_FAILED').details).toEqual([expect.objectContaining({ field: 'limit' })]);
    }
  });

  it('filters by services (all of them) and by kind', async () => {
    const at = newSpot();
    await insertStations(t, [
      { ...north(at, 100), name: 'water', services: ['hot_water'] },
      { ...north(at, 200), name: 'water+microwave', services: ['hot_water', 'microwave'] },
      { ...north(at, 300), name: 'microwave shop', services: ['microwave', 'meal_discount'], kind: 'partner_shop' },
      { ...north(at, 400), name: 'nothing', services: [] },
    ]);
    const names = async (params: Record<string, string>) => (await nearby({ ...at, ...params })).body.items.map((i: { name: string }) => i.name);
    expect(await names({ services: 'microwave' })).toEqual(['water+microwave', 'microwave shop']);
    expect(await names({ services: 'microwave,hot_water' })).toEqual(['water+microwave']);
    expect(await names({ services: 'hot_water,microwave,meal_discount' })).toEqual([]);
    expect(await names({ kind: 'partner_shop' })).toEqual(['microwave shop']);
    expect(await names({ kind: 'warm_station' })).toEqual([]);
    expect(await names({ kind: 'union_station', services: 'microwave' })).toEqual(['water+microwave']);
  });

  it('shows a station created or changed through the API at once, although repeated queries share answers', async () => {
    const at = newSpot();
    t.clock.set('2026-11-25T04:00:00Z');
    expect((await nearby(at)).body.items).toEqual([]);
    const station = await createStation(t, { ...north(at, 100), name: '新站' });
    expect((await nearby(at)).body.items.map((i: { id: string }) => i.id)).toEqual([station.id]);
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    await t.call('PATCH', `/stations/${station.id}`, { as: admin, body: { name: '改名的站' } });
    expect((await nearby(at)).body.items.map((i: { name: string }) => i.name)).toEqual(['改名的站']);
  });

  it('a write whose directory reload fails still answers with its committed result, and the next reload shows it', async () => {
    const at = newSpot();
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const station = await createStation(t, { ...north(at, 100), name: '旧名字' });
    const reload = jest.spyOn(t.app.nearby, 'reload').mockRejectedValue(new Error('connection lost')); // every reload, the NOTIFY listener's too
    try {
      const res = await t.call('PATCH', `/stations/${station.id}`, { as: admin, body: { name: '新名字' } });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('新名字');
      expect(reload).toHaveBeenCalledWith('stations');
    } finally {
      reload.mockRestore();
    }
    await t.app.nearby.reload(); // what the commit's NOTIFY does on this instance
    expect((await nearby(at)).body.items.map((i: { name: string }) => i.name)).toEqual(['新名字']);
  });

  it('never lists closed stations', async () => {
    const at = newSpot();
    const open = await createStation(t, { ...north(at, 500), name: 'open' });
    const closed = await createStation(t, { ...north(at, 100), name: 'closed', status: 'closed' });
    const closedLater = await createStation(t, { ...north(at, 200), name: 'closed later' });
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    expect((await t.call('PATCH', `/stations/${closedLater.id}`, { as: admin, body: { status: 'closed' } })).status).toBe(200);
    const ids = (await nearby(at)).body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual([open.id]);
    expect(ids).not.toContain(closed.id);
  });

  it('a filter never cuts the result short: 10 microwave stations far behind 500 nearer ones without', async () => {
    const at = newSpot();
    const crowd = Array.from({ length: 500 }, (_, i) => ({ ...north(at, 20 + i * 8), services: ['hot_water', 'charging'] as const }));
    const wanted = Array.from({ length: 10 }, (_, i) => ({ ...north(at, 6_000 + i * 300), name: `微波炉 ${i}`, services: ['microwave'] as const }));
    await insertStations(t, [...crowd, ...wanted].map((s) => ({ ...s, services: [...s.services] })));
    const res = await nearby({ ...at, services: 'microwave', limit: 10 });
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(wanted.map((w) => w.name));
    // a larger limit does not invent more
    expect((await nearby({ ...at, services: 'microwave', limit: 50 })).body.items).toHaveLength(10);
    // and the unfiltered query is the 10 nearest of the crowd
    const plain = (await nearby({ ...at, limit: 10 })).body.items as Array<{ distanceM: number; services: string[] }>;
    expect(plain.every((i) => !i.services.includes('microwave') && i.distanceM < 200)).toBe(true);
  });

  it('openNow never cuts the result short either: 10 open stations behind 500 nearer closed ones', async () => {
    const at = newSpot();
    await insertStations(t, [
      ...Array.from({ length: 500 }, (_, i) => ({ ...north(at, 20 + i * 8), hours: WEEKDAYS_9_TO_6 })),
      ...Array.from({ length: 10 }, (_, i) => ({ ...north(at, 6_000 + i * 300), name: `全天 ${i}`, hours: ALWAYS_OPEN })),
    ]);
    t.clock.set('2026-11-29T04:00:00Z'); // Sunday 12:00 in Beijing: weekday stations are closed
    const open = await nearby({ ...at, openNow: true, limit: 20 });
    expect(open.body.items.map((i: { name: string }) => i.name)).toEqual(Array.from({ length: 10 }, (_, i) => `全天 ${i}`));
    expect(open.body.items.every((i: { openNow: boolean }) => i.openNow)).toBe(true);
    const all = await nearby({ ...at, limit: 5 });
    expect(all.body.items.map((i: { openNow: boolean }) => i.openNow)).toEqual([false, false, false, false, false]);
    const unfiltered = await nearby({ ...at, openNow: false, limit: 5 });
    expect(unfiltered.body.items).toEqual(all.body.items);
  });

  describe('openNow in Asia/Shanghai with the clock fixed', () => {
    let at: { lat: number; lng: number };
    beforeAll(async () => {
      at = newSpot();
      await insertStations(t, [
        { ...north(at, 100), name: 'fri night 22-06', hours: { weekly: [{ days: [5], open: '22:00', close: '06:00' }] } },
        { ...north(at, 200), name: 'sun night 20-02', hours: { weekly: [{ days: [7], open: '20:00', close: '02:00' }] } },
        { ...north(at, 300), name: 'mon 08-12', hours: { weekly: [{ days: [1], open: '08:00', close: '12:00' }] } },
        { ...north(at, 400), name: 'always', hours: ALWAYS_OPEN },
        { ...north(at, 500), name: 'weekdays 9-6', hours: WEEKDAYS_9_TO_6 },
      ]);
    });
    const openAt = async (instant: string) => {
      t.clock.set(instant);
      const all = (await nearby({ ...at, limit: 10 })).body.items as Array<{ name: string; openNow: boolean }>;
      const filtered = (await nearby({ ...at, limit: 10, openNow: true })).body.items as Array<{ name: string }>;
      const flagged = all.filter((i) => i.openNow).map((i) => i.name);
      expect(filtered.map((i) => i.name)).toEqual(flagged); // the filter and the flag agree
      return flagged;
    };

    it('past midnight: Friday 22:00–06:00 is open on Saturday 02:00 and closed at 07:00', async () => {
      expect(await openAt('2026-11-27T13:30:00Z')).toEqual(['always']); // Fri 21:30, not yet 22:00
      expect(await openAt('2026-11-27T14:30:00Z')).toEqual(['fri night 22-06', 'always']); // Fri 22:30
      expect(await openAt('2026-11-27T18:00:00Z')).toEqual(['fri night 22-06', 'always']); // Sat 02:00
      expect(await openAt('2026-11-27T23:00:00Z')).toEqual(['always']); // Sat 07:00
    });

    it('Sunday → Monday: Sunday 20:00–02:00 is open on Monday 01:30, Monday 08–12 is not open on Sunday', async () => {
      expect(await openAt('2026-11-29T02:00:00Z')).toEqual(['always']); // Sun 10:00: Monday hours do not apply
      expect(await openAt('2026-11-29T13:00:00Z')).toEqual(['sun night 20-02', 'always']); // Sun 21:00
      expect(await openAt('2026-11-29T17:30:00Z')).toEqual(['sun night 20-02', 'always']); // Mon 01:30
      expect(await openAt('2026-11-29T19:00:00Z')).toEqual(['always']); // Mon 03:00
      expect(await openAt('2026-11-30T00:30:00Z')).toEqual(['mon 08-12', 'always']); // Mon 08:30 (weekdays open at 9)
      expect(await openAt('2026-11-30T01:30:00Z')).toEqual(['mon 08-12', 'always', 'weekdays 9-6']); // Mon 09:30
    });

    it('alwaysOpen is open at 03:00 on a Wednesday and on a Sunday night', async () => {
      expect(await openAt('2026-11-24T19:00:00Z')).toEqual(['always']); // Wed 03:00
      expect(await openAt('2026-11-29T15:59:00Z')).toEqual(['sun night 20-02', 'always']); // Sun 23:59
    });
  });

  it('rejects bad coordinates and parameters with 400 naming the field', async () => {
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ lat: 91, lng: 116 }, 'lat'],
      [{ lat: -90.5, lng: 116 }, 'lat'],
      [{ lat: 39.9, lng: 180.1 }, 'lng'],
      [{ lat: 39.9, lng: -181 }, 'lng'],
      [{ lat: 'north', lng: 116 }, 'lat'],
      [{ lng: 116 }, 'lat'],
      [{ lat: 39.9 }, 'lng'],
      [{ lat: 39.9, lng: 116, services: 'microwave,spa' }, 'services'],
      [{ lat: 39.9, lng: 116, services: 'microwave,' }, 'services'],
      [{ lat: 39.9, lng: 116, kind: 'hotel' }, 'kind'],
      [{ lat: 39.9, lng: 116, openNow: 'maybe' }, 'openNow'],
      [{ lat: 39.9, lng: 116, near: 'me' }, 'near'],
    ];
    for (const [params, field] of cases) {
      const error = expectError(await nearby(params as Record<string, string>), 400, 'VALIDATION_FAILED');
      expect(error.details?.map((d) => d.field)).toContain(field);
    }
  });

  describe('against a brute-force reading of the rules (fast-check)', () => {
    // A few hundred stations of random kinds, services and hours around one spot, some with a live
    // state; then random searches, each compared with every station checked one by one.
    const kinds = ['union_station', 'warm_station', 'outdoor_worker_station', 'partner_shop'] as const;
    const serviceKeys: ServiceKey[] = ['hot_water', 'charging', 'microwave', 'legal_aid', 'counselling', 'restroom'];
    const hoursChoices: OpeningHours[] = [ALWAYS_OPEN, WEEKDAYS_9_TO_6, { weekly: [{ days: [5, 6], open: '22:00', close: '06:00' }] }, { weekly: [{ days: [7], open: '10:00', close: '14:00' }] }];
    const instant = new Date('2026-11-28T15:30:00Z'); // Saturday 23:30 in Beijing
    let spot: { lat: number; lng: number };
    let stationsHere: Array<{ id: string; kind: string; services: ServiceKey[]; hours: OpeningHours; lat: number; lng: number; status: string; state?: { closed: boolean; pausedServices: ServiceKey[]; until: Date } }>;

    beforeAll(async () => {
      spot = newSpot();
      const random = fc.sample(
        fc.record({
          // no bias towards the edges of the ranges, so stations do not pile up on the spot itself
          north: fc.noBias(fc.integer({ min: -12_000, max: 12_000 })),
          east: fc.noBias(fc.integer({ min: -1_500, max: 1_500 })).map((e) => e / 10_000),
          kind: fc.constantFrom(...kinds),
          services: fc.subarray(serviceKeys),
          hours: fc.constantFrom(...hoursChoices),
          state: fc.option(fc.record({ closed: fc.boolean(), paused: fc.subarray(serviceKeys, { maxLength: 2 }), expired: fc.boolean() }), { freq: 3 }),
        }),
        { numRuns: 300, seed: 20261130 },
      );
      const rows = random.map((r, i) => ({ ...north({ lat: spot.lat, lng: spot.lng + r.east }, r.north), name: `随机 ${i}`, kind: r.kind, services: r.services, hours: r.hours, status: (i % 7 === 0 ? 'closed' : 'active') as 'active' | 'closed' }));
      const ids = await insertStations(t, rows);
      stationsHere = rows.map((row, i) => {
        const r = random[i];
        const paused = r.state ? r.state.paused.filter((key) => row.services.includes(key)) : [];
        return { ...row, id: ids[i], state: r.state ? { closed: r.state.closed, pausedServices: paused, until: new Date(instant.getTime() + (r.state.expired ? -60_000 : 3_600_000)) } : undefined };
      });
      const withState = stationsHere.filter((st) => st.state);
      await t.db.insert(stationStates).values(withState.map((st) => ({ stationId: st.id, closed: st.state!.closed, pausedServices: st.state!.pausedServices, note: null, until: st.state!.until })));
      await t.app.nearby.reload('station_states');
    });

    it('lists exactly the nearest matching stations, nearest first', async () => {
      t.clock.set(instant);
      const query = fc.record({
        radiusM: fc.integer({ min: 100, max: 20_000 }),
        limit: fc.integer({ min: 1, max: 50 }),
        services: fc.subarray(serviceKeys, { maxLength: 2 }),
        kind: fc.option(fc.constantFrom(...kinds), { freq: 3 }),
        openNow: fc.boolean(),
      });
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          const inForce = (st: (typeof stationsHere)[number]) => (st.state && st.state.until > instant ? st.state : undefined);
          const openNow = (st: (typeof stationsHere)[number]) => isOpenAt(st.hours, instant) && !inForce(st)?.closed;
          const candidates = stationsHere
            .filter((st) => st.status === 'active' && (q.kind === null || st.kind === q.kind))
            .filter((st) => q.services.every((key) => st.services.includes(key) && !inForce(st)?.pausedServices.includes(key)))
            .filter((st) => !q.openNow || openNow(st))
            .map((st) => ({ st, d: referenceMetres(spot, st) }))
            .sort((x, y) => x.d - y.d);
          // a station within a metre of the radius, or two within a metre of each other, could go either way
          const atCut = candidates.slice(0, q.limit + 1);
          fc.pre(candidates.every(({ d }) => Math.abs(d - q.radiusM) > 1) && atCut.every(({ d }, i) => i === 0 || d - atCut[i - 1].d > 1));
          compared++;
          const expected = candidates.filter(({ d }) => d <= q.radiusM).slice(0, q.limit);
          const params: Record<string, string | number | boolean> = { ...spot, radiusM: q.radiusM, limit: q.limit, openNow: q.openNow };
          if (q.services.length) params.services = q.services.join(',');
          if (q.kind) params.kind = q.kind;
          const res = await nearby(params);
          expect(res.status).toBe(200);
          const items = res.body.items as Array<{ id: string; openNow: boolean; distanceM: number; state: { closed: boolean } | null }>;
          expect(items.map((i) => i.id)).toEqual(expected.map(({ st }) => st.id));
          for (const [k, item] of items.entries()) {
            expect(item.openNow).toBe(openNow(expected[k].st));
            expect(item.state?.closed ?? null).toBe(inForce(expected[k].st)?.closed ?? null);
            expect(Math.abs(item.distanceM - expected[k].d)).toBeLessThanOrEqual(Math.max(1, expected[k].d * 0.001));
          }
        }),
        { numRuns: 150, seed: 1130 },
      );
      expect(compared).toBe(150); // every run compared (fast-check skips a run that fails a precondition and draws another)
    });

    it('closest: the nearest active station of all, whatever it offers or when it opens (a 随手拍 report goes to its union)', async () => {
      const active = await t.db.select({ id: stations.id, lat: stations.lat, lng: stations.lng }).from(stations).where(eq(stations.status, 'active'));
      const point = fc.oneof(
        // among this test's random stations, and anywhere between the other tests' spots and the demo's
        fc.record({ north: fc.integer({ min: -15_000, max: 15_000 }), east: fc.integer({ min: -2_000, max: 2_000 }) }).map((p) => north({ lat: spot.lat, lng: spot.lng + p.east / 10_000 }, p.north)),
        fc.record({ lat: fc.double({ min: 18, max: 54, noNaN: true }), lng: fc.double({ min: 73, max: 135, noNaN: true }) }),
      );
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(point, async (at) => {
          const [first, second] = active.map((st) => ({ st, d: referenceMetres(at, st) })).sort((x, y) => x.d - y.d);
          fc.pre(second.d - first.d > 1); // two stations within a metre of each other could go either way
          compared++;
          const found = await t.app.nearby.closest(at);
          expect(found?.station.id).toBe(first.st.id);
          expect(Math.abs(found!.distanceM - first.d)).toBeLessThanOrEqual(Math.max(1, first.d * 0.001));
        }),
        { numRuns: 100, seed: 1201 },
      );
      expect(compared).toBe(100);
    });
  });
});
