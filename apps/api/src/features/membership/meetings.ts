import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { meetingAttendance, meetings, orgs, type Db, type DbOrTx } from '@xfqs/db';
import { meetingCodeFrom, meetingJoinUrl, meetingScene, normalizeMeetingCode } from '@xfqs/domain';
import { audit } from '../../audit';
import { fieldError, notFound } from '../../errors';
import { keyset as keysetOf } from '../../paging';
import type { Principal } from '../auth/principal';
import { requireOrg } from '../orgs/service';
import type { CreateMeetingBody, Meeting, MeetingListQuery } from './schemas';
import { inOrgScope, orgScope } from '../orgs/scope';

const meetingColumns = {
  id: meetings.id,
  code: meetings.code,
  title: meetings.title,
  orgId: meetings.orgId,
  orgName: orgs.name,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  location: meetings.location,
  host: meetings.host,
};
const selectMeetings = (db: DbOrTx) => db.select(meetingColumns).from(meetings).innerJoin(orgs, eq(orgs.id, meetings.orgId));
type MeetingRow = Awaited<ReturnType<ReturnType<typeof selectMeetings>['execute']>>[number];

/** The meeting as the contract shows it, with its QR contents for this server's public origin. */
function meetingView(row: MeetingRow, origin: string): Meeting {
  return {
    ...row,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    scene: meetingScene(row.code),
    url: meetingJoinUrl(origin, row.code),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A meeting by id or by its short code; 404 when there is none. */
export async function findMeeting(db: DbOrTx, ref: string): Promise<MeetingRow> {
  const code = UUID.test(ref) ? null : normalizeMeetingCode(ref);
  if (!UUID.test(ref) && !code) throw notFound('沟通会');
  const [row] = await selectMeetings(db).where(code ? eq(meetings.code, code) : eq(meetings.id, ref));
  if (!row) throw notFound('沟通会');
  return row;
}

export async function createMeeting(db: Db, principal: Principal, input: CreateMeetingBody, origin: string): Promise<Meeting> {
  const orgId = input.orgId ?? (await principal.defaultOrgId());
  if (!orgId) throw fieldError('orgId', '请指定沟通会所属的工会组织');
  const org = await requireOrg(db, orgId);
  await principal.assertOrgAdmin(orgId);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw fieldError('endsAt', '结束时间须晚于开始时间');

  return db.transaction(async (tx) => {
    // A fresh code collides with an existing one about once in 10^12: retry a few times on the unique constraint.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await tx
        .insert(meetings)
        .values({
          orgId,
          code: meetingCodeFrom(randomBytes(8)),
          title: input.title.trim(),
          startsAt,
          endsAt,
          location: input.location?.trim() || null,
          host: input.host?.trim() || null,
          createdBy: principal.userId,
        })
        .onConflictDoNothing({ target: meetings.code })
        .returning();
      if (row) {
        await audit(tx, { actorId: principal.userId, action: 'meeting.create', targetType: 'meeting', targetId: row.id, details: { orgId } });
        return meetingView({ ...row, orgName: org.name }, origin);
      }
    }
    throw new Error('could not allocate a unique meeting code');
  });
}

export async function listMeetings(db: Db, principal: Principal, query: MeetingListQuery, origin: string) {
  const scope = await orgScope(db, principal, query.orgId);
  const limit = query.limit ?? 20;
  const keyset = keysetOf<{ startsAt: Date; id: string }>({ key: meetings.startsAt, id: meetings.id, kind: 'timestamp', direction: 'desc' }, query.cursor, (r) => [r.startsAt, r.id]);
  const rows = await selectMeetings(db)
    .where(
      and(
        inOrgScope(meetings.orgId, scope),
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = keyset.page(rows, limit);
  return { items: page.items.map((r) => meetingView(r, origin)), nextCursor: page.nextCursor };
}

/**
 * A signed-in user opens the meeting page: records their attendance once (a unique constraint
 * makes concurrent opens one row). Staff who administer the meeting's org are not counted, so
 * checking the page does not inflate the funnel.
 */
export async function openMeeting(db: Db, principal: Principal, ref: string, origin: string, now: Date): Promise<Meeting> {
  const row = await findMeeting(db, ref);
  if (!(await principal.canAdminOrg(row.orgId))) await recordAttendance(db, row.id, principal.userId, now);
  return meetingView(row, origin);
}

export async function recordAttendance(db: DbOrTx, meetingId: string, userId: string, now: Date): Promise<void> {
  await db.insert(meetingAttendance).values({ meetingId, userId, at: now }).onConflictDoNothing();
}

/** The printable QR (PNG) of a meeting's join link, for an admin of its org. */
export async function meetingQrPng(db: Db, principal: Principal, ref: string, origin: string, size: number): Promise<Buffer> {
  const row = await findMeeting(db, ref);
  await principal.assertOrgAdmin(row.orgId);
  return QRCode.toBuffer(meetingJoinUrl(origin, row.code), { type: 'png', width: size, margin: 2, errorCorrectionLevel: 'M' });
}
