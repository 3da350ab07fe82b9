import { and, eq, isNull, sql } from 'drizzle-orm';
import { orgs, roleGrants, users, type Db, type Role } from '@xfqs/db';
import { forbidden, unauthenticated } from '../../errors';

export interface Grant {
  role: Role;
  orgId: string | null;
  stationId: string | null;
}

/** The 401 of a valid token whose user does not exist (any more) or closed the account. */
export const noAccount = () => unauthenticated('账号不存在或已注销，请重新登录');

/**
 * The signed-in user of one request, with their role grants loaded once on first use.
 * All role and scope questions go through here, so the rules live in one place:
 * super_admin may do everything; an org_admin grant covers the org and its whole subtree.
 *
 * Usually the account is loaded before the route runs (`principalLoader().load`). A route that
 * declares `config.accountCheck: 'in-statement'` gets a deferred principal instead: its own
 * statement checks the account in the same round trip and calls `confirmAccount()`; the grants
 * load on first use, and an error answer checks the account first (`accountFirst`, plugins/auth.ts).
 */
export class Principal {
  private adminOrgsPromise?: Promise<Set<string> | 'all'>;
  private grantsPromise?: Promise<Grant[]>;
  private readonly loadGrants?: () => Promise<Grant[]>;
  private confirmed: boolean;

  /** `grants` as loaded with the user (one indexed query), or the loader of a deferred principal. */
  constructor(
    readonly userId: string,
    private readonly db: Db,
    grants: Grant[] | (() => Promise<Grant[]>),
  ) {
    if (typeof grants === 'function') {
      this.loadGrants = grants;
      this.confirmed = false;
    } else {
      this.grantsPromise = Promise.resolve(grants);
      this.confirmed = true;
    }
  }

  /** The grants; on a deferred principal, the first call loads them and throws 401 for a closed account. */
  grants(): Promise<Grant[]> {
    this.grantsPromise ??= this.loadGrants!().then((grants) => {
      this.confirmed = true;
      return grants;
    });
    return this.grantsPromise;
  }

  /** Whether the account is known to exist and be open (loaded, or confirmed by the route's statement). */
  get accountConfirmed(): boolean {
    return this.confirmed;
  }

  /** The route's own statement found the account open (routes with `accountCheck: 'in-statement'`). */
  confirmAccount(): void {
    this.confirmed = true;
  }

  /** Throws 401 unless the account exists and is open; loads it only when nothing has said so yet. */
  async assertAccount(): Promise<void> {
    if (!this.confirmed) await this.grants();
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


/**
 * The user of an access token and their grants in one statement (primary-key lookup plus the
 * `role_grants_user_idx` index), prepared once per app. `load`: now, undefined when no such user
 * exists or the account is closed; `deferred`: on first use (see `Principal`).
 */
export function principalLoader(db: Db) {
  const statement = db
    .select({ id: users.id, role: roleGrants.role, orgId: roleGrants.orgId, stationId: roleGrants.stationId })
    .from(users)
    .leftJoin(roleGrants, eq(roleGrants.userId, users.id))
    .where(and(eq(users.id, sql.placeholder('userId')), isNull(users.closedAt)))
    .prepare('principal_by_user_id');
  const grantsOf = async (userId: string): Promise<Grant[] | undefined> => {
    const rows = await statement.execute({ userId });
    if (rows.length === 0) return undefined;
    return rows.filter((r) => r.role !== null).map((r) => ({ role: r.role as Role, orgId: r.orgId, stationId: r.stationId }));
  };
  return {
    async load(userId: string): Promise<Principal | undefined> {
      const grants = await grantsOf(userId);
      return grants && new Principal(userId, db, grants);
    },
    deferred(userId: string): Principal {
      return new Principal(userId, db, async () => {
        const grants = await grantsOf(userId);
        if (!grants) throw noAccount();
        return grants;
      });
    },
  };
}
