import type { Db } from '@xfqs/db';
import type { StampsSummary } from '../auth/schemas';

/** Stamp balance for `/me`. The ledger arrives with the stamps feature (issue 5). */
export async function stampsSummary(_db: Db, _userId: string): Promise<StampsSummary> {
  return { balance: 0, total: 0, goal: 10 };
}
