import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { helpRequests, membershipApplications, orgs, stations, type Db, type DbOrTx } from '@xfqs/db';
import { coarsePoint, maskHelpText, type HelpCategory, type HelpStatus } from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError, conflict, notFound } from '../../errors';
import { keyset as keysetOf } from '../../paging';
import type { PiiCipher } from '../../pii';
import type { Principal } from '../auth/principal';
import { assertAdminOfExistingOrg, inOrgScope, orgScope } from '../orgs/scope';
import type { NearbyFinder } from '../stations/nearby';
import { notifyHelpUpdated } from './notify';
import type { HelpListQuery, HelpRequestBody } from './schemas';

/** How far a rider's location may be from the station whose union gets the request. */
const ROUTING_RADIUS_M = 50_000;

const context = (field: 'text' | 'location' | 'close_note', id: string) => `help_requests.${field}:${id}`;

/** The hotline of an org: its own, else the nearest ancestor's, else the configured default. */
export async function hotlineOf(db: DbOrTx, orgId: string, fallback: string): Promise<string> {
  const [row] = await db
    .select({ hotline: orgs.hotline })
    .from(orgs)
    .where(and(isNotNull(orgs.hotline), sql`(select path from ${orgs} o where o.id = ${orgId}) like ${orgs.path} || '%'`))
    .orderBy(desc(sql`length(${orgs.path})`))
    .limit(1);
  return row?.hotline ?? fallback;
}

interface Route {
  orgId: string;
  orgName: string;
  stationId: string | null;
}

/** The union of the station nearest to the rider, else the rider's own union (membership). */
export async function routeHelp(db: Db, nearby: NearbyFinder, userId: string | null, point: { lat: number; lng: number } | undefined, now: Date): Promise<Route | null> {
  if (point) {
    const [nearest] = await nearby.find({ ...point, limit: 1, radiusM: ROUTING_RADIUS_M, services: [], openNow: false, at: now });
    if (nearest) {
      const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, nearest.orgId));
      return { orgId: nearest.orgId, orgName: org.name, stationId: nearest.id };
    }
  }
  if (userId) {
    const [own] = await db
      .select({ orgId: membershipApplications.orgId, orgName: orgs.name })
      .from(membershipApplications)
      .innerJoin(orgs, eq(orgs.id, membershipApplications.orgId))
      .where(and(eq(membershipApplications.userId, userId), inArray(membershipApplications.status, ['approved', 'pending'])))
      .limit(1);
    if (own) return { ...own, stationId: null };
  }
  return null;
}

/** The hotline a rider should call from here (their routed union's, else the default). */
export async function hotlineFor(db: Db, nearby: NearbyFinder, userId: string, point: { lat: number; lng: number } | undefined, now: Date, fallback: string) {
  const route = await routeHelp(db, nearby, userId, point, now);
  if (!route) return { hotline: fallback, orgId: null, orgName: null };
  return { hotline: await hotlineOf(db, route.orgId, fallback), orgId: route.orgId, orgName: route.orgName };
}

export async function createHelpRequest(db: Db, nearby: NearbyFinder, cipher: PiiCipher, userId: string, body: HelpRequestBody, now: Date, fallbackHotline: string) {
  const point = pointOf(body);
  const route = await routeHelp(db, nearby, userId, point, now);
  if (!route) {
    throw new ApiError('RULE_VIOLATION', `无法确定您所在的工会：请允许获取位置，或直接拨打职工服务热线 ${fallbackHotline}`, { hotline: fallbackHotline });
  }
  const id = crypto.randomUUID();
  const created = await db.transaction(async (tx) => {
    await tx.insert(helpRequests).values({
      id,
      userId,
      orgId: route.orgId,
      stationId: route.stationId,
      category: body.category,
      textEnc: cipher.encrypt(body.text.trim(), context('text', id)),
      locationEnc: point ? cipher.encrypt(`${point.lat},${point.lng}`, context('location', id)) : null,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, { actorId: userId, action: 'help.create', targetType: 'help_request', targetId: id, details: { orgId: route.orgId, category: body.category } });
    return { id, status: 'open' as const, orgId: route.orgId, orgName: route.orgName };
  });
  return { ...created, hotline: await hotlineOf(db, route.orgId, fallbackHotline) };
}

function pointOf(body: { lat?: number; lng?: number }) {
  if ((body.lat === undefined) !== (body.lng === undefined)) {
    throw new ApiError('VALIDATION_FAILED', 'lat 和 lng 需同时提供', [{ field: body.lat === undefined ? 'lat' : 'lng', message: 'lat 和 lng 需同时提供' }]);
  }
  return body.lat !== undefined && body.lng !== undefined ? { lat: body.lat, lng: body.lng } : undefined;
}

const rowColumns = {
  id: helpRequests.id,
  userId: helpRequests.userId,
  orgId: helpRequests.orgId,
  orgName: orgs.name,
  stationName: stations.name,
  category: helpRequests.category,
  status: helpRequests.status,
  textEnc: helpRequests.textEnc,
  locationEnc: helpRequests.locationEnc,
  closeNoteEnc: helpRequests.closeNoteEnc,
  claimedBy: helpRequests.claimedBy,
  createdAt: helpRequests.createdAt,
  claimedAt: helpRequests.claimedAt,
  closedAt: helpRequests.closedAt,
};
type Row = {
  id: string;
  userId: string | null;
  orgId: string;
  orgName: string;
  stationName: string | null;
  category: HelpCategory;
  status: HelpStatus;
  textEnc: string | null;
  locationEnc: string | null;
  closeNoteEnc: string | null;
  claimedBy: string | null;
  createdAt: Date;
  claimedAt: Date | null;
  closedAt: Date | null;
};

function open(cipher: PiiCipher, row: Row) {
  const location = row.locationEnc ? cipher.decrypt(row.locationEnc, context('location', row.id)).split(',').map(Number) : null;
  return {
    text: row.textEnc ? cipher.decrypt(row.textEnc, context('text', row.id)) : null,
    location: location ? { lat: location[0], lng: location[1] } : null,
    closeNote: row.closeNoteEnc ? cipher.decrypt(row.closeNoteEnc, context('close_note', row.id)) : null,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function selectRows(db: DbOrTx) {
  return db.select(rowColumns).from(helpRequests).innerJoin(orgs, eq(orgs.id, helpRequests.orgId)).leftJoin(stations, eq(stations.id, helpRequests.stationId));
}

/** The rider's own requests, newest first, with the union's answer. */
export async function myHelpRequests(db: Db, cipher: PiiCipher, userId: string, fallbackHotline: string) {
  const rows = await selectRows(db).where(eq(helpRequests.userId, userId)).orderBy(desc(helpRequests.createdAt), desc(helpRequests.id)).limit(50);
  const hotlines = new Map<string, string>();
  for (const orgId of new Set(rows.map((r) => r.orgId))) hotlines.set(orgId, await hotlineOf(db, orgId, fallbackHotline));
  return {
    items: rows.map((row) => {
      const plain = open(cipher, row);
      return {
        id: row.id,
        category: row.category,
        status: row.status,
        text: plain.text,
        orgId: row.orgId,
        orgName: row.orgName,
        hotline: hotlines.get(row.orgId)!,
        createdAt: row.createdAt.toISOString(),
        claimedAt: iso(row.claimedAt),
        closedAt: iso(row.closedAt),
        closeNote: plain.closeNote,
      };
    }),
  };
}

function listItem(cipher: PiiCipher, row: Row, viewerId: string) {
  const plain = open(cipher, row);
  return {
    id: row.id,
    category: row.category,
    status: row.status,
    textPreview: plain.text === null ? null : maskHelpText(plain.text),
    approxLocation: plain.location ? coarsePoint(plain.location) : null,
    rider: row.userId ? `骑手 ${row.userId.slice(-4)}` : '骑手（已注销）',
    orgId: row.orgId,
    orgName: row.orgName,
    stationName: row.stationName,
    claimedByMe: row.claimedBy === viewerId,
    createdAt: row.createdAt.toISOString(),
    claimedAt: iso(row.claimedAt),
    closedAt: iso(row.closedAt),
  };
}

/** Requests routed to the admin's orgs (and below), newest first, masked; the read is audited. */
export async function listHelpRequests(db: Db, cipher: PiiCipher, principal: Principal, query: HelpListQuery) {
  const scope = await orgScope(db, principal, query.orgId);
  const limit = query.limit ?? 20;
  const keyset = keysetOf<{ createdAt: Date; id: string }>(
    { key: helpRequests.createdAt, id: helpRequests.id, kind: 'timestamp', direction: 'desc' },
    query.cursor,
    (r) => [r.createdAt, r.id],
  );
  const rows = await selectRows(db)
    .where(and(inOrgScope(helpRequests.orgId, scope), query.status ? eq(helpRequests.status, query.status) : undefined, keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = keyset.page(rows, limit);
  await audit(db, { actorId: principal.userId, action: 'help.list', targetType: 'help_request', details: { orgId: query.orgId ?? null, status: query.status ?? null, count: page.items.length } });
  return { items: page.items.map((r) => listItem(cipher, r, principal.userId)), nextCursor: page.nextCursor };
}

async function loadAdministered(db: DbOrTx, principal: Principal, id: string): Promise<Row> {
  const [row] = await selectRows(db).where(eq(helpRequests.id, id));
  // a rider's request for help is theirs and their union's: elsewhere it does not exist (orgs/scope.ts)
  if (!row || !(await principal.canAdminOrg(row.orgId))) throw notFound('求助');
  return row;
}

/** One request in full for the admin handling it: the personal read is audited. */
export async function helpDetail(db: Db, cipher: PiiCipher, principal: Principal, id: string) {
  const row = await loadAdministered(db, principal, id);
  await audit(db, { actorId: principal.userId, action: 'help.read', targetType: 'help_request', targetId: id, details: { orgId: row.orgId } });
  const plain = open(cipher, row);
  return { ...listItem(cipher, row, principal.userId), text: plain.text, location: plain.location, closeNote: plain.closeNote };
}

/** An admin takes an open request (claiming one already claimed by someone else is a 409). */
export async function claimHelpRequest(db: Db, cipher: PiiCipher, principal: Principal, id: string, now: Date) {
  await loadAdministered(db, principal, id);
  await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(helpRequests)
      .set({ status: 'claimed', claimedBy: principal.userId, claimedAt: now, updatedAt: now })
      .where(and(eq(helpRequests.id, id), eq(helpRequests.status, 'open')))
      .returning({ userId: helpRequests.userId });
    if (!claimed) {
      const [current] = await tx.select({ status: helpRequests.status, claimedBy: helpRequests.claimedBy }).from(helpRequests).where(eq(helpRequests.id, id));
      if (current.status === 'claimed' && current.claimedBy === principal.userId) return;
      throw conflict(current.status === 'closed' ? '该求助已办结' : '该求助已由其他工作人员认领');
    }
    await audit(tx, { actorId: principal.userId, action: 'help.claim', targetType: 'help_request', targetId: id });
    if (claimed.userId) await notifyHelpUpdated(tx, claimed.userId, { helpRequestId: id, status: 'claimed' }, now);
  });
  return helpDetail(db, cipher, principal, id);
}

/** An admin closes a request with a note the rider sees (closing twice is a 409). */
export async function closeHelpRequest(db: Db, cipher: PiiCipher, principal: Principal, id: string, note: string, now: Date) {
  await loadAdministered(db, principal, id);
  await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(helpRequests)
      .set({
        status: 'closed',
        closedBy: principal.userId,
        closedAt: now,
        closeNoteEnc: cipher.encrypt(note.trim(), context('close_note', id)),
        claimedBy: sql`coalesce(${helpRequests.claimedBy}, ${principal.userId}::uuid)`,
        claimedAt: sql`coalesce(${helpRequests.claimedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(and(eq(helpRequests.id, id), inArray(helpRequests.status, ['open', 'claimed'])))
      .returning({ userId: helpRequests.userId });
    if (!closed) throw conflict('该求助已办结');
    await audit(tx, { actorId: principal.userId, action: 'help.close', targetType: 'help_request', targetId: id });
    if (closed.userId) await notifyHelpUpdated(tx, closed.userId, { helpRequestId: id, status: 'closed' }, now);
  });
  return helpDetail(db, cipher, principal, id);
}

/**
 * Retention (HELP_RETENTION_DAYS): requests closed longer ago than `days` keep their category,
 * status, org and times for statistics; their text, location and answer are erased and the rider
 * unlinked. Returns how many were erased. For the scheduled retention job.
 */
export async function eraseExpiredHelpRequests(db: Db, now: Date, days: number): Promise<number> {
  const before = new Date(now.getTime() - days * 24 * 3600_000);
  return db.transaction(async (tx) => {
    const erased = await tx
      .update(helpRequests)
      .set({ textEnc: null, locationEnc: null, closeNoteEnc: null, userId: null, erasedAt: now })
      .where(and(eq(helpRequests.status, 'closed'), lt(helpRequests.closedAt, before), sql`${helpRequests.erasedAt} is null`))
      .returning({ id: helpRequests.id });
    if (erased.length) await audit(tx, { actorId: null, action: 'help.retention_erase', targetType: 'help_request', details: { count: erased.length, days } });
    return erased.length;
  });
}

/** An org_admin sets (or clears, null) the hotline of an org they administer; audited. */
export async function setOrgHotline(db: Db, principal: Principal, orgId: string, hotline: string | null, fallback: string) {
  await assertAdminOfExistingOrg(db, principal, orgId);
  await db.transaction(async (tx) => {
    await tx.update(orgs).set({ hotline }).where(eq(orgs.id, orgId));
    await audit(tx, { actorId: principal.userId, action: 'org.hotline.set', targetType: 'org', targetId: orgId, details: { hotline } });
  });
  return { orgId, hotline, effective: await hotlineOf(db, orgId, fallback) };
}
