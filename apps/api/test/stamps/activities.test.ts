import { eq } from 'drizzle-orm';
import { stampLedger } from '@xfqs/db';
import { expectError, type TestUser } from '../harness';
import { HOUR, LUGOUQIAO, checkIn, createActivity, stampsAppWithAdmin, type StampsApp, createStation, currentToken, loginStaff } from './helpers';

const file = stampsAppWithAdmin();
let t: StampsApp;
let admin: TestUser;
beforeAll(() => ({ t, admin } = file));
afterEach(() => t.clock.release());

describe('creating and reading activities', () => {
  it('an org admin creates an activity in their own org by default, 1 stamp unless told', async () => {
    const res = await t.call('POST', '/activities', {
      as: admin,
      body: { title: '卢沟桥文明引导', kind: 'civic', startsAt: '2026-11-25T01:00:00.000Z', endsAt: '2026-11-25T09:00:00.000Z' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: '卢沟桥文明引导', kind: 'civic', orgId: t.orgIds.LGQ, orgName: '卢沟桥街道总工会', stamps: 1, lat: null, radiusM: null });
    expect(res.body).not.toHaveProperty('secret');
  });

  it('refuses an end before the start, a partial geofence, stamps out of range and unknown fields, naming them', async () => {
    const base = { title: '活动', kind: 'volunteer', startsAt: '2026-11-25T09:00:00Z', endsAt: '2026-11-25T10:00:00Z' };
    let err = expectError(await t.call('POST', '/activities', { as: admin, body: { ...base, endsAt: '2026-11-25T08:00:00Z' } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['endsAt']);
    err = expectError(await t.call('POST', '/activities', { as: admin, body: { ...base, lat: 39.8 } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field).sort()).toEqual(['lng', 'radiusM']);
    err = expectError(await t.call('POST', '/activities', { as: admin, body: { ...base, stamps: 6 } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['stamps']);
    err = expectError(await t.call('POST', '/activities', { as: admin, body: { ...base, secret: 'mine' } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(['secret']);
    err = expectError(await t.call('POST', '/activities', { as: admin, body: { kind: 'party', startsAt: 'yesterday' } }), 400, 'VALIDATION_FAILED');
    expect(err.details!.map((d) => d.field)).toEqual(expect.arrayContaining(['title', 'kind', 'startsAt', 'endsAt']));
  });

  it('only admins of the org (or above) create activities in it', async () => {
    const rider = await t.loginAs('rider');
    const dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    const body = { title: '活动', kind: 'volunteer', startsAt: '2026-11-25T09:00:00Z', endsAt: '2026-11-25T10:00:00Z', orgId: t.orgIds.LGQ };
    expectError(await t.call('POST', '/activities', { as: rider, body }), 403, 'FORBIDDEN');
    expectError(await t.call('POST', '/activities', { as: dgdAdmin, body }), 403, 'FORBIDDEN');
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    expect((await t.call('POST', '/activities', { as: district, body })).status).toBe(201);
  });

  it('lists activities of the admin’s subtree only, newest start first, with paging', async () => {
    const dgdAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.DGD });
    const dgd = await createActivity(t, dgdAdmin, { title: '东高地活动' });
    const first = await createActivity(t, admin, { title: '卢沟桥早场', startsAt: '2030-01-01T01:00:00Z', endsAt: '2030-01-01T02:00:00Z' });
    const second = await createActivity(t, admin, { title: '卢沟桥晚场', startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T11:00:00Z' });

    const page1 = await t.call('GET', '/activities?limit=1', { as: admin });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((a: { id: string }) => a.id)).toEqual([second.id]);
    const page2 = await t.call('GET', `/activities?limit=1&cursor=${page1.body.nextCursor}`, { as: admin });
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([first.id]);
    const all = await t.call('GET', '/activities?limit=100', { as: admin });
    expect(all.body.items.some((a: { id: string }) => a.id === dgd.id)).toBe(false);

    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const both = await t.call('GET', '/activities?limit=100', { as: district });
    expect(both.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([dgd.id, first.id, second.id]));
    expectError(await t.call('GET', `/activities?orgId=${t.orgIds.DGD}`, { as: admin }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', '/activities?limit=101', { as: admin }), 400, 'VALIDATION_FAILED');
    expectError(await t.call('GET', '/activities?cursor=bm9wZQ', { as: admin }), 400, 'VALIDATION_FAILED');
  });

  it('any signed-in rider may read one activity (never its secret); an unknown one is a 404', async () => {
    const activity = await createActivity(t, admin);
    const rider = await t.loginAs('rider');
    const res = await t.call('GET', `/activities/${activity.id}`, { as: rider });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe(activity.title);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expectError(await t.call('GET', '/activities/00000000-0000-4000-8000-000000000000', { as: rider }), 404, 'NOT_FOUND');
    expectError(await t.call('GET', `/activities/${activity.id}`), 401, 'UNAUTHENTICATED');
  });
});

describe('checkin-token', () => {
  it('is shown to admins of the activity’s org or above and to staff of a station in it, nobody else', async () => {
    const activity = await createActivity(t, admin);
    const lgqStation = await createStation(t, { orgId: t.orgIds.LGQ });
    const dgdStation = await createStation(t, { orgId: t.orgIds.DGD });
    const path = `/activities/${activity.id}/checkin-token`;

    const ok = await t.call('GET', path, { as: await loginStaff(t, lgqStation.id) });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{12}$/);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect((await t.call('GET', path, { as: await t.loginAs('org_admin', { orgId: t.orgIds.FT }) })).status).toBe(200);

    expectError(await t.call('GET', path, { as: await t.loginAs('rider') }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', path, { as: await loginStaff(t, dgdStation.id) }), 403, 'FORBIDDEN');
    expectError(await t.call('GET', path, { as: await t.loginAs('org_admin', { orgId: t.orgIds.DGD }) }), 403, 'FORBIDDEN');
  });

  it('rotates every 30 s: expiresAt is the end of the current step', async () => {
    const activity = await createActivity(t, admin);
    t.clock.set('2026-11-25T06:00:10.000Z');
    const a = await t.call('GET', `/activities/${activity.id}/checkin-token`, { as: admin });
    expect(a.body.expiresAt).toBe('2026-11-25T06:00:30.000Z');
    t.clock.set('2026-11-25T06:00:29.999Z');
    expect((await t.call('GET', `/activities/${activity.id}/checkin-token`, { as: admin })).body.token).toBe(a.body.token);
    t.clock.set('2026-11-25T06:00:30.000Z');
    const b = await t.call('GET', `/activities/${activity.id}/checkin-token`, { as: admin });
    expect(b.body.token).not.toBe(a.body.token);
    expect(b.body.expiresAt).toBe('2026-11-25T06:01:00.000Z');
  });
});

describe('rider check-in', () => {
  it('earns the activity’s stamps once: 201 with the stamp and balance, then 200 duplicate', async () => {
    const activity = await createActivity(t, admin, { stamps: 3, title: '暖心驿站清洁' });
    const rider = await t.loginAs('rider');
    const token = await currentToken(t, admin, activity.id);
    const first = await checkIn(t, rider, activity.id, { token });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, balance: 3, stamp: { source: 'activity', title: '暖心驿站清洁', amount: 3 } });
    const again = await checkIn(t, rider, activity.id, { token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, balance: 3, stamp: { id: first.body.stamp.id } });
  });

  it('token rotation with the clock fixed: the current and the previous step pass, two steps old is 410', async () => {
    const activity = await createActivity(t, admin, { startsAt: '2026-11-25T05:00:00Z', endsAt: '2026-11-25T07:00:00Z' });
    t.clock.set('2026-11-25T06:00:10.000Z');
    const token = await currentToken(t, admin, activity.id);

    const current = await checkIn(t, await t.loginAs('rider'), activity.id, { token });
    expect(current.status).toBe(201);

    t.clock.advance(30_000); // the token is now the previous step
    const previous = await checkIn(t, await t.loginAs('rider'), activity.id, { token });
    expect(previous.status).toBe(201);

    t.clock.advance(30_000); // two steps old: a forwarded screenshot
    expectError(await checkIn(t, await t.loginAs('rider'), activity.id, { token }), 410, 'CODE_EXPIRED');
    // the fresh token of that moment works
    expect((await checkIn(t, await t.loginAs('rider'), activity.id, { token: await currentToken(t, admin, activity.id) })).status).toBe(201);
  });

  it('a forged token or another activity’s token is 422 INVALID_CODE', async () => {
    const activity = await createActivity(t, admin);
    const other = await createActivity(t, admin);
    const rider = await t.loginAs('rider');
    const token = await currentToken(t, admin, activity.id);
    const [step, mac] = token.split('.');
    const forged = `${step}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    expectError(await checkIn(t, rider, activity.id, { token: forged }), 422, 'INVALID_CODE');
    expectError(await checkIn(t, rider, activity.id, { token: 'hello' }), 422, 'INVALID_CODE');
    expectError(await checkIn(t, rider, activity.id, { token: await currentToken(t, admin, other.id) }), 422, 'INVALID_CODE');
    expectError(await checkIn(t, rider, '00000000-0000-4000-8000-000000000000', { token }), 404, 'NOT_FOUND');
    const missing = expectError(await checkIn(t, rider, activity.id, {}), 400, 'VALIDATION_FAILED');
    expect(missing.details!.map((d) => d.field)).toEqual(['token']);
  });

  it('outside the time window is 422 ACTIVITY_CLOSED (before the start and at or after the end)', async () => {
    t.clock.set('2026-11-25T06:00:00.000Z');
    const later = await createActivity(t, admin, { startsAt: '2026-11-25T07:00:00Z', endsAt: '2026-11-25T08:00:00Z' });
    const over = await createActivity(t, admin, { startsAt: '2026-11-25T04:00:00Z', endsAt: '2026-11-25T06:00:00Z' });
    const rider = await t.loginAs('rider');
    expectError(await checkIn(t, rider, later.id, { token: await currentToken(t, admin, later.id) }), 422, 'ACTIVITY_CLOSED');
    expectError(await checkIn(t, rider, over.id, { token: await currentToken(t, admin, over.id) }), 422, 'ACTIVITY_CLOSED');
  });

  it('geofence edge: inside the radius passes, a metre beyond it or no location is 422 OUT_OF_RANGE', async () => {
    const activity = await createActivity(t, admin, { ...LUGOUQIAO, radiusM: 100 });
    const token = await currentToken(t, admin, activity.id);
    // 0.00089° of latitude ≈ 98.96 m, 0.0009° ≈ 100.08 m
    const inside = { lat: LUGOUQIAO.lat + 0.00089, lng: LUGOUQIAO.lng };
    const outside = { lat: LUGOUQIAO.lat + 0.0009, lng: LUGOUQIAO.lng };
    const far = { lat: 39.9087, lng: 116.3975 };

    const out = expectError(await checkIn(t, await t.loginAs('rider'), activity.id, { token, ...outside }), 422, 'OUT_OF_RANGE');
    expect(out.details).toEqual({ distanceM: 100.1, radiusM: 100 });
    expectError(await checkIn(t, await t.loginAs('rider'), activity.id, { token, ...far }), 422, 'OUT_OF_RANGE');
    expectError(await checkIn(t, await t.loginAs('rider'), activity.id, { token }), 422, 'OUT_OF_RANGE');
    expectError(await checkIn(t, await t.loginAs('rider'), activity.id, { token, lat: inside.lat }), 422, 'OUT_OF_RANGE');
    expect((await checkIn(t, await t.loginAs('rider'), activity.id, { token, ...inside })).status).toBe(201);
    expect((await checkIn(t, await t.loginAs('rider'), activity.id, { token, ...LUGOUQIAO })).status).toBe(201);
  });

  it('checks run in the contract’s order: token valid, token fresh, window, geofence', async () => {
    t.clock.set('2026-11-25T06:00:10.000Z');
    const closedFenced = await createActivity(t, admin, { startsAt: '2026-11-25T08:00:00Z', endsAt: '2026-11-25T09:00:00Z', ...LUGOUQIAO, radiusM: 50 });
    const openFenced = await createActivity(t, admin, { ...LUGOUQIAO, radiusM: 50 });
    const rider = await t.loginAs('rider');
    const farAway = { lat: 40.5, lng: 116.2 };
    const closedToken = await currentToken(t, admin, closedFenced.id);
    const openToken = await currentToken(t, admin, openFenced.id);

    // forged and expired and closed and outside → the token's validity speaks first
    expectError(await checkIn(t, rider, closedFenced.id, { token: openToken, ...farAway }), 422, 'INVALID_CODE');
    t.clock.advance(60_000);
    // expired, closed and outside → expired
    expectError(await checkIn(t, rider, closedFenced.id, { token: closedToken, ...farAway }), 410, 'CODE_EXPIRED');
    // fresh but closed and outside → closed
    expectError(await checkIn(t, rider, closedFenced.id, { token: await currentToken(t, admin, closedFenced.id), ...farAway }), 422, 'ACTIVITY_CLOSED');
    // fresh, open, outside → out of range
    expectError(await checkIn(t, rider, openFenced.id, { token: await currentToken(t, admin, openFenced.id), ...farAway }), 422, 'OUT_OF_RANGE');
    // and an expired token at an open activity, from inside: still 410
    expectError(await checkIn(t, rider, openFenced.id, { token: openToken, ...LUGOUQIAO }), 410, 'CODE_EXPIRED');
  });

  it('20 identical check-ins at once earn one stamp; the other 19 answer 200 duplicate', async () => {
    const activity = await createActivity(t, admin, { stamps: 2 });
    const rider = await t.loginAs('rider');
    const token = await currentToken(t, admin, activity.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => checkIn(t, rider, activity.id, { token })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    for (const r of results) expect(r.body.balance).toBe(2);
    expect(results.filter((r) => r.body.duplicate === true)).toHaveLength(19);
    const rows = await t.db.select().from(stampLedger).where(eq(stampLedger.userId, rider.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'earn', source: 'activity', sourceId: activity.id, amount: 2 });
  });

  it('the stamp is dated by the server clock', async () => {
    t.clock.set(new Date(Date.parse('2026-11-25T06:00:00Z') + 5 * HOUR));
    const activity = await createActivity(t, admin);
    const res = await checkIn(t, await t.loginAs('rider'), activity.id, { token: await currentToken(t, admin, activity.id) });
    expect(res.body.stamp.awardedAt).toBe('2026-11-25T11:00:00.000Z');
  });
});
