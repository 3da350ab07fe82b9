import type { Db } from '@xfqs/db';
import type { MembershipSummary } from '../auth/schemas';
import { membershipStatus } from './applications';

/** Membership status and member number for `/me`. */
export async function membershipSummary(db: Db, userId: string): Promise<MembershipSummary> {
  return membershipStatus(db, userId);
}
