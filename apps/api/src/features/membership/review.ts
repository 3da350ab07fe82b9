import { and, eq, sql } from 'drizzle-orm';
import { memberNumberCounters as counters, membershipApplications as apps, orgs, type Db, type Tx } from '@xfqs/db';
import { formatMemberNo, memberNoPrefix, shanghaiClock } from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError, conflict, fieldError } from '../../errors';
import type { Principal } from '../auth/principal';
import type { PiiCipher } from '../../pii';
import { applicationInScope, openPii } from './applications';
import { describeDuplicate, duplicateOf } from './duplicates';
import { notify } from '../notifications/service';

const notPending = () => conflict('该申请已审核过，不能再次审核');

/**
 * Loads the admin's org scope before a transaction starts: the principal reads it through the
 * pool, and a transaction waiting for a second connection could starve the pool under load.
 */
const loadScope = (principal: Principal) => principal.adminOrgIds();

/** The application, inside the admin's scope (else 404) and still pending (else 409). */
async function pendingInScope(tx: Tx, principal: Principal, id: string) {
  const app = await applicationInScope(tx, principal, id);
  if (app.status !== 'pending') throw notPending();
  return app;
}

/**
 * The decisive step of a review: a conditional update from pending, so of two staff deciding at
 * once exactly one wins and the other gets 409 (and its transaction, with any member number, rolls back).
 */
async function settle(tx: Tx, principal: Principal, id: string, now: Date, decision: { status: 'approved'; memberNo: string } | { status: 'rejected'; rejectReason: string }, details: Record<string, unknown>) {
  const [updated] = await tx
    .update(apps)
    .set({ ...decision, reviewedAt: now, reviewedBy: principal.userId })
    .where(and(eq(apps.id, id), eq(apps.status, 'pending')))
    .returning({ id: apps.id, userId: apps.userId });
  if (!updated) throw notPending();
  const action = decision.status === 'approved' ? 'membership.application.approve' : 'membership.application.reject';
  await audit(tx, { actorId: principal.userId, action, targetType: 'membership_application', targetId: id, details });
  await notify(tx, updated.userId, decision.status === 'approved' ? { kind: 'application_approved', applicationId: id, memberNo: decision.memberNo } : { kind: 'application_rejected', applicationId: id, reason: decision.rejectReason }, now);
}

/**
 * Approves one pending application in its own transaction and gives it the org's next member
 * number for the current year (Asia/Shanghai). The counter row is bumped with an upsert that
 * returns the new value: its row lock serialises concurrent approvals of one org, and if the
 * conditional update below finds the application no longer pending the transaction rolls back
 * and takes the number back, so numbers stay unique and gap-free. An application whose ID number
 * another open application or a member holds is approved only when staff confirm it (409 otherwise).
 */
export async function approveApplication(db: Db, cipher: PiiCipher, principal: Principal, id: string, now: Date, options: { confirmDuplicate?: boolean } = {}) {
  await loadScope(principal);
  return db.transaction(async (tx) => {
    const app = await pendingInScope(tx, principal, id);
    const duplicate = await duplicateOf(tx, cipher, { id, idCardNumber: openPii(cipher, app).idCardNumber });
    if (duplicate && !options.confirmDuplicate) {
      throw conflict(`该申请的身份证号${describeDuplicate(duplicate)}，请核实后确认通过（confirmDuplicate=true）或驳回`);
    }
    const [org] = await tx.select({ id: orgs.id, code: orgs.code }).from(orgs).where(eq(orgs.id, app.orgId));
    const year = shanghaiClock(now).year;
    const [counter] = await tx
      .insert(counters)
      .values({ orgId: org.id, year, lastValue: 1 })
      .onConflictDoUpdate({ target: [counters.orgId, counters.year], set: { lastValue: sql`${counters.lastValue} + 1` } })
      .returning({ value: counters.lastValue });
    const memberNo = formatMemberNo(memberNoPrefix(org), year, counter.value);
    await settle(tx, principal, id, now, { status: 'approved', memberNo }, { orgId: org.id, memberNo, ...(duplicate ? { duplicateOf: duplicate } : {}) });
    return { status: 'approved' as const, memberNo };
  });
}

export async function rejectApplication(db: Db, principal: Principal, id: string, reason: string, now: Date) {
  const text = reason.trim();
  if (!text) throw fieldError('reason', '请填写驳回原因');
  await loadScope(principal);
  return db.transaction(async (tx) => {
    const app = await pendingInScope(tx, principal, id);
    await settle(tx, principal, id, now, { status: 'rejected', rejectReason: text }, { orgId: app.orgId });
    return { status: 'rejected' as const };
  });
}

export type BulkResult = { id: string; status: 'approved'; memberNo: string } | { id: string; status: 'failed'; error: { code: string; message: string } };

/**
 * Approves each id on its own (its own transaction), in the order given: one failure (not
 * pending, not found, outside the admin's scope, a duplicate ID number that needs a one-by-one
 * decision) does not hold back the others. Errors that are
 * not about one application (the database is gone) still fail the whole request.
 */
export async function bulkApprove(db: Db, cipher: PiiCipher, principal: Principal, ids: string[], now: Date): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of ids) {
    try {
      results.push({ id, ...(await approveApplication(db, cipher, principal, id, now)) });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      results.push({ id, status: 'failed', error: { code: err.code, message: err.message } });
    }
  }
  return results;
}
