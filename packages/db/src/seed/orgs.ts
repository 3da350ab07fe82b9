import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../client';
import { orgs, type OrgKind } from '../schema';

export const DEMO_ORGS = [
  { code: 'FT', name: '丰台区总工会', kind: 'district', parent: null },
  { code: 'LGQ', name: '卢沟桥街道总工会', kind: 'street', parent: 'FT' },
  { code: 'DGD', name: '东高地街道总工会', kind: 'street', parent: 'FT' },
] as const satisfies ReadonlyArray<{ code: string; name: string; kind: OrgKind; parent: string | null }>;

export type DemoOrgIds = Record<(typeof DEMO_ORGS)[number]['code'], string>;

export async function seedOrgs(tx: Tx): Promise<DemoOrgIds> {
  const ids: Record<string, string> = {};
  const paths: Record<string, string> = {};
  for (const org of DEMO_ORGS) {
    const [existing] = await tx.select().from(orgs).where(eq(orgs.code, org.code));
    if (existing) {
      ids[org.code] = existing.id;
      paths[org.code] = existing.path;
      continue;
    }
    const id = randomUUID();
    const parentId = org.parent ? ids[org.parent] : null;
    const path = `${org.parent ? paths[org.parent] : '/'}${id}/`;
    await tx.insert(orgs).values({ id, name: org.name, kind: org.kind, parentId, path, code: org.code });
    ids[org.code] = id;
    paths[org.code] = path;
  }
  return ids as DemoOrgIds;
}
