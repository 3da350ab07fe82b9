import { and, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { orgs, stations, type DbOrTx } from '@xfqs/db';
import { forbidden, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { getOrg, requireOrg, subtreeIds } from './service';

/**
 * The one org-scope model of the API (docs/SECURITY.md, "Org scope"). Every feature asks here:
 *
 * - **Lists and statistics** cover `orgId` and its subtree when the request names one, otherwise
 *   every org the caller administers (all orgs for super_admin). An `orgId` that does not exist is
 *   a 400 naming `orgId`; an existing org outside the caller's scope is a 403 (the org tree is
 *   public, so this tells nothing new). A caller in scope with nothing to show gets an empty list.
 * - **Objects anyone may read** (orgs, stations, activities) but the caller may not change: 403.
 * - **Objects only their owner and the org's staff may read** (applications, reports and their
 *   photos, redemptions, requests for help): outside that circle the answer is the same 404 as for an id that does
 *   not exist, so nobody learns of another street's riders.
 * - **A station** is managed by its own staff (station_staff grant) and by the admins of its org
 *   or any org above it (`canManageStation`), and by super_admin.
 */
export type OrgScope = string[] | 'all';

export async function orgScope(db: DbOrTx, principal: Principal, orgId: string | undefined): Promise<OrgScope> {
  if (orgId) {
    await requireOrg(db, orgId);
    await principal.assertOrgAdmin(orgId);
    return subtreeIds(db, orgId);
  }
  const administered = await principal.adminOrgIds();
  return administered === 'all' ? 'all' : [...administered];
}

/** An org named in the path: one that does not exist is a 404 for everyone; an existing one outside the caller's scope a 403. */
export async function assertAdminOfExistingOrg(db: DbOrTx, principal: Principal, orgId: string): Promise<void> {
  if (!(await getOrg(db, orgId))) throw notFound('工会组织');
  await principal.assertOrgAdmin(orgId);
}

/** SQL condition "column is one of the scope's orgs" (none for 'all', always false for an empty scope). */
export function inOrgScope(column: AnyColumn, scope: OrgScope): SQL | undefined {
  if (scope === 'all') return undefined;
  return scope.length > 0 ? inArray(column, scope) : sql`false`;
}

/** Staff of this station, or admin of its org (or above), or super_admin. */
export async function canManageStation(principal: Principal, station: { id: string; orgId: string }): Promise<boolean> {
  if ((await principal.staffStationIds()).includes(station.id)) return true;
  return principal.canAdminOrg(station.orgId);
}

export async function assertManagesStation(principal: Principal, station: { id: string; orgId: string }, message = '您不是该驿站的工作人员或管理员') {
  if (!(await canManageStation(principal, station))) throw forbidden(message);
}

/** Admin of the org (or above), or staff of a station anywhere inside that org's subtree. */
export async function isStaffOfOrg(db: DbOrTx, principal: Principal, org: { id: string; path: string }): Promise<boolean> {
  if (await principal.canAdminOrg(org.id)) return true;
  const staffOf = await principal.staffStationIds();
  if (staffOf.length === 0) return false;
  const [inside] = await db
    .select({ id: stations.id })
    .from(stations)
    .innerJoin(orgs, eq(orgs.id, stations.orgId))
    .where(and(inArray(stations.id, staffOf), sql`${orgs.path} like ${org.path} || '%'`))
    .limit(1);
  return Boolean(inside);
}

/** For objects only their owner and the org's admins may see: 404 for everyone else. */
export async function assertOwnerOrOrgAdmin(principal: Principal, object: { userId: string; orgId: string }, what: string): Promise<void> {
  if (object.userId === principal.userId) return;
  if (!(await principal.canAdminOrg(object.orgId))) throw notFound(what);
}

/** The org a station belongs to (for station_staff grants); undefined when there is no such station. */
export async function stationOrgOf(db: DbOrTx, stationId: string): Promise<string | undefined> {
  const [station] = await db.select({ orgId: stations.orgId }).from(stations).where(eq(stations.id, stationId));
  return station?.orgId;
}
