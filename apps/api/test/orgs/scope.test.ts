import { principalLoader, type Principal } from '../../src/features/auth/principal';
import { createTestApp, type TestApp } from '../harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const principalOf = async (userId: string): Promise<Principal> => {
  const principal = await principalLoader(t.db).load(userId);
  if (!principal) throw new Error(`no user ${userId}`);
  return principal;
};

describe('org_admin scope covers the whole subtree and nothing else', () => {
  it('a district admin administers the district and both of its streets', async () => {
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.FT });
    const p = await principalOf(admin.userId);
    for (const code of ['FT', 'LGQ', 'DGD']) expect(await p.canAdminOrg(t.orgIds[code])).toBe(true);
  });

  it('a street admin administers their street, not the sibling street nor the district', async () => {
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const p = await principalOf(admin.userId);
    expect(await p.canAdminOrg(t.orgIds.LGQ)).toBe(true);
    expect(await p.canAdminOrg(t.orgIds.DGD)).toBe(false);
    expect(await p.canAdminOrg(t.orgIds.FT)).toBe(false);
  });

  it('covers orgs created later below the admin’s org', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const child = await t.call('POST', '/orgs', { as: superAdmin, body: { name: '卢沟桥某社区工会联合会', kind: 'industry', parentId: t.orgIds.LGQ } });
    expect(child.status).toBe(201);
    expect(await (await principalOf(admin.userId)).canAdminOrg(child.body.id)).toBe(true);
  });

  it('a super admin administers every org; a rider none', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const rider = await t.loginAs('rider');
    expect(await (await principalOf(superAdmin.userId)).canAdminOrg(t.orgIds.DGD)).toBe(true);
    expect(await (await principalOf(rider.userId)).canAdminOrg(t.orgIds.DGD)).toBe(false);
  });

  it('requireRole lets org_admin and super_admin through a guarded route, and not riders', async () => {
    const rider = await t.loginAs('rider');
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const superAdmin = await t.loginAs('super_admin');
    const body = { openid: 'someone-new', role: 'super_admin' };
    expect((await t.call('POST', '/admin/grants', { as: rider, body })).status).toBe(403);
    // an org admin passes the role guard but may not hand out super_admin
    expect((await t.call('POST', '/admin/grants', { as: admin, body })).status).toBe(403);
    expect((await t.call('GET', '/admin/grants', { as: superAdmin })).status).toBe(200);
  });

  it('a revoked grant stops working on the next request', async () => {
    const superAdmin = await t.loginAs('super_admin');
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const revoke = await t.call('DELETE', '/admin/grants', { as: superAdmin, body: { openid: admin.openid, role: 'org_admin', orgId: t.orgIds.LGQ } });
    expect(revoke.status).toBe(204);
    expect(await (await principalOf(admin.userId)).canAdminOrg(t.orgIds.LGQ)).toBe(false);
  });
});
