import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@xfqs/db';
import type { Principal } from '../auth/principal';
import { subtreeIds, requireOrg } from '../orgs/service';

/**
 * The orgs a staff list or statistic covers: `orgId` and its subtree when given (403 outside the
 * admin's scope), otherwise every org the admin administers ('all' for super_admin).
 */
export async function orgsInScope(db: DbOrTx, principal: Principal, orgId: string | undefined): Promise<string[] | 'all'> {
  if (!orgId) {
    const ids = await principal.adminOrgIds();
    return ids === 'all' ? 'all' : [...ids];
  }
  await requireOrg(db, orgId);
  await principal.assertOrgAdmin(orgId);
  return subtreeIds(db, orgId);
}

/** SQL condition "column is one of these orgs" (always true for 'all', always false for none). */
export function orgCondition(column: AnyColumn, orgIds: string[] | 'all'): SQL | undefined {
  if (orgIds === 'all') return undefined;
  return orgIds.length > 0 ? inArray(column, orgIds) : sql`false`;
}
