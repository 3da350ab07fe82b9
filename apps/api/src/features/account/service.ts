import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import {
  membershipApplications as apps,
  refreshTokens,
  reports,
  roleGrants,
  stampLedger,
  stationCheckins,
  stations,
  users,
  type Db,
} from '@xfqs/db';
import { audit } from '../../audit';
import type { PiiCipher } from '../../pii';
import { eraseCheckinsOf } from './retention';
import type { MyCheckin } from './schemas';

/**
 * The rider's movement history: station check-ins (with where the phone was, when it said) and
 * activity check-ins (the stamps they earned there), newest first, within the retention period.
 */
export async function myCheckins(db: Db, userId: string): Promise<MyCheckin[]> {
  const [stationRows, activityRows] = await Promise.all([
    db
      .select({ id: stationCheckins.id, stationId: stationCheckins.stationId, name: stations.name, at: stationCheckins.at, lat: stationCheckins.lat, lng: stationCheckins.lng })
      .from(stationCheckins)
      .innerJoin(stations, eq(stations.id, stationCheckins.stationId))
      .where(eq(stationCheckins.userId, userId))
      .orderBy(desc(stationCheckins.at)),
    db
      .select({ id: stampLedger.id, activityId: stampLedger.sourceId, name: stampLedger.title, at: stampLedger.at })
      .from(stampLedger)
      .where(and(eq(stampLedger.userId, userId), eq(stampLedger.source, 'activity')))
      .orderBy(desc(stampLedger.at)),
  ]);
  const items: MyCheckin[] = [
    ...stationRows.map((r) => ({ kind: 'station' as const, id: r.id, stationId: r.stationId, name: r.name, at: r.at.toISOString(), lat: r.lat, lng: r.lng })),
    // an activity check-in keeps no location of the rider (the geofence is checked, not stored)
    ...activityRows.map((r) => ({ kind: 'activity' as const, id: r.id, activityId: r.activityId, name: r.name, at: r.at.toISOString(), lat: null, lng: null })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** `DELETE /me/checkins`: station check-ins become anonymous daily counts; stamps already earned stay. */
export async function eraseMyCheckins(db: Db, userId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const erased = await eraseCheckinsOf(tx, userId);
    await audit(tx, { actorId: userId, action: 'account.checkins.erase', targetType: 'user', targetId: userId, details: { erased, at: now.toISOString() } });
  });
}

const ERASED = '（已注销）';

/**
 * `DELETE /me` (PIPL art. 47): the account is closed in one transaction. The user row stays only
 * as a pseudonym (random openid, no nickname or unionid, `closedAt`), because the append-only
 * stamp ledger, redemptions and reports point at it and must keep their sums; nothing left links
 * it to the person. Sessions and roles are deleted; check-ins become daily counts; membership
 * applications lose name, ID and phone (re-encrypted placeholders, unmatchable hashes, birth date
 * cut to its year) and a pending one is withdrawn; report addresses are erased.
 */
export async function closeAccount(db: Db, cipher: PiiCipher, userId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ openid: `closed:${randomUUID()}`, unionid: null, nickname: null, closedAt: now })
      .where(eq(users.id, userId));
    await tx.delete(refreshTokens).where(eq(refreshTokens.userId, userId));
    await tx.delete(roleGrants).where(eq(roleGrants.userId, userId));
    await eraseCheckinsOf(tx, userId);
    const mine = await tx.select({ id: apps.id, status: apps.status, birthDate: apps.birthDate }).from(apps).where(eq(apps.userId, userId));
    for (const app of mine) {
      const context = (field: string) => `membership_applications.${field}:${app.id}`;
      await tx
        .update(apps)
        .set({
          realNameEnc: cipher.encrypt(ERASED, context('real_name')),
          idCardEnc: cipher.encrypt('', context('id_card')),
          idCardHash: `erased.${app.id}`,
          phoneEnc: cipher.encrypt('', context('phone')),
          phoneHash: `erased.${app.id}`,
          birthDate: `${app.birthDate.slice(0, 4)}-01-01`,
          workArea: null,
          platformOther: null,
          occupationOther: null,
          ...(app.status === 'pending' ? { status: 'rejected' as const, rejectReason: '申请人已注销账号', reviewedAt: now } : {}),
        })
        .where(eq(apps.id, app.id));
    }
    await tx.update(reports).set({ address: null }).where(eq(reports.userId, userId));
    await audit(tx, { actorId: userId, action: 'account.close', targetType: 'user', targetId: userId, details: { applications: mine.length } });
  });
}

