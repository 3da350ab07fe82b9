import { createTestApp, expectError, type TestApp } from '../harness';
import { createStation } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('station_staff grants by org admins', () => {
  it('an org admin may make someone staff of a station in their subtree, not of another street’s', async () => {
    const lgqAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const mine = await createStation(t, { orgId: t.orgIds.LGQ, name: '卢沟桥驿站' });
    const theirs = await createStation(t, { orgId: t.orgIds.DGD, name: '东高地驿站' });
    const granted = await t.call('POST', '/admin/grants', { as: lgqAdmin, body: { openid: 'new-staff-1', role: 'station_staff', stationId: mine.id } });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ openid: 'new-staff-1', role: 'station_staff', stationId: mine.id, orgId: null });
    expectError(await t.call('POST', '/admin/grants', { as: lgqAdmin, body: { openid: 'new-staff-2', role: 'station_staff', stationId: theirs.id } }), 403, 'FORBIDDEN');
    const missing = expectError(
      await t.call('POST', '/admin/grants', { as: lgqAdmin, body: { openid: 'new-staff-3', role: 'station_staff', stationId: '00000000-0000-4000-8000-000000000000' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(missing.details).toEqual([expect.objectContaining({ field: 'stationId' })]);
    // and may revoke it again
    expect((await t.call('DELETE', '/admin/grants', { as: lgqAdmin, body: { openid: 'new-staff-1', role: 'station_staff', stationId: mine.id } })).status).toBe(204);
  });

  it('GET /me names the station of a station_staff role', async () => {
    const station = await createStation(t, { name: '顺丰丰体服务部工会驿站' });
    const staff = await t.loginAs('station_staff', { stationId: station.id });
    const me = await t.call('GET', '/me', { as: staff });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual([{ role: 'rider' }, { role: 'station_staff', stationId: station.id, stationName: '顺丰丰体服务部工会驿站' }]);
  });
});
