import type { Db } from '@xfqs/db';
import type { MembershipSummary } from '../auth/schemas';

/** Membership status for `/me`. Applications arrive with the membership feature (issue 4). */
export async function membershipSummary(_db: Db, _userId: string): Promise<MembershipSummary> {
  return { status: 'none' };
}
