import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { stationHoursColumns, stations, type Db, type DbOrTx } from '@xfqs/db';
import {
  haversineMetres,
  isContactPhone,
  minuteOfWeek,
  openNowAt,
  servicesInCatalogOrder,
  validateOpeningHours,
  weeklyOpenIntervals,
  type OpeningHours,
  type ServiceKey,
  type StationKind,
} from '@xfqs/domain';
import { audit } from '../../audit';
import { badRequest, conflict, forbidden, notFound, type FieldError } from '../../errors';
import { keyset as keysetOf } from '../../paging';
import type { Principal } from '../auth/principal';
import { requireOrg } from '../orgs/service';
import { inOrgScope, orgScope } from '../orgs/scope';
import { parseStateJson, recentVisitsSql, stateJsonSql, type StationStateJson } from './live-sql';
import type { CreateStationBody, PatchStationBody, Station, StationListQuery } from './schemas';

/** The columns every station answer carries (nearby items and the full station). */
export const publicStationColumns = {
  id: stations.id,
  orgId: stations.orgId,
  name: stations.name,
  kind: stations.kind,
  address: stations.address,
  lat: stations.lat,
  lng: stations.lng,
  phone: stations.phone,
  hours: stations.hours,
  services: stations.services,
};

export const stationColumns = {
  ...publicStationColumns,
  status: stations.status,
  externalCode: stations.externalCode,
  photoUrl: stations.photoUrl,
  checkinKeyVersion: stations.checkinKeyVersion,
  updatedAt: stations.updatedAt,
};
export type StationRow = Pick<typeof stations.$inferSelect, keyof typeof stationColumns> & { checkinKeyRotatedAt: Date | null };
const stationRowColumns = { ...stationColumns, checkinKeyRotatedAt: stations.checkinKeyRotatedAt };

/** A station with what the database holds for an instant: its state row and recent visits (`liveAt` reads them). */
export function stationViewColumns(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return {
    ...stationColumns,
    state: stateJsonSql(),
    recentVisits: recentVisitsSql(at),
  };
}
export type StationViewRow = Pick<typeof stations.$inferSelect, keyof typeof stationColumns> & { state: unknown; recentVisits: number };

/** What holds at `now`: the state in force, if any, and whether the station is open (the domain's rules). */
export function liveAt(row: Pick<StationViewRow, 'hours' | 'state'>, now: Date): { state: StationStateJson | null; openNow: boolean } {
  const state = parseStateJson(row.state, now);
  return { state, openNow: openNowAt(weeklyOpenIntervals(row.hours), minuteOfWeek(now), state ?? undefined) };
}

/** Stations as they are at `now`, in the order of `orderBy`. */
export function selectStationViews(db: DbOrTx, now: Date, where: SQL | undefined) {
  return db.select(stationViewColumns(now)).from(stations).where(where);
}

/** The wire form of a station at `now` (from `stationViewColumns`); `distanceM` when a point is given. */
export function toStation(row: StationViewRow, now: Date, from?: { lat: number; lng: number }): Station {
  const { state, openNow } = liveAt(row, now);
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    kind: row.kind,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    phone: row.phone ?? null,
    hours: row.hours,
    services: row.services,
    openNow,
    state,
    recentVisits: row.recentVisits,
    status: row.status,
    externalCode: row.externalCode ?? null,
    photoUrl: row.photoUrl ?? null,
    updatedAt: row.updatedAt.toISOString(),
    ...(from ? { distanceM: Math.round(haversineMetres(from, row)) } : {}),
  };
}

/** The editable fields of a station, as create, patch and the CSV import all take them. */
export interface StationInput {
  name?: string;
  kind?: StationKind;
  address?: string;
  lat?: number;
  lng?: number;
  hours?: OpeningHours;
  services?: ServiceKey[];
  phone?: string | null;
  externalCode?: string | null;
  status?: 'active' | 'closed';
}

/**
 * The rules the JSON schema cannot say: hours (`open == close`, empty `weekly` without
 * `alwaysOpen`), the phone format, names that are only blanks. Field names as the client sent them.
 */
export function stationInputErrors(input: StationInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.hours !== undefined) {
    for (const issue of validateOpeningHours(input.hours)) {
      errors.push({ field: issue.path ? `hours.${issue.path}` : 'hours', message: issue.message });
    }
  }
  if (input.phone != null && !isContactPhone(input.phone)) {
    errors.push({ field: 'phone', message: '电话应为手机号或带区号的固定电话（如 010-63812345）' });
  }
  for (const field of ['name', 'address'] as const) {
    if (input[field] !== undefined && !input[field]!.trim()) errors.push({ field, message: '不能为空' });
  }
  return errors;
}


/** Column values for an insert or update (hours in canonical form). Assumes valid input. */
export function stationValues(input: StationInput): Partial<typeof stations.$inferInsert> {
  const v: Partial<typeof stations.$inferInsert> = {};
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.kind !== undefined) v.kind = input.kind;
  if (input.address !== undefined) v.address = input.address.trim();
  if (input.lat !== undefined) v.lat = input.lat;
  if (input.lng !== undefined) v.lng = input.lng;
  if (input.hours !== undefined) Object.assign(v, stationHoursColumns(input.hours));
  if (input.services !== undefined) v.services = servicesInCatalogOrder(input.services);
  if (input.phone !== undefined) v.phone = input.phone;
  if (input.externalCode !== undefined) v.externalCode = input.externalCode;
  if (input.status !== undefined) v.status = input.status;
  return v;
}

/** A unique-constraint violation (SQLSTATE 23505) on this constraint, whichever driver raised it. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e.code === '23505' && (e.constraint === constraint || e.message?.includes(constraint))) return true;
    e = e.cause as typeof e;
  }
  return false;
}

const duplicateExternalCode = (code: string) => conflict(`本组织已有外部编号为 ${code} 的驿站`);

export async function loadStation(db: DbOrTx, id: string): Promise<StationRow> {
  const [row] = await db.select(stationRowColumns).from(stations).where(eq(stations.id, id));
  if (!row) throw notFound('驿站');
  return row;
}

/** One station as riders see it at `now`. */
export async function loadStationView(db: DbOrTx, id: string, now: Date, from?: { lat: number; lng: number }): Promise<Station> {
  const [row] = await selectStationViews(db, now, eq(stations.id, id));
  if (!row) throw notFound('驿站');
  return toStation(row, now, from);
}

/** Loads a station the principal administers (org_admin of its org or an ancestor; super_admin). */
export async function loadAdministeredStation(db: DbOrTx, principal: Principal, id: string): Promise<StationRow> {
  const row = await loadStation(db, id);
  if (!(await principal.canAdminOrg(row.orgId))) throw forbidden('该驿站不在您管理的工会范围内');
  return row;
}

export async function createStation(db: Db, principal: Principal, body: CreateStationBody, now: Date): Promise<Station> {
  await principal.assertOrgAdmin(body.orgId);
  await requireOrg(db, body.orgId);
  const errors = stationInputErrors(body);
  if (errors.length) throw badRequest(errors);
  const { orgId, ...input } = body;
  const station = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(stations)
      .values({ ...(stationValues(input) as typeof stations.$inferInsert), orgId, updatedAt: now, createdAt: now })
      .onConflictDoNothing({ target: [stations.orgId, stations.externalCode] })
      .returning({ id: stations.id });
    if (!row) throw duplicateExternalCode(body.externalCode ?? '');
    await audit(tx, { actorId: principal.userId, action: 'station.create', targetType: 'station', targetId: row.id, details: { orgId } });
    return loadStationView(tx, row.id, now);
  });
  return station;
}

export async function patchStation(db: Db, principal: Principal, id: string, body: PatchStationBody, now: Date): Promise<Station> {
  await loadAdministeredStation(db, principal, id);
  const errors = stationInputErrors(body);
  if (errors.length) throw badRequest(errors);
  try {
    const station = await db.transaction(async (tx) => {
      await tx
        .update(stations)
        .set({ ...stationValues(body), updatedAt: now })
        .where(eq(stations.id, id));
      await audit(tx, { actorId: principal.userId, action: 'station.update', targetType: 'station', targetId: id, details: { fields: Object.keys(body) } });
      return loadStationView(tx, id, now);
    });
    return station;
  } catch (err) {
    if (isUniqueViolation(err, 'stations_org_external_code_unique')) throw duplicateExternalCode(body.externalCode ?? '');
    throw err;
  }
}

/** Stations of an admin's subtree, by name (keyset pages). */
export async function listStations(db: Db, principal: Principal, query: StationListQuery, now: Date) {
  const scope = inOrgScope(stations.orgId, await orgScope(db, principal, query.orgId));
  const limit = query.limit ?? 20;
  const keyset = keysetOf<{ name: string; id: string }>({ key: stations.name, id: stations.id, kind: 'text', direction: 'asc' }, query.cursor, (r) => [r.name, r.id]);
  const rows = await db
    .select(stationViewColumns(now))
    .from(stations)
    .where(
      and(
        scope,
        query.status ? eq(stations.status, query.status) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = keyset.page(rows, limit);
  return { items: page.items.map((r) => toStation(r, now)), nextCursor: page.nextCursor };
}
