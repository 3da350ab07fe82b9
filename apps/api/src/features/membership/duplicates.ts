import { and, asc, desc, inArray, sql } from 'drizzle-orm';
import { membershipApplications as apps, type DbOrTx } from '@xfqs/db';
import type { PiiCipher } from '../../pii';

/** Another open application (`application`: pending) or a member (`member`: approved) with the same ID number. */
export interface DuplicateOf {
  kind: 'application' | 'member';
  id: string;
  memberNo?: string;
}

/**
 * For each application, the other open application or member holding the same ID number, if any.
 * Matched by blind index under every key of the ring (rows hashed before a key rotation still
 * match); a member wins over a pending application, then the earliest. The applicant never sees
 * this: only staff views, which decide on duplicates.
 */
export async function findDuplicates(
  db: DbOrTx,
  cipher: PiiCipher,
  rows: Array<{ id: string; idCardNumber: string }>,
): Promise<Map<string, DuplicateOf>> {
  const candidatesOf = new Map(rows.map((r) => [r.id, cipher.blindIndexCandidates(r.idCardNumber, 'id_card')]));
  const hashes = [...new Set([...candidatesOf.values()].flat())];
  const found = new Map<string, DuplicateOf>();
  if (hashes.length === 0) return found;
  const others = await db
    .select({ id: apps.id, hash: apps.idCardHash, status: apps.status, memberNo: apps.memberNo })
    .from(apps)
    .where(and(inArray(apps.idCardHash, hashes), inArray(apps.status, ['pending', 'approved'])))
    .orderBy(desc(sql`${apps.status} = 'approved'`), asc(apps.submittedAt), asc(apps.id));
  for (const row of rows) {
    const mine = new Set(candidatesOf.get(row.id));
    const other = others.find((o) => o.id !== row.id && mine.has(o.hash));
    if (other) found.set(row.id, other.status === 'approved' && other.memberNo ? { kind: 'member', id: other.id, memberNo: other.memberNo } : { kind: 'application', id: other.id });
  }
  return found;
}

/** The duplicate of one application, inside a transaction (approval checks it under the same snapshot). */
export async function duplicateOf(db: DbOrTx, cipher: PiiCipher, row: { id: string; idCardNumber: string }): Promise<DuplicateOf | undefined> {
  return (await findDuplicates(db, cipher, [row])).get(row.id);
}

export const describeDuplicate = (d: DuplicateOf) => (d.kind === 'member' ? `已是会员（${d.memberNo}）` : `另有待审核申请（${d.id}）`);

