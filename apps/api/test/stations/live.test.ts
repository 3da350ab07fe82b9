import { and, eq } from 'drizzle-orm';
import { auditLog, stationCheckins, stationConfirmations, stationStates } from '@xfqs/db';
import { streetAdmins } from '../membership/helpers';
import { createTestApp, expectError, type TestApp, type TestUser } from '../harness';
import { createStation, north } from './helpers';

let t: TestApp;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ({ lgqAdmin, dgdAdmin } = await streetAdmins(t));
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const HOUR = 3600_000;
const MINUTE = 60_000;
/** Each test around its own spot (far from the demo stations and each other). */
let spots = 0;
const newSpot = () => ({ lat: 30 + 2 * spots++, lng: 100 + spots });
const at = (iso: string) => new Date(iso);
/** Wednesday 2026-11-25 12:00 Asia/Shanghai. */
const NOON = '2026-11-25T04:00:00.000Z';

async function nearby(params: Record<string, string | number | boolean>) {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await t.call('GET', `/stations/nearby?${qs}`);
  expect(res.status).toBe(200);
  return res.body.items as Array<{ id: string; name: string; openNow: boolean; state: unknown; recentVisits: number }>;
}
const setState = (id: string, as: TestUser | undefined, body: Record<string, unknown>) => t.call('PUT', `/stations/${id}/state`, { as, body });
const codeOf = async (stationId: string) => (await t.call('GET', `/stations/${stationId}/checkin-code`, { as: lgqAdmin })).body.code as string;
const checkIn = (stationId: string, as: TestUser, body: Record<string, unknown>) => t.call('POST', `/stations/${stationId}/checkins`, { as, body });
const confirm = (stationId: string, as: TestUser, body: Record<string, unknown>) => t.call('POST', `/stations/${stationId}/confirmations`, { as, body });
const stateRows = (stationId: string) => t.db.select().from(stationStates).where(eq(stationStates.stationId, stationId));

describe('PUT/DELETE /stations/:id/state', () => {
  it('staff of the station and admins above it set it; others may not; bad input writes nothing', async () => {
    t.clock.set(NOON);
    const station = await createStation(t, { orgId: t.orgIds.LGQ, services: ['hot_water', 'charging'] });
    const staff = await t.loginAs('station_staff', { stationId: station.id });
    const otherStaff = await t.loginAs('station_staff', { stationId: (await createStation(t)).id });
    const until = new Date(at(NOON).getTime() + 2 * HOUR).toISOString();

    const res = await setState(station.id, staff, { closed: true, note: ' 设备检修 ', until });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: { closed: true, pausedServices: [], note: '设备检修', until } });
    expect((await setState(station.id, lgqAdmin, { pausedServices: ['hot_water'], until })).status).toBe(200);
    expect((await setState(station.id, await t.loginAs('org_admin', { orgId: t.orgIds.FT }), { note: '今天有绿豆汤', until })).status).toBe(200);

    expectError(await setState(station.id, dgdAdmin, { closed: true, until }), 403, 'FORBIDDEN');
    expectError(await setState(station.id, otherStaff, { closed: true, until }), 403, 'FORBIDDEN');
    expectError(await setState(station.id, await t.loginAs('rider'), { closed: true, until }), 403, 'FORBIDDEN');
    expectError(await setState(station.id, undefined, { closed: true, until }), 401, 'UNAUTHENTICATED');

    const before = await stateRows(station.id);
    const bad = [
      { closed: true, until: new Date(at(NOON).getTime() - MINUTE).toISOString() }, // in the past
      { closed: true, until: new Date(at(NOON).getTime() + 15 * 24 * HOUR).toISOString() }, // beyond 14 days
      { pausedServices: ['microwave'], until }, // not offered here
      { pausedServices: ['no_such_service'], until },
      { until }, // nothing set
      { closed: false, note: '   ', until },
      { closed: true, until: 'tomorrow' },
      { closed: true, until, extra: 1 },
      { closed: true, note: 'x'.repeat(101), until },
    ];
    for (const body of bad) expectError(await setState(station.id, staff, body), 400, 'VALIDATION_FAILED');
    expect(await stateRows(station.id)).toEqual(before);
    expectError(await setState('00000000-0000-4000-8000-000000000000', lgqAdmin, { closed: true, until }), 404, 'NOT_FOUND');

    const actions = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, station.id));
    expect(actions.filter((a) => a.action === 'station.state.set')).toHaveLength(3);

    expect((await t.call('DELETE', `/stations/${station.id}/state`, { as: staff })).status).toBe(204);
    expect(await stateRows(station.id)).toEqual([]);
    expect((await t.call('DELETE', `/stations/${station.id}/state`, { as: staff })).status).toBe(204);
    expectError(await t.call('DELETE', `/stations/${station.id}/state`, { as: dgdAdmin }), 403, 'FORBIDDEN');
  });

  it('nearby, detail and lists honour it at once (cache invalidated) and it ends by itself at `until`', async () => {
    t.clock.set(NOON);
    const here = newSpot();
    const a = await createStation(t, { ...north(here, 100), name: 'A 站', services: ['hot_water', 'charging'] });
    const b = await createStation(t, { ...north(here, 200), name: 'B 站', services: ['hot_water', 'charging'] });
    const staff = await t.loginAs('station_staff', { stationId: a.id });
    const q = { ...here, radiusM: 5000 };
    expect((await nearby({ ...q, openNow: true })).map((s) => s.name)).toEqual(['A 站', 'B 站']); // now cached

    const until = new Date(at(NOON).getTime() + HOUR).toISOString();
    expect((await setState(a.id, staff, { closed: true, note: '设备检修', until })).status).toBe(200);
    // closed now → not open, not in openNow=true, still listed without the filter, with its state and note
    expect((await nearby({ ...q, openNow: true })).map((s) => s.name)).toEqual(['B 站']);
    const [first] = await nearby(q);
    expect(first).toMatchObject({ name: 'A 站', openNow: false, state: { closed: true, pausedServices: [], note: '设备检修', until } });
    const detail = await t.call('GET', `/stations/${a.id}`);
    expect(detail.body).toMatchObject({ openNow: false, state: { closed: true, note: '设备检修', until } });
    const listed = await t.call('GET', `/stations?orgId=${t.orgIds.LGQ}&limit=100`, { as: lgqAdmin });
    expect(listed.body.items.find((s: { id: string }) => s.id === a.id)).toMatchObject({ openNow: false, state: { closed: true } });

    // a paused service does not match its filter; other services still do
    expect((await setState(a.id, staff, { pausedServices: ['hot_water'], note: '热水暂停', until })).status).toBe(200);
    expect((await nearby({ ...q, services: 'hot_water' })).map((s) => s.name)).toEqual(['B 站']);
    expect((await nearby({ ...q, services: 'hot_water,charging' })).map((s) => s.name)).toEqual(['B 站']);
    expect((await nearby({ ...q, services: 'charging' })).map((s) => s.name)).toEqual(['A 站', 'B 站']);
    expect((await nearby({ ...q, openNow: true })).map((s) => s.name)).toEqual(['A 站', 'B 站']);

    // at `until` it is over, with nothing run in between
    t.clock.set(until);
    expect((await nearby({ ...q, services: 'hot_water' })).map((s) => s.name)).toEqual(['A 站', 'B 站']);
    expect((await t.call('GET', `/stations/${a.id}`)).body.state).toBeNull();

    // cleared early: the same at once
    t.clock.set(NOON);
    expect((await setState(a.id, staff, { closed: true, until })).status).toBe(200);
    expect((await nearby({ ...q, openNow: true })).map((s) => s.name)).toEqual(['B 站']);
    expect((await t.call('DELETE', `/stations/${a.id}/state`, { as: staff })).status).toBe(204);
    expect((await nearby({ ...q, openNow: true })).map((s) => s.name)).toEqual(['A 站', 'B 站']);
  });
});

describe('recent visits and rider confirmations', () => {
  it('counts check-ins of the last hour (近 1 小时 N 人到访)', async () => {
    t.clock.set(NOON);
    const here = newSpot();
    const station = await createStation(t, { ...north(here, 50) });
    const code = await codeOf(station.id);
    for (let i = 0; i < 3; i++) expect((await checkIn(station.id, await t.loginAs('rider'), { code })).status).toBe(201);
    const rider = await t.loginAs('rider');
    expect((await checkIn(station.id, rider, { code })).status).toBe(201);
    expect((await checkIn(station.id, rider, { code })).status).toBe(200); // a repeat is not a visit
    expect((await nearby({ ...here, radiusM: 1000 }))[0].recentVisits).toBe(4);
    t.clock.set(new Date(at(NOON).getTime() + 61 * MINUTE));
    expect((await t.call('GET', `/stations/${station.id}`)).body.recentVisits).toBe(0);
  });

  it('only riders who checked in within 2 h confirm, once per check-in and kind; staff see contradictions', async () => {
    t.clock.set(NOON);
    const station = await createStation(t, { orgId: t.orgIds.LGQ, services: ['hot_water', 'charging'] });
    const staff = await t.loginAs('station_staff', { stationId: station.id });
    const rider = await t.loginAs('rider');
    expectError(await confirm(station.id, rider, { kind: 'closed' }), 422, 'RULE_VIOLATION');
    expect((await checkIn(station.id, rider, { code: await codeOf(station.id) })).status).toBe(201);

    t.clock.advance(10 * MINUTE);
    const first = await confirm(station.id, rider, { kind: 'closed' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ confirmation: { kind: 'closed', service: null, at: t.clock.now().toISOString() }, duplicate: false });
    t.clock.advance(MINUTE);
    const again = await confirm(station.id, rider, { kind: 'closed' });
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect((await confirm(station.id, rider, { kind: 'service_missing', service: 'hot_water' })).status).toBe(201);
    // bad input writes nothing
    const count = async () => (await t.db.select().from(stationConfirmations).where(eq(stationConfirmations.stationId, station.id))).length;
    expect(await count()).toBe(2);
    for (const body of [{ kind: 'service_ok' }, { kind: 'open', service: 'hot_water' }, { kind: 'service_ok', service: 'microwave' }, { kind: 'nope' }]) {
      expectError(await confirm(station.id, rider, body), 400, 'VALIDATION_FAILED');
    }
    expectError(await confirm(station.id, rider, { kind: 'open', extra: true }), 400, 'VALIDATION_FAILED');
    expect(await count()).toBe(2);
    expectError(await confirm(station.id, undefined as never, { kind: 'open' }), 401, 'UNAUTHENTICATED');

    // the detail shows the freshest ones
    const detail = await t.call('GET', `/stations/${station.id}`);
    expect(detail.body.confirmations.map((c: { kind: string; service: string | null }) => [c.kind, c.service])).toEqual([
      ['service_missing', 'hot_water'],
      ['closed', null],
    ]);

    // staff: open by its hours, but riders say closed and no hot water
    const live = await t.call('GET', `/stations/${station.id}/live`, { as: staff });
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ openNow: true, state: null, recentVisits: 1 });
    expect(live.body.contradictions.map((c: { kind: string; count: number }) => [c.kind, c.count]).sort()).toEqual([
      ['reported_closed', 1],
      ['service_missing', 1],
    ]);
    expect(live.body.contradictions.find((c: { kind: string }) => c.kind === 'reported_closed').message).toContain('没开门');
    expectError(await t.call('GET', `/stations/${station.id}/live`, { as: dgdAdmin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', `/stations/${station.id}/live`, { as: rider }), 403, 'FORBIDDEN');

    // staff close it: the "closed" reports agree now; a later "open" report contradicts
    expect((await setState(station.id, staff, { closed: true, pausedServices: ['hot_water'], until: new Date(t.clock.now().getTime() + HOUR).toISOString() })).status).toBe(200);
    t.clock.advance(MINUTE);
    const other = await t.loginAs('rider');
    expect((await checkIn(station.id, other, { code: await codeOf(station.id) })).status).toBe(201);
    expect((await confirm(station.id, other, { kind: 'open' })).status).toBe(201);
    const after = await t.call('GET', `/stations/${station.id}/live`, { as: staff });
    expect(after.body.contradictions.map((c: { kind: string }) => c.kind)).toEqual(['reported_open']);

    // 2 h after the check-in it is too late
    t.clock.advance(2 * HOUR);
    expectError(await confirm(station.id, rider, { kind: 'open' }), 422, 'RULE_VIOLATION');
  });
});

describe('queued (offline) station check-ins: scannedAt', () => {
  it('are dated at the scan, answered once, refused when too old, in the future or not valid then', async () => {
    t.clock.set(NOON);
    const station = await createStation(t, { orgId: t.orgIds.LGQ });
    const rider = await t.loginAs('rider');
    const oldCode = await codeOf(station.id);
    const scannedAt = new Date(at(NOON).getTime() - 3 * HOUR).toISOString();

    const first = await checkIn(station.id, rider, { code: oldCode, scannedAt, lat: 39.85, lng: 116.21 });
    expect(first.status).toBe(201);
    expect(first.body.checkin.at).toBe(scannedAt);
    // the queue sent again (or twice at once): the same check-in, never a second one
    const replays = await Promise.all([1, 2, 3].map(() => checkIn(station.id, rider, { code: oldCode, scannedAt })));
    for (const r of replays) expect(r.body).toEqual({ checkin: first.body.checkin, duplicate: true });
    const rows = await t.db.select().from(stationCheckins).where(and(eq(stationCheckins.stationId, station.id), eq(stationCheckins.userId, rider.userId)));
    expect(rows).toHaveLength(1);

    const other = await t.loginAs('rider');
    expectError(await checkIn(station.id, other, { code: oldCode, scannedAt: new Date(at(NOON).getTime() - 25 * HOUR).toISOString() }), 410, 'CODE_EXPIRED');
    expectError(await checkIn(station.id, other, { code: oldCode, scannedAt: new Date(at(NOON).getTime() + 5 * MINUTE).toISOString() }), 422, 'INVALID_CODE');
    expectError(await checkIn(station.id, other, { code: '1.forgedforgedforgedforged', scannedAt }), 422, 'INVALID_CODE');
    expectError(await checkIn(station.id, other, { code: oldCode, scannedAt: 'yesterday' }), 400, 'VALIDATION_FAILED');
    // 30 s ahead of the server clock is drift, counted as now
    const drift = await checkIn(station.id, other, { code: oldCode, scannedAt: new Date(at(NOON).getTime() + 30_000).toISOString() });
    expect(drift.status).toBe(201);
    expect(drift.body.checkin.at).toBe(NOON);

    // staff rotate the code an hour ago: a scan of the old code made before that still counts, after it not
    t.clock.set(new Date(at(NOON).getTime() - HOUR));
    await t.call('POST', `/stations/${station.id}/checkin-code/rotate`, { as: lgqAdmin });
    t.clock.set(NOON);
    const newCode = await codeOf(station.id);
    const late = await t.loginAs('rider');
    expectError(await checkIn(station.id, late, { code: oldCode }), 422, 'INVALID_CODE');
    expectError(await checkIn(station.id, late, { code: oldCode, scannedAt: new Date(at(NOON).getTime() - 30 * MINUTE).toISOString() }), 422, 'INVALID_CODE');
    expectError(await checkIn(station.id, late, { code: newCode, scannedAt: new Date(at(NOON).getTime() - 2 * HOUR).toISOString() }), 422, 'INVALID_CODE');
    const beforeRotation = await checkIn(station.id, late, { code: oldCode, scannedAt: new Date(at(NOON).getTime() - 2 * HOUR).toISOString() });
    expect(beforeRotation.status).toBe(201);
    expect((await checkIn(station.id, await t.loginAs('rider'), { code: newCode, scannedAt: new Date(at(NOON).getTime() - 10 * MINUTE).toISOString() })).status).toBe(201);
  });

  it('the window is a setting (QUEUED_SCAN_WINDOW_HOURS)', async () => {
    const short = await createTestApp({ env: { QUEUED_SCAN_WINDOW_HOURS: '2' } });
    try {
      short.clock.set(NOON);
      const admin = await short.loginAs('org_admin', { orgId: short.orgIds.LGQ });
      const station = await createStation(short, { orgId: short.orgIds.LGQ }, admin);
      const code = (await short.call('GET', `/stations/${station.id}/checkin-code`, { as: admin })).body.code;
      const rider = await short.loginAs('rider');
      const body = (hours: number) => ({ body: { code, scannedAt: new Date(at(NOON).getTime() - hours * HOUR).toISOString() }, as: rider });
      expectError(await short.call('POST', `/stations/${station.id}/checkins`, body(3)), 410, 'CODE_EXPIRED');
      expect((await short.call('POST', `/stations/${station.id}/checkins`, body(1))).status).toBe(201);
    } finally {
      await short.close();
    }
  });
});
