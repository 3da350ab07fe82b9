import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { orgs, type Db, type DbOrTx } from '@xfqs/db';
import { conflict, fieldError, notFound } from '../../errors';
import type { CreateOrgBody } from './schemas';

const orgColumns = { id: orgs.id, name: orgs.name, parentId: orgs.parentId, kind: orgs.kind, code: orgs.code };

export async function listOrgs(db: Db) {
  return db.select(orgColumns).from(orgs).orderBy(asc(orgs.path));
}

export async function getOrg(db: DbOrTx, id: string) {
  const [org] = await db.select({ ...orgColumns, path: orgs.path }).from(orgs).where(eq(orgs.id, id));
  return org;
}

export async function requireOrg(db: DbOrTx, id: string, field = 'orgId') {
  const org = await getOrg(db, id);
  if (!org) throw fieldError(field, '工会组织不存在');
  return org;
}

export async function createOrg(db: Db, input: CreateOrgBody) {
  const parent = input.parentId ? await requireOrg(db, input.parentId, 'parentId') : undefined;
  if (!parent && input.kind !== 'district' && input.kind !== 'industry') {
    throw fieldError('parentId', '街道工会需要指定上级组织');
  }
  const id = randomUUID();
  const [created] = await db
    .insert(orgs)
    .values({ id, name: input.name, kind: input.kind, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, code: input.code ?? null })
    .onConflictDoNothing()
    .returning(orgColumns);
  if (!created) throw conflict(`组织代码 ${input.code} 已被使用`);
  return created;
}

/** Ids of the org and every org below it. */
export async function subtreeIds(db: DbOrTx, orgId: string): Promise<string[]> {
  const org = await getOrg(db, orgId);
  if (!org) throw notFound('工会组织');
  const rows = await db.select({ id: orgs.id }).from(orgs).where(sql`${orgs.path} like ${org.path} || '%'`);
  return rows.map((r) => r.id);
}
