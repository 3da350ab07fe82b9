import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { rowsOf } from './rows';

/**
 * The store's invariants, checked from the tables themselves (the storm benchmark and the storm
 * test run them after a load). Each figure counts violations; all zero means consistent.
 *
 * - stamps: no (source, source id, rider) paid twice — one stamp per rider per activity;
 * - ledger: every fulfilled redemption has exactly one spend row of its cost and every spend row
 *   a fulfilled redemption, so ledger sums are the balances the riders were charged; no balance < 0;
 * - stock: no reward below zero, and (for the rewards given) stock = initial − fulfilled;
 * - member numbers: per org and year unique, 1…n without gaps, and the counter stands at n.
 */
export interface InvariantReport {
  duplicateStamps: number;
  negativeBalances: number;
  spendMismatches: number;
  negativeStock: number;
  /** Rewards whose stock is not initial − fulfilled (only those passed in `initialStock`). */
  stockMismatches: number;
  /** Org-years whose member numbers are not unique and gap-free, or whose counter disagrees. */
  memberNumberGaps: number;
  ok: boolean;
}

const count = async (db: DbOrTx, query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number | string }>(await db.execute(query))[0].n);

export async function checkInvariants(db: DbOrTx, options: { initialStock?: Record<string, number> } = {}): Promise<InvariantReport> {
  const duplicateStamps = await count(
    db,
    sql`select count(*) as n from (select 1 from stamp_ledger group by source, source_id, user_id having count(*) > 1) d`,
  );
  const negativeBalances = await count(
    db,
    sql`select count(*) as n from (select 1 from stamp_ledger group by user_id
          having sum(case when kind = 'earn' then amount else -amount end) < 0) b`,
  );
  const spendMismatches = await count(
    db,
    sql`select count(*) as n from redemptions r
          full join (select redemption_id, count(*) as rows, sum(amount) as spent from stamp_ledger where kind = 'spend' group by redemption_id) l
            on l.redemption_id = r.id
        where coalesce(r.status = 'fulfilled', false) <> coalesce(l.rows = 1 and l.spent = r.cost, false)`,
  );
  const negativeStock = await count(db, sql`select count(*) as n from rewards where stock < 0`);
  let stockMismatches = 0;
  for (const [rewardId, initial] of Object.entries(options.initialStock ?? {})) {
    stockMismatches += await count(
      db,
      sql`select count(*) as n from rewards w
          where w.id = ${rewardId}
            and w.stock <> ${initial} - (select count(*) from redemptions r where r.reward_id = w.id and r.status = 'fulfilled')`,
    );
  }
  const memberNumberGaps = await count(
    db,
    sql`with numbers as (
          select split_part(member_no, '-', 1) as prefix, split_part(member_no, '-', 2)::int as year,
                 split_part(member_no, '-', 3)::int as seq, member_no
          from membership_applications where member_no is not null
        ), per_year as (
          select prefix, year, count(*) as n, count(distinct member_no) as distinct_nos, min(seq) as lo, max(seq) as hi
          from numbers group by prefix, year
        ), counters as (
          select coalesce(o.code, 'U' || upper(substr(replace(o.id::text, '-', ''), 1, 8))) as prefix, c.year, c.last_value
          from member_number_counters c join orgs o on o.id = c.org_id
        )
        select count(*) as n from per_year p full join counters c on c.prefix = p.prefix and c.year = p.year
        where p.n is distinct from p.distinct_nos or p.lo is distinct from 1 or p.hi is distinct from p.n
           or c.last_value is distinct from p.hi`,
  );
  const report = { duplicateStamps, negativeBalances, spendMismatches, negativeStock, stockMismatches, memberNumberGaps };
  return { ...report, ok: Object.values(report).every((n) => n === 0) };
}
