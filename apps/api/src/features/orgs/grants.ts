import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { roleGrants, users, type Db } from '@xfqs/db';
import { audit } from '../../audit';
import { badRequest, forbidden, notFound, type FieldError } from '../../errors';
import type { Principal } from '../auth/principal';
import type { GrantBody } from './schemas';
import { requireOrg } from './service';

/** Who may hand out a grant: super_admin anything; an org_admin station_staff within their subtree. */
export type StationOrgResolver = (db: Db, stationId: string) => Promise<string | undefined>;

function validateScope(body: GrantBody): void {
  const errors: FieldError[] = [];
  if (body.role === 'rider') errors.push({ field: 'role', message: '每位用户都是骑手，无需授权' });
  if (body.role === 'org_admin' && !body.orgId) errors.push({ field: 'orgId', message: '工会管理员需要指定组织' });
  if (body.role === 'station_staff' && !body.stationId) errors.push({ field: 'stationId', message: '驿站工作人员需要指定驿站' });
  if (body.role !== 'org_admin' && body.orgId) errors.push({ field: 'orgId', message: '该角色不按组织授权' });
  if (body.role !== 'station_staff' && body.stationId) errors.push({ field: 'stationId', message: '该角色不按驿站授权' });
  if (errors.length) throw badRequest(errors);
}

async function authorise(db: Db, actor: Principal | null, body: GrantBody, stationOrg: StationOrgResolver) {
  if (body.orgId) await requireOrg(db, body.orgId);
  let stationOrgId: string | undefined;
  if (body.stationId) {
    stationOrgId = await stationOrg(db, body.stationId);
    if (!stationOrgId) throw badRequest([{ field: 'stationId', message: '驿站不存在' }]);
  }
  if (!actor || (await actor.isSuperAdmin())) return;
  if (body.role === 'station_staff' && stationOrgId && (await actor.canAdminOrg(stationOrgId))) return;
  throw forbidden('只有超级管理员可以授予该角色');
}

function grantMatch(userId: string, body: GrantBody): SQL | undefined {
  return and(
    eq(roleGrants.userId, userId),
    eq(roleGrants.role, body.role),
    body.orgId ? eq(roleGrants.orgId, body.orgId) : isNull(roleGrants.orgId),
    body.stationId ? eq(roleGrants.stationId, body.stationId) : isNull(roleGrants.stationId),
  );
}

/** Grants a role (idempotent); the user is created if that openid never signed in. `actor` null = CLI. */
export async function grantRole(db: Db, actor: Principal | null, body: GrantBody, stationOrg: StationOrgResolver) {
  validateScope(body);
  await authorise(db, actor, body, stationOrg);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ openid: body.openid })
      .onConflictDoUpdate({ target: users.openid, set: { openid: body.openid } })
      .returning({ id: users.id, nickname: users.nickname });
    await tx
      .insert(roleGrants)
      .values({ userId: user.id, role: body.role, orgId: body.orgId ?? null, stationId: body.stationId ?? null, grantedBy: actor?.userId ?? null })
      .onConflictDoNothing();
    const [grant] = await tx.select().from(roleGrants).where(grantMatch(user.id, body));
    await audit(tx, {
      actorId: actor?.userId ?? null,
      action: 'grant.create',
      targetType: 'user',
      targetId: user.id,
      details: { role: body.role, orgId: body.orgId, stationId: body.stationId, via: actor ? 'api' : 'cli' },
    });
    return { userId: user.id, openid: body.openid, nickname: user.nickname, role: grant.role, orgId: grant.orgId, stationId: grant.stationId, createdAt: grant.createdAt.toISOString() };
  });
}

export async function revokeRole(db: Db, actor: Principal | null, body: GrantBody, stationOrg: StationOrgResolver) {
  validateScope(body);
  await authorise(db, actor, body, stationOrg);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.openid, body.openid));
    const deleted = user ? await tx.delete(roleGrants).where(grantMatch(user.id, body)).returning({ id: roleGrants.id }) : [];
    if (deleted.length === 0) throw notFound('授权');
    await audit(tx, {
      actorId: actor?.userId ?? null,
      action: 'grant.revoke',
      targetType: 'user',
      targetId: user.id,
      details: { role: body.role, orgId: body.orgId, stationId: body.stationId, via: actor ? 'api' : 'cli' },
    });
  });
}

export async function listGrants(db: Db, filter: { openid?: string; orgId?: string } = {}) {
  const rows = await db
    .select({
      userId: users.id,
      openid: users.openid,
      nickname: users.nickname,
      role: roleGrants.role,
      orgId: roleGrants.orgId,
      stationId: roleGrants.stationId,
      createdAt: roleGrants.createdAt,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(filter.openid ? eq(users.openid, filter.openid) : undefined, filter.orgId ? eq(roleGrants.orgId, filter.orgId) : undefined))
    .orderBy(asc(users.openid), asc(roleGrants.role));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
