import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '@xfqs/db';
import { createTestApp, expectError, type TestApp } from '../harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /orgs', () => {
  it('lists the union tree, parents before children', async () => {
    const rider = await t.loginAs('rider');
    const res = await t.call('GET', '/orgs', { as: rider });
    expect(res.status).toBe(200);
    const names = res.body.items.map((o: { name: string }) => o.name);
    expect(names.slice(0, 1)).toEqual(['丰台区总工会']);
    expect(names).toEqual(expect.arrayContaining(['卢沟桥街道总工会', '东高地街道总工会']));
    const lgq = res.body.items.find((o: { code: string }) => o.code === 'LGQ');
    expect(lgq).toEqual({ id: t.orgIds.LGQ, name: '卢沟桥街道总工会', parentId: t.orgIds.FT, kind: 'street', code: 'LGQ' });
  });

  it('needs sign-in', async () => {
    expectError(await t.call('GET', '/orgs'), 401, 'UNAUTHENTICATED');
  });
});

describe('POST /orgs', () => {
  it('super_admin creates a street under a district → 201', async () => {
    const su = await t.loginAs('super_admin');
    const res = await t.call('POST', '/orgs', { as: su, body: { name: '右安门街道总工会', kind: 'street', parentId: t.orgIds.FT, code: 'YAM' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '右安门街道总工会', kind: 'street', parentId: t.orgIds.FT, code: 'YAM' });
  });

  it('400 naming the field for an unknown parent, a street without parent, or a bad kind', async () => {
    const su = await t.loginAs('super_admin');
    const unknownParent = await t.call('POST', '/orgs', { as: su, body: { name: '某街道', kind: 'street', parentId: '00000000-0000-4000-8000-000000000000' } });
    expect(expectError(unknownParent, 400, 'VALIDATION_FAILED').details![0].field).toBe('parentId');
    expect(expectError(await t.call('POST', '/orgs', { as: su, body: { name: '某街道', kind: 'street' } }), 400, 'VALIDATION_FAILED').details![0].field).toBe('parentId');
    expect(expectError(await t.call('POST', '/orgs', { as: su, body: { name: '某街道', kind: 'village' } }), 400, 'VALIDATION_FAILED').details![0].field).toBe('kind');
  });

  it('409 for a code already in use', async () => {
    const su = await t.loginAs('super_admin');
    expectError(await t.call('POST', '/orgs', { as: su, body: { name: '重复', kind: 'district', code: 'LGQ' } }), 409, 'CONFLICT');
  });

  it('403 for an org_admin', async () => {
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    expectError(await t.call('POST', '/orgs', { as: admin, body: { name: '某街道', kind: 'street', parentId: t.orgIds.FT } }), 403, 'FORBIDDEN');
  });
});

describe('role grants', () => {
  it('granting creates the user on first grant; /me then shows the role; both are audited', async () => {
    const su = await t.loginAs('super_admin');
    const grant = await t.call('POST', '/admin/grants', { as: su, body: { openid: 'new-admin', role: 'org_admin', orgId: t.orgIds.DGD } });
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ openid: 'new-admin', role: 'org_admin', orgId: t.orgIds.DGD, stationId: null });
    const [user] = await t.db.select().from(users).where(eq(users.openid, 'new-admin'));
    expect(user.id).toBe(grant.body.userId);

    const admin = await t.loginAs('rider', { openid: 'new-admin' });
    const me = await t.call('GET', '/me', { as: admin });
    expect(me.body.roles).toContainEqual(expect.objectContaining({ role: 'org_admin', orgId: t.orgIds.DGD }));

    // granting again is harmless
    expect((await t.call('POST', '/admin/grants', { as: su, body: { openid: 'new-admin', role: 'org_admin', orgId: t.orgIds.DGD } })).status).toBe(201);

    const revoke = await t.call('DELETE', '/admin/grants', { as: su, body: { openid: 'new-admin', role: 'org_admin', orgId: t.orgIds.DGD } });
    expect(revoke.status).toBe(204);
    expectError(await t.call('DELETE', '/admin/grants', { as: su, body: { openid: 'new-admin', role: 'org_admin', orgId: t.orgIds.DGD } }), 404, 'NOT_FOUND');

    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, user.id)));
    expect(trail.map((a) => a.action).sort()).toEqual(['grant.create', 'grant.create', 'grant.revoke']);
    expect(trail.every((a) => a.actorId === su.userId)).toBe(true);
  });

  it('400 for a scope that does not fit the role', async () => {
    const su = await t.loginAs('super_admin');
    const noOrg = expectError(await t.call('POST', '/admin/grants', { as: su, body: { openid: 'x', role: 'org_admin' } }), 400, 'VALIDATION_FAILED');
    expect(noOrg.details).toContainEqual(expect.objectContaining({ field: 'orgId' }));
    const noStation = expectError(await t.call('POST', '/admin/grants', { as: su, body: { openid: 'x', role: 'station_staff' } }), 400, 'VALIDATION_FAILED');
    expect(noStation.details).toContainEqual(expect.objectContaining({ field: 'stationId' }));
    const stray = expectError(await t.call('POST', '/admin/grants', { as: su, body: { openid: 'x', role: 'super_admin', orgId: t.orgIds.FT } }), 400, 'VALIDATION_FAILED');
    expect(stray.details).toContainEqual(expect.objectContaining({ field: 'orgId' }));
  });
});
