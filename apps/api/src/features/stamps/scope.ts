import { asc, desc, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { type Db } from '@xfqs/db';
import { fieldError, forbidden } from '../../errors';
import { decodeCursor } from '../../pagination';
import type { Principal } from '../auth/principal';
import { subtreeIds } from '../orgs/service';

/** The orgs an admin's list or statistics cover: one org and its subtree, or every org they administer. */
export type OrgScope = string[] | 'all';

/**
 * `orgId` given: that org and the orgs below it (403 unless the caller administers it).
 * Otherwise `fallback` decides: 'administered' = every org the caller administers;
 * 'own' = the caller's own org (as `defaultOrgId`), or all orgs for a super_admin without one.
 */
export async function adminScope(db: Db, principal: Principal, orgId: string | undefined, fallback: 'administered' | 'own'): Promise<OrgScope> {
  const target = orgId ?? (fallback === 'own' ? await principal.defaultOrgId() : undefined);
  if (target) {
    await principal.assertOrgAdmin(target);
    return subtreeIds(db, target);
  }
  const administered = await principal.adminOrgIds();
  if (administered === 'all') return 'all';
  if (administered.size === 0) throw forbidden();
  return [...administered];
}

/** SQL filter of a column holding an org id by a scope (undefined = no filter). */
export function inScope(column: AnyColumn, scope: OrgScope): SQL | undefined {
  return scope === 'all' ? undefined : inArray(column, scope);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const badCursor = () => fieldError('cursor', '分页游标无效');

/**
 * Keyset paging newest first on (time column, id): the filter for the page after `cursor`,
 * the ordering, and how to make the next cursor. A cursor that does not decode to a time and an
 * id is a 400, never a database error.
 */
export function newestFirst(timeColumn: AnyColumn, idColumn: AnyColumn, cursor: string | undefined) {
  const after = decodeCursor(cursor);
  if (after && (typeof after.k !== 'string' || Number.isNaN(Date.parse(after.k)) || !UUID.test(after.id))) throw badCursor();
  return {
    where: after ? sql`(${timeColumn}, ${idColumn}) < (${after.k}::timestamptz, ${after.id}::uuid)` : undefined,
    orderBy: [desc(timeColumn), desc(idColumn)],
    keyOf: (at: Date, id: string) => ({ k: at.toISOString(), id }),
  };
}

/** Keyset paging by an integer column ascending, then id (cheapest rewards first). */
export function smallestFirst(numberColumn: AnyColumn, idColumn: AnyColumn, cursor: string | undefined) {
  const after = decodeCursor(cursor);
  if (after && (typeof after.k !== 'number' || !Number.isInteger(after.k) || !UUID.test(after.id))) throw badCursor();
  return {
    where: after ? sql`(${numberColumn}, ${idColumn}) > (${after.k}::int, ${after.id}::uuid)` : undefined,
    orderBy: [asc(numberColumn), asc(idColumn)],
  };
}
