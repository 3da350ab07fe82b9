import type { Db } from '@xfqs/db';
import type { StampsSummary } from '../auth/schemas';
import { stampSummary } from './ledger';

/** Stamp balance, total earned and card goal for `/me`. */
export async function stampsSummary(db: Db, userId: string): Promise<StampsSummary> {
  return stampSummary(db, userId);
}
