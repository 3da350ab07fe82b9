import { eq } from 'drizzle-orm';
import { auditLog, stations } from '@xfqs/db';
import { streetAdmins } from '../membership/helpers';
import { createTestApp, expectError, type CallResult, type TestApp, type TestUser } from '../harness';
import { createStation, stationBody } from './helpers';

let t: TestApp;
let lgqAdmin: TestUser;
let dgdAdmin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ({ lgqAdmin, dgdAdmin } = await streetAdmins(t));
});
afterAll(() => t.close());
afterEach(() => t.clock.release());

const fieldsOf = (res: Awaited<ReturnType<TestApp['call']>>) => expectError(res, 400, 'VALIDATION_FAILED').details!.map((d) => d.field);

describe('POST /stations', () => {
  it('creates a station for an org_admin of its org and returns it with orgId and openNow', async () => {
    t.clock.set('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Beijing
    const body = stationBody(t, {
      name: '巴厘岛快递公寓工会驿站',
      hours: { weekly: [{ days: [5, 1, 3], open: '09:00', close: '18:00' }] },
      services: ['microwave', 'hot_water'],
      externalCode: 'LGQ-TEST-1',
    });
    const res = await t.call('POST', '/stations', { as: lgqAdmin, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      orgId: t.orgIds.LGQ,
      name: '巴厘岛快递公寓工会驿站',
      status: 'active',
      externalCode: 'LGQ-TEST-1',
      hours: { weekly: [{ days: [1, 3, 5], open: '09:00', close: '18:00' }] },
      services: ['hot_water', 'microwave'],
      openNow: true,
    });
    const again = await t.call('GET', `/stations/${res.body.id}`);
    expect(again.status).toBe(200);
    // the detail adds the freshest rider confirmations (none yet)
    expect(again.body).toEqual({ ...res.body, confirmations: [] });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, res.body.id));
    expect(entry).toMatchObject({ action: 'station.create', actorId: lgqAdmin.userId });
  });

  it('lets an admin of an ancestor org create one; another street’s admin and riders get 403', async () => {
    const district = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    expect((await t.call('POST', '/stations', { as: district, body: stationBody(t, { orgId: t.orgIds.DGD }) })).status).toBe(201);
    expectError(await t.call('POST', '/stations', { as: dgdAdmin, body: stationBody(t, { orgId: t.orgIds.LGQ }) }), 403, 'FORBIDDEN');
    expectError(await t.call('POST', '/stations', { as: lgqAdmin, body: stationBody(t, { orgId: t.orgIds.FT }) }), 403, 'FORBIDDEN');
    expectError(await t.call('POST', '/stations', { as: await t.loginAs('rider'), body: stationBody(t) }), 403, 'FORBIDDEN');
    expectError(await t.call('POST', '/stations', { body: stationBody(t) }), 401, 'UNAUTHENTICATED');
  });

  it('validates every field and names it', async () => {
    const post = (overrides: Record<string, unknown>) => t.call('POST', '/stations', { as: lgqAdmin, body: { ...stationBody(t), ...overrides } });
    expect(fieldsOf(await post({ services: ['hot_water', 'spa'] }))).toEqual(['services.1']);
    expect(fieldsOf(await post({ services: ['hot_water', 'hot_water'] }))).toEqual(['services']);
    expect(fieldsOf(await post({ hours: { weekly: [{ days: [1], open: '09:00', close: '09:00' }] } }))).toEqual(['hours.weekly.0.close']);
    expect(fieldsOf(await post({ hours: { weekly: [{ days: [1], open: '08:00', close: '12:00' }, { days: [2], open: '13:00', close: '13:00' }] } }))).toEqual([
      'hours.weekly.1.close',
    ]);
    expect(fieldsOf(await post({ hours: { weekly: [] } }))).toEqual(['hours.weekly']);
    expect(fieldsOf(await post({ hours: { weekly: [{ days: [8], open: '09:00', close: '18:00' }] } }))).toEqual(['hours.weekly.0.days.0']);
    expect(fieldsOf(await post({ hours: { weekly: [{ days: [1], open: '9am', close: '18:00' }] } }))).toEqual(['hours.weekly.0.open']);
    expect(fieldsOf(await post({ hours: { weekly: [{ days: [1], open: '09:00', close: '18:00', note: 'x' }] } }))).toEqual(['hours.weekly.0.note']);
    expect(fieldsOf(await post({ hours: { weekly: [{ days: [], open: '09:00', close: '18:00' }] } }))).toEqual(['hours.weekly.0.days']);
    expect(fieldsOf(await post({ phone: '12345' }))).toEqual(['phone']);
    expect(fieldsOf(await post({ phone: '010-1234' }))).toEqual(['phone']);
    expect(fieldsOf(await post({ kind: 'hotel' }))).toEqual(['kind']);
    expect(fieldsOf(await post({ lat: 90.1 }))).toEqual(['lat']);
    expect(fieldsOf(await post({ lng: -180.5 }))).toEqual(['lng']);
    expect(fieldsOf(await post({ name: '   ' }))).toEqual(['name']);
    expect(fieldsOf(await post({ status: 'deleted' }))).toEqual(['status']);
    expect(fieldsOf(await post({ checkinKeyVersion: 7 }))).toEqual(['checkinKeyVersion']);
    expect(fieldsOf(await post({ orgId: 'not-a-uuid' }))).toEqual(['orgId']);
    const { address: _address, ...withoutAddress } = stationBody(t);
    expect(fieldsOf(await t.call('POST', '/stations', { as: lgqAdmin, body: withoutAddress }))).toEqual(['address']);
    // landlines and mobiles are both fine
    expect((await post({ phone: '010-63812345' })).status).toBe(201);
    expect((await post({ phone: '13912345678' })).status).toBe(201);
    expect((await post({ phone: null })).status).toBe(201);
  });

  it('accepts hours past midnight, 00:00–24:00 and alwaysOpen', async () => {
    for (const hours of [
      { weekly: [{ days: [5, 6], open: '22:00', close: '06:00' }] },
      { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }] },
      { weekly: [], alwaysOpen: true },
    ]) {
      const res = await t.call('POST', '/stations', { as: lgqAdmin, body: stationBody(t, { hours }) });
      expect(res.status).toBe(201);
      expect(res.body.hours).toEqual(hours);
    }
  });

  it('an externalCode is unique within the org (409), not across orgs', async () => {
    await createStation(t, { externalCode: 'DUP-1' });
    expectError(await t.call('POST', '/stations', { as: lgqAdmin, body: stationBody(t, { externalCode: 'DUP-1' }) }), 409, 'CONFLICT');
    expect((await t.call('POST', '/stations', { as: dgdAdmin, body: stationBody(t, { orgId: t.orgIds.DGD, externalCode: 'DUP-1' }) })).status).toBe(201);
  });

  it('an unknown org is a 400 for a super admin', async () => {
    const superAdmin = await t.loginAs('super_admin');
    expect(fieldsOf(await t.call('POST', '/stations', { as: superAdmin, body: stationBody(t, { orgId: '00000000-0000-4000-8000-000000000000' }) }))).toEqual(['orgId']);
  });
});

describe('PATCH /stations/:id', () => {
  it('changes the given fields only, and open now follows the new hours', async () => {
    const station = await createStation(t, { hours: { weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }] } });
    t.clock.set('2026-11-29T04:00:00Z'); // Sunday noon
    const res = await t.call('PATCH', `/stations/${station.id}`, {
      as: lgqAdmin,
      body: { name: '新名字', hours: { weekly: [{ days: [7], open: '10:00', close: '14:00' }] }, phone: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: station.id, name: '新名字', address: station.address, phone: null, openNow: true, services: ['hot_water', 'charging'] });
    t.clock.set('2026-11-29T06:00:00Z'); // Sunday 14:00, closing time
    expect((await t.call('GET', `/stations/${station.id}`)).body.openNow).toBe(false);
  });

  it('validates like create, refuses orgId and unknown fields, and needs at least one field', async () => {
    const station = await createStation(t);
    const patch = (body: unknown) => t.call('PATCH', `/stations/${station.id}`, { as: lgqAdmin, body });
    expect(fieldsOf(await patch({ orgId: t.orgIds.DGD }))).toEqual(['orgId']);
    expect(fieldsOf(await patch({ services: ['tea'] }))).toEqual(['services.0']);
    expect(fieldsOf(await patch({ hours: { weekly: [{ days: [3], open: '10:00', close: '10:00' }] } }))).toEqual(['hours.weekly.0.close']);
    expect(fieldsOf(await patch({ phone: '4008123123' }))).toEqual(['phone']);
    expectError(await patch({}), 400, 'VALIDATION_FAILED');
    expect((await t.call('GET', `/stations/${station.id}`)).body.name).toBe(station.name);
  });

  it('another street’s admin can neither edit nor close it; unknown ids are 404', async () => {
    const station = await createStation(t, { orgId: t.orgIds.LGQ });
    expectError(await t.call('PATCH', `/stations/${station.id}`, { as: dgdAdmin, body: { name: '改名' } }), 403, 'FORBIDDEN');
    expectError(await t.call('PATCH', `/stations/${station.id}`, { as: dgdAdmin, body: { status: 'closed' } }), 403, 'FORBIDDEN');
    expect((await t.call('GET', `/stations/${station.id}`)).body).toMatchObject({ name: station.name, status: 'active' });
    expectError(await t.call('PATCH', '/stations/00000000-0000-4000-8000-000000000000', { as: lgqAdmin, body: { name: 'x' } }), 404, 'NOT_FOUND');
  });

  it('moving to an externalCode the org already uses is a 409', async () => {
    await createStation(t, { externalCode: 'TAKEN-1' });
    const other = await createStation(t, { externalCode: 'FREE-1' });
    expectError(await t.call('PATCH', `/stations/${other.id}`, { as: lgqAdmin, body: { externalCode: 'TAKEN-1' } }), 409, 'CONFLICT');
  });
});

describe('GET /stations/:id and GET /stations', () => {
  it('gives distanceM only with lat and lng (both or neither)', async () => {
    const station = await createStation(t, { lat: 39.8585, lng: 116.2867 });
    expect((await t.call('GET', `/stations/${station.id}`)).body).not.toHaveProperty('distanceM');
    const near = await t.call('GET', `/stations/${station.id}?lat=39.8585&lng=116.2967`);
    expect(near.body.distanceM).toBeGreaterThan(845);
    expect(near.body.distanceM).toBeLessThan(860);
    expect(fieldsOf(await t.call('GET', `/stations/${station.id}?lat=39.8585`))).toEqual(['lng']);
    expectError(await t.call('GET', '/stations/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expect(fieldsOf(await t.call('GET', '/stations/123'))).toEqual(['id']);
  });

  it('lists the admin’s subtree only, by name, in pages', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const child = await t.call('POST', '/orgs', { as: superAdmin, body: { name: '东高地某楼宇工会', kind: 'industry', parentId: t.orgIds.DGD } });
    const mine = [await createStation(t, { orgId: t.orgIds.DGD, name: '东高地 A' }), await createStation(t, { orgId: child.body.id, name: '东高地 B' })];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: CallResult<{ items: Array<{ id: string }>; nextCursor: string | null }> = await t.call('GET', `/stations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: dgdAdmin });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((s) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(mine.map((s) => s.id)));
    const all = await t.db.select({ id: stations.id, orgId: stations.orgId }).from(stations);
    expect(seen.sort()).toEqual(all.filter((s) => s.orgId === t.orgIds.DGD || s.orgId === child.body.id).map((s) => s.id).sort());
    expectError(await t.call('GET', `/stations?orgId=${t.orgIds.LGQ}`, { as: dgdAdmin }), 403, 'FORBIDDEN');
  });
});
