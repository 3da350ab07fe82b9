import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { reports, type Db, type ReportStatus } from '@xfqs/db';
import { REPORT_CATEGORY } from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError, conflict, forbidden, notFound } from '../../errors';
import { keyset as keysetOf } from '../../paging';
import type { Principal } from '../auth/principal';
import { requireOrg } from '../orgs/service';
import { shanghaiDayBounds } from '../../shanghai-days';
import { earn, earnedBetween, lockRider } from './ledger';
import { photoExtension, type PhotoStore } from './photo-store';
import { cleanPhoto } from './photos';
import type { CreateReportBody, Report } from './schemas';
import { assertOwnerOrOrgAdmin, inOrgScope, orgScope } from '../orgs/scope';
import { settingsFor } from './settings';
import { notify } from '../notifications/service';
import type { NearbyFinder } from '../stations/nearby';

type ReportRow = typeof reports.$inferSelect;

function toReport(row: ReportRow, nearestStation: Report['nearestStation'] = null): Report {
  return {
    id: row.id,
    status: row.status,
    category: row.category,
    description: row.description,
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    orgId: row.orgId,
    userId: row.userId,
    photoUrl: `/api/v1/reports/${row.id}/photo`,
    createdAt: row.createdAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    rejectReason: row.rejectReason,
    stampAwarded: row.stampAwarded,
    noStampReason: row.noStampReason,
    nearestStation,
  };
}

/**
 * The active station nearest to each report, so reviewers read a place ("巴厘岛快递公寓工会驿站 ·
 * 80 米") rather than coordinates: from the in-memory station directory nearby answers from.
 */
async function nearestStations(nearby: NearbyFinder, rows: ReportRow[]): Promise<Map<string, NonNullable<Report['nearestStation']>>> {
  const near = new Map<string, NonNullable<Report['nearestStation']>>();
  for (const row of rows) {
    const found = await nearby.closest(row);
    if (found) near.set(row.id, { id: found.station.id, name: found.station.name, distanceM: found.distanceM });
  }
  return near;
}

export async function createReport(db: Db, nearby: NearbyFinder, store: PhotoStore, userId: string, body: Omit<CreateReportBody, 'photo'>, photo: Buffer, now: Date) {
  const clean = await cleanPhoto(photo);
  let orgId = body.orgId;
  if (orgId) await requireOrg(db, orgId);
  else orgId = (await nearby.closest(body))?.station.orgId;
  if (!orgId) throw new ApiError('RULE_VIOLATION', '附近没有驿站，无法确定受理的工会，请指定 orgId');

  const id = randomUUID();
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const photoKey = `reports/${month}/${id}.${photoExtension(clean.contentType)}`;
  // The row and the photo land together: the file is written inside the transaction, so a failed
  // write rolls the row back and a failed insert never writes a file.
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(reports)
      .values({
        id,
        userId,
        orgId,
        category: body.category,
        description: body.description.trim(),
        lat: body.lat,
        lng: body.lng,
        address: body.address?.trim() || null,
        photoKey,
        photoType: clean.contentType,
        createdAt: now,
      })
      .returning();
    await store.put(photoKey, clean.data, clean.contentType);
    return inserted;
  });
  return toReport(row);
}

export async function listMyReports(db: Db, nearby: NearbyFinder, userId: string, query: { status?: ReportStatus; limit?: number; cursor?: string }) {
  return listWhere(db, nearby, eq(reports.userId, userId), query);
}

export async function listReports(db: Db, nearby: NearbyFinder, principal: Principal, query: { status?: ReportStatus; orgId?: string; limit?: number; cursor?: string }) {
  const scope = await orgScope(db, principal, query.orgId);
  return listWhere(db, nearby, inOrgScope(reports.orgId, scope), query);
}

async function listWhere(db: Db, nearby: NearbyFinder, filter: ReturnType<typeof eq> | undefined, query: { status?: ReportStatus; limit?: number; cursor?: string }) {
  const limit = query.limit ?? 20;
  const keyset = keysetOf<{ createdAt: Date; id: string }>({ key: reports.createdAt, id: reports.id, kind: 'timestamp', direction: 'desc' }, query.cursor, (r) => [r.createdAt, r.id]);
  const rows = await db
    .select()
    .from(reports)
    .where(and(filter, query.status ? eq(reports.status, query.status) : undefined, keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = keyset.page(rows, limit);
  const near = await nearestStations(nearby, page.items);
  return { items: page.items.map((r) => toReport(r, near.get(r.id) ?? null)), nextCursor: page.nextCursor };
}

/** The report, if the principal reviews its org (org_admin of it or an ancestor). */
async function reportToReview(db: Db, principal: Principal, id: string): Promise<ReportRow> {
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  if (!row) throw notFound('随手拍');
  if (!(await principal.canAdminOrg(row.orgId))) throw notFound('随手拍');
  return row;
}

const notPending = () => conflict('该随手拍已审核过');

/**
 * Accepts a pending report and credits one stamp, exactly once: the status flips with a
 * conditional UPDATE (a second reviewer at the same instant finds nothing to flip → 409), and
 * the ledger's unique key holds even if that were bypassed. The daily cap is counted under the
 * rider's lock, so two accepts of one rider's reports cannot both squeeze under it.
 */
export async function acceptReport(db: Db, principal: Principal, id: string, now: Date) {
  await reportToReview(db, principal, id);
  return db.transaction(async (tx) => {
    const [report] = await tx
      .update(reports)
      .set({ status: 'accepted', reviewedBy: principal.userId, reviewedAt: now })
      .where(and(eq(reports.id, id), eq(reports.status, 'pending')))
      .returning();
    if (!report) throw notPending();
    await lockRider(tx, report.userId);
    const { dailyReportStamps } = await settingsFor(tx, report.orgId);
    const day = shanghaiDayBounds(now);
    const today = await earnedBetween(tx, report.userId, 'report', day.start, day.end);
    let reason: string | undefined;
    if (today >= dailyReportStamps) {
      reason = `该骑手今日随手拍积分已达上限（每日 ${dailyReportStamps} 个），本次采纳不计积分`;
    } else {
      const stamp = await earn(tx, {
        userId: report.userId,
        orgId: report.orgId,
        source: 'report',
        sourceId: report.id,
        amount: 1,
        title: `随手拍·${REPORT_CATEGORY.labels[report.category]}`,
        at: now,
      });
      if (!stamp) reason = '该随手拍已计过积分';
    }
    await tx.update(reports).set({ stampAwarded: !reason, noStampReason: reason ?? null }).where(eq(reports.id, id));
    await audit(tx, { actorId: principal.userId, action: 'report.accept', targetType: 'report', targetId: id, details: { stampAwarded: !reason } });
    await notify(tx, report.userId, { kind: 'report_accepted', reportId: id, stampAwarded: !reason, noStampReason: reason }, now);
    return reason ? { status: 'accepted' as const, stampAwarded: false, reason } : { status: 'accepted' as const, stampAwarded: true };
  });
}

export async function rejectReport(db: Db, principal: Principal, id: string, reason: string, now: Date) {
  await reportToReview(db, principal, id);
  return db.transaction(async (tx) => {
    const [report] = await tx
      .update(reports)
      .set({ status: 'rejected', reviewedBy: principal.userId, reviewedAt: now, rejectReason: reason.trim() })
      .where(and(eq(reports.id, id), eq(reports.status, 'pending')))
      .returning({ id: reports.id, userId: reports.userId });
    if (!report) throw notPending();
    await audit(tx, { actorId: principal.userId, action: 'report.reject', targetType: 'report', targetId: id });
    await notify(tx, report.userId, { kind: 'report_rejected', reportId: id, reason: reason.trim() }, now);
    return { status: 'rejected' as const };
  });
}

/** The photo, for its reporter and the admins of the report's org only. */
export async function reportPhoto(db: Db, store: PhotoStore, principal: Principal, id: string) {
  const [row] = await db.select({ userId: reports.userId, orgId: reports.orgId, photoKey: reports.photoKey }).from(reports).where(eq(reports.id, id));
  if (!row) throw notFound('随手拍');
  await assertOwnerOrOrgAdmin(principal, row, '随手拍');
  const photo = await store.get(row.photoKey);
  if (!photo) throw notFound('照片');
  return photo;
}
