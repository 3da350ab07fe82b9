import { and, desc, eq, gt, gte, sql } from 'drizzle-orm';
import { stationCheckins, stationConfirmations, stations, stationStates, type Db, type DbOrTx } from '@xfqs/db';
import { CONFIRM_AFTER_CHECKIN_HOURS, SERVICE, STATION_STATE_MAX_DAYS, type ConfirmationKind, type ServiceKey } from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError, badRequest, fieldError, type FieldError } from '../../errors';
import type { Principal } from '../auth/principal';
import { loadManagedStation } from './checkins';
import type { ConfirmationBody, SetStateBody, StationState } from './schemas';
import { liveAt, selectStationViews } from './service';

const HOUR = 3600_000;
/** Confirmations a station detail shows: the last day's, newest first. */
const FRESH_CONFIRMATIONS_HOURS = 24;
const FRESH_CONFIRMATIONS_LIMIT = 10;

function stateErrors(body: SetStateBody, offered: ServiceKey[], now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const until = new Date(body.until);
  if (until <= now) errors.push({ field: 'until', message: '结束时间须晚于现在' });
  else if (until.getTime() - now.getTime() > STATION_STATE_MAX_DAYS * 24 * HOUR) errors.push({ field: 'until', message: `最长设置 ${STATION_STATE_MAX_DAYS} 天` });
  const notOffered = (body.pausedServices ?? []).filter((k) => !offered.includes(k));
  if (notOffered.length) errors.push({ field: 'pausedServices', message: `本驿站不提供：${notOffered.map((k) => SERVICE.labels[k]).join('、')}` });
  const note = body.note?.trim() ?? '';
  if (!body.closed && !(body.pausedServices ?? []).length && !note) errors.push({ field: 'closed', message: '请至少设置暂停营业、暂停的服务或一条提示' });
  return errors;
}

/** Staff of the station or an org_admin above it set the state in force until `until` (replacing any). */
export async function setStationState(db: Db, principal: Principal, stationId: string, body: SetStateBody, now: Date): Promise<{ state: StationState }> {
  const station = await loadManagedStation(db, principal, stationId);
  const errors = stateErrors(body, station.services, now);
  if (errors.length) throw badRequest(errors);
  const values = {
    closed: body.closed ?? false,
    pausedServices: [...new Set(body.pausedServices ?? [])],
    note: body.note?.trim() || null,
    until: new Date(body.until),
    setBy: principal.userId,
    setAt: now,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(stationStates)
      .values({ stationId, ...values })
      .onConflictDoUpdate({ target: stationStates.stationId, set: values });
    await audit(tx, {
      actorId: principal.userId,
      action: 'station.state.set',
      targetType: 'station',
      targetId: stationId,
      details: { closed: values.closed, pausedServices: values.pausedServices, until: values.until.toISOString() },
    });
  });
  return { state: { closed: values.closed, pausedServices: values.pausedServices, note: values.note, until: values.until.toISOString() } };
}

/** Ends the state now (idempotent: 204 whether or not one was in force). */
export async function clearStationState(db: Db, principal: Principal, stationId: string): Promise<void> {
  await loadManagedStation(db, principal, stationId);
  await db.transaction(async (tx) => {
    const removed = await tx.delete(stationStates).where(eq(stationStates.stationId, stationId)).returning({ id: stationStates.stationId });
    if (removed.length) await audit(tx, { actorId: principal.userId, action: 'station.state.clear', targetType: 'station', targetId: stationId });
  });
}

const confirmationColumns = { kind: stationConfirmations.kind, service: stationConfirmations.service, at: stationConfirmations.at };
const toConfirmation = (row: { kind: ConfirmationKind; service: string; at: Date }) => ({
  kind: row.kind,
  service: (row.service || null) as ServiceKey | null,
  at: row.at.toISOString(),
});

/**
 * A rider who checked in at the station within the last CONFIRM_AFTER_CHECKIN_HOURS says what they
 * found. Keyed by that check-in, kind and service: a second tap refreshes the time (200), never
 * counts twice.
 */
export async function confirmStation(db: Db, userId: string, stationId: string, body: ConfirmationBody, now: Date) {
  const needsService = body.kind === 'service_ok' || body.kind === 'service_missing';
  if (needsService && !body.service) throw fieldError('service', '请指明是哪项服务');
  if (!needsService && body.service) throw fieldError('service', '开门 / 没开门不带服务项目');
  const [station] = await db.select({ id: stations.id, services: stations.services }).from(stations).where(eq(stations.id, stationId));
  if (!station) throw new ApiError('NOT_FOUND', '驿站不存在');
  if (body.service && !station.services.includes(body.service)) throw fieldError('service', '本驿站不提供这项服务');
  const [checkin] = await db
    .select({ id: stationCheckins.id })
    .from(stationCheckins)
    .where(
      and(
        eq(stationCheckins.stationId, stationId),
        eq(stationCheckins.userId, userId),
        gt(stationCheckins.at, new Date(now.getTime() - CONFIRM_AFTER_CHECKIN_HOURS * HOUR)),
        sql`${stationCheckins.at} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(stationCheckins.at))
    .limit(1);
  if (!checkin) throw new ApiError('RULE_VIOLATION', `在本驿站打卡后 ${CONFIRM_AFTER_CHECKIN_HOURS} 小时内才能反馈`);
  const service = body.service ?? '';
  const [inserted] = await db
    .insert(stationConfirmations)
    .values({ stationId, userId, checkinId: checkin.id, kind: body.kind, service, at: now })
    .onConflictDoNothing()
    .returning(confirmationColumns);
  if (inserted) return { created: true, body: { confirmation: toConfirmation(inserted), duplicate: false } };
  const [updated] = await db
    .update(stationConfirmations)
    .set({ at: now })
    .where(and(eq(stationConfirmations.checkinId, checkin.id), eq(stationConfirmations.kind, body.kind), eq(stationConfirmations.service, service)))
    .returning(confirmationColumns);
  return { created: false, body: { confirmation: toConfirmation(updated), duplicate: true } };
}

/** The freshest confirmations of a station (last 24 h, newest first). */
export async function freshConfirmations(db: DbOrTx, stationId: string, now: Date, hours = FRESH_CONFIRMATIONS_HOURS, limit = FRESH_CONFIRMATIONS_LIMIT) {
  const rows = await db
    .select(confirmationColumns)
    .from(stationConfirmations)
    .where(
      and(
        eq(stationConfirmations.stationId, stationId),
        gte(stationConfirmations.at, new Date(now.getTime() - hours * HOUR)),
        sql`${stationConfirmations.at} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(stationConfirmations.at))
    .limit(limit);
  return rows.map(toConfirmation);
}

type Contradiction = {
  kind: 'reported_closed' | 'reported_open' | 'service_missing' | 'service_available';
  service: ServiceKey | null;
  count: number;
  lastAt: string;
  message: string;
};

/**
 * Rider reports of the last CONFIRM_AFTER_CHECKIN_HOURS (and since the state was set) that
 * disagree with what riders are shown: open but reported closed, closed by staff but reported
 * open, a service offered but reported missing, a paused service reported available. One row per
 * rider counts once (their newest report).
 */
export function contradictionsOf(
  view: { openNow: boolean; services: ServiceKey[]; state: StationState | null; stateSetAt: Date | null },
  reports: Array<{ userId: string; kind: ConfirmationKind; service: string; at: Date }>,
): Contradiction[] {
  const since = view.stateSetAt;
  const relevant = reports.filter((r) => !since || r.at >= since);
  const paused = new Set(view.state?.pausedServices ?? []);
  const groups = new Map<string, { kind: Contradiction['kind']; service: ServiceKey | null; users: Set<string>; lastAt: Date }>();
  const add = (kind: Contradiction['kind'], service: ServiceKey | null, r: (typeof reports)[number]) => {
    const key = `${kind}:${service ?? ''}`;
    const g = groups.get(key) ?? { kind, service, users: new Set<string>(), lastAt: r.at };
    g.users.add(r.userId);
    if (r.at > g.lastAt) g.lastAt = r.at;
    groups.set(key, g);
  };
  for (const r of relevant) {
    const service = (r.service || null) as ServiceKey | null;
    if (r.kind === 'closed' && view.openNow) add('reported_closed', null, r);
    if (r.kind === 'open' && view.state?.closed) add('reported_open', null, r);
    if (r.kind === 'service_missing' && service && view.services.includes(service) && !paused.has(service)) add('service_missing', service, r);
    if (r.kind === 'service_ok' && service && paused.has(service)) add('service_available', service, r);
  }
  const label = (s: ServiceKey | null) => (s ? SERVICE.labels[s] : '');
  const messages: Record<Contradiction['kind'], (n: number, s: ServiceKey | null) => string> = {
    reported_closed: (n) => `显示营业中，但 ${n} 位骑手反馈没开门`,
    reported_open: (n) => `已设为暂停营业，但 ${n} 位骑手反馈开着门`,
    service_missing: (n, s) => `${label(s)}显示可用，但 ${n} 位骑手反馈没有`,
    service_available: (n, s) => `${label(s)}已设为暂停，但 ${n} 位骑手反馈有`,
  };
  return [...groups.values()].map((g) => ({
    kind: g.kind,
    service: g.service,
    count: g.users.size,
    lastAt: g.lastAt.toISOString(),
    message: messages[g.kind](g.users.size, g.service),
  }));
}

/** What staff see of their station right now: state, visits, confirmations and contradictions. */
export async function stationLive(db: Db, principal: Principal, stationId: string, now: Date) {
  await loadManagedStation(db, principal, stationId);
  const at = sql`${now.toISOString()}::timestamptz`;
  const [[view], [setRow], reports, confirmations] = await Promise.all([
    selectStationViews(db, now, eq(stations.id, stationId)),
    db.select({ setAt: stationStates.setAt }).from(stationStates).where(eq(stationStates.stationId, stationId)),
    db
      .select({ userId: stationConfirmations.userId, ...confirmationColumns })
      .from(stationConfirmations)
      .where(
        and(
          eq(stationConfirmations.stationId, stationId),
          gt(stationConfirmations.at, new Date(now.getTime() - CONFIRM_AFTER_CHECKIN_HOURS * HOUR)),
          sql`${stationConfirmations.at} <= ${at}`,
        ),
      ),
    freshConfirmations(db, stationId, now),
  ]);
  const { state, openNow } = liveAt(view, now);
  return {
    stationId,
    openNow,
    state,
    recentVisits: view.recentVisits,
    confirmations,
    contradictions: contradictionsOf({ openNow, services: view.services, state, stateSetAt: state ? (setRow?.setAt ?? null) : null }, reports),
  };
}
