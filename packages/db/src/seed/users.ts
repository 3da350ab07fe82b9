import type { Tx } from '../client';
import { roleGrants, users, type Role } from '../schema';
import type { DemoOrgIds } from './orgs';

interface DemoUser {
  openid: string;
  nickname: string;
  grant?: { role: Role; org?: keyof DemoOrgIds };
}

const DEMO_USERS: DemoUser[] = [
  { openid: 'demo-rider', nickname: '骑手小王' },
  // station_staff of the first seeded station: granted by the stations seed once stations exist.
  { openid: 'demo-staff', nickname: '驿站管理员小李' },
  { openid: 'demo-admin', nickname: '卢沟桥工会干事', grant: { role: 'org_admin', org: 'LGQ' } },
  { openid: 'demo-super', nickname: '平台运营', grant: { role: 'super_admin' } },
];

export async function seedUsers(tx: Tx, orgIds: DemoOrgIds): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const [row] = await tx
      .insert(users)
      .values({ openid: u.openid, nickname: u.nickname })
      .onConflictDoUpdate({ target: users.openid, set: { openid: u.openid } })
      .returning({ id: users.id });
    ids[u.openid] = row.id;
    if (u.grant) {
      await tx
        .insert(roleGrants)
        .values({ userId: row.id, role: u.grant.role, orgId: u.grant.org ? orgIds[u.grant.org] : null })
        .onConflictDoNothing();
    }
  }
  return ids;
}
