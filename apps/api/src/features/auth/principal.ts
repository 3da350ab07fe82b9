import { eq, sql } from 'drizzle-orm';
import { orgs, roleGrants, users, type Db, type Role } from '@xfqs/db';
import { forbidden, unauthenticated } from '../../errors';

export interface Grant {
  role: Role;
  orgId: string | null;
  stationId: string | null;
}

/**
 * The signed-in user of one request, with their role grants loaded once on first use.
 * All role and scope questions go through here, so the rules live in one place:
 * super_admin may do everything; an org_admin grant covers the org and its whole subtree.
 */
export class Principal {
  private grantsPromise?: Promise<Grant[]>;
  private adminOrgsPromise?: Promise<Set<string> | 'all'>;

  constructor(
    readonly userId: string,
    private readonly db: Db,
  ) {}

  grants(): Promise<Grant[]> {
    this.grantsPromise ??= this.loadGrants();
    return this.grantsPromise;
  }

  private async loadGrants(): Promise<Grant[]> {
    const [user] = await this.db.select({ id: users.id }).from(users).where(eq(users.id, this.userId));
    if (!user) throw unauthenticated('账号不存在，请重新登录');
    return this.db
      .select({ role: roleGrants.role, orgId: roleGrants.orgId, stationId: roleGrants.stationId })
      .from(roleGrants)
      .where(eq(roleGrants.userId, this.userId));
  }

  async isSuperAdmin(): Promise<boolean> {
    return (await this.grants()).some((g) => g.role === 'super_admin');
  }

  async hasAnyRole(roles: Role[]): Promise<boolean> {
    const grants = await this.grants();
    if (roles.includes('rider')) return true;
    return grants.some((g) => g.role === 'super_admin' || roles.includes(g.role));
  }

  /** Ids of every org this user administers (grants plus their subtrees), or 'all' for super_admin. */
  adminOrgIds(): Promise<Set<string> | 'all'> {
    this.adminOrgsPromise ??= this.loadAdminOrgIds();
    return this.adminOrgsPromise;
  }

  private async loadAdminOrgIds(): Promise<Set<string> | 'all'> {
    const grants = await this.grants();
    if (grants.some((g) => g.role === 'super_admin')) return 'all';
    const roots = grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId as string);
    if (roots.length === 0) return new Set();
    const rows = await this.db
      .select({ id: orgs.id })
      .from(orgs)
      .where(
        sql`exists (select 1 from ${orgs} as root where root.id in ${roots} and ${orgs.path} like root.path || '%')`,
      );
    return new Set(rows.map((r) => r.id));
  }

  async canAdminOrg(orgId: string): Promise<boolean> {
    const ids = await this.adminOrgIds();
    return ids === 'all' || ids.has(orgId);
  }

  async assertOrgAdmin(orgId: string): Promise<void> {
    if (!(await this.canAdminOrg(orgId))) throw forbidden('不在您管理的工会范围内');
  }

  /** The org an admin acts for when a request names none: their first org_admin grant. */
  async defaultOrgId(): Promise<string | undefined> {
    return (await this.grants()).find((g) => g.role === 'org_admin' && g.orgId)?.orgId ?? undefined;
  }

  /** Stations this user is staff of (station_staff grants). */
  async staffStationIds(): Promise<string[]> {
    return (await this.grants()).filter((g) => g.role === 'station_staff' && g.stationId).map((g) => g.stationId as string);
  }

  /** Narrows a list of org ids to those this user administers (all of them for super_admin). */
  async filterAdminOrgs(orgIds: string[]): Promise<string[]> {
    const ids = await this.adminOrgIds();
    return ids === 'all' ? orgIds : orgIds.filter((id) => ids.has(id));
  }
}

