import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { meetings, membershipApplications as apps, orgs, type Db, type DbOrTx } from '@xfqs/db';
import {
  ageOn,
  ID_CARD_REASON_MESSAGES,
  isMainlandMobile,
  isValidRealName,
  maskIdCard,
  maskPhone,
  MIN_MEMBER_AGE,
  normalizeMobile,
  normalizeRealName,
  PRIVACY_NOTICE,
  shanghaiDay,
  validateIdCardNumber,
} from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError, badRequest, notFound, type FieldError } from '../../errors';
import { keyset as keysetOf } from '../../paging';
import type { PiiCipher } from '../../pii';
import { dayEnd, dayStart } from '../../shanghai-days';
import type { Principal } from '../auth/principal';
import type { MembershipSummary } from '../auth/schemas';
import { findDuplicates, type DuplicateOf } from './duplicates';
import { recordAttendance } from './meetings';
import type { ApplicationBody, ApplicationForReview, ApplicationListQuery, MyMembership } from './schemas';
import { inOrgScope, orgScope } from '../orgs/scope';

/** The additional authenticated data of one encrypted column of one row. */
export const piiContext = (field: 'real_name' | 'id_card' | 'phone', id: string) => `membership_applications.${field}:${id}`;

export interface ApplicationPiiPlain {
  realName: string;
  idCardNumber: string;
  phone: string;
}

/** Decrypts a row's personal data; only for staff views that mask it, or audited full reads. */
export function openPii(cipher: PiiCipher, row: { id: string; realNameEnc: string; idCardEnc: string; phoneEnc: string }): ApplicationPiiPlain {
  return {
    realName: cipher.decrypt(row.realNameEnc, piiContext('real_name', row.id)),
    idCardNumber: cipher.decrypt(row.idCardEnc, piiContext('id_card', row.id)),
    phone: cipher.decrypt(row.phoneEnc, piiContext('phone', row.id)),
  };
}

export function sealPii(cipher: PiiCipher, id: string, plain: ApplicationPiiPlain) {
  return {
    realNameEnc: cipher.encrypt(plain.realName, piiContext('real_name', id)),
    idCardEnc: cipher.encrypt(plain.idCardNumber, piiContext('id_card', id)),
    idCardHash: cipher.blindIndex(plain.idCardNumber, 'id_card'),
    phoneEnc: cipher.encrypt(plain.phone, piiContext('phone', id)),
    phoneHash: cipher.blindIndex(plain.phone, 'phone'),
  };
}

const alreadyApplied = (message: string) => new ApiError('ALREADY_APPLIED', message);

/** Where the application belongs: the meeting's org, or the org named for a walk-in. */
async function resolveTarget(db: DbOrTx, input: ApplicationBody, errors: FieldError[]) {
  if (input.meetingId) {
    const [meeting] = await db.select({ id: meetings.id, orgId: meetings.orgId }).from(meetings).where(eq(meetings.id, input.meetingId));
    if (!meeting) errors.push({ field: 'meetingId', message: '沟通会不存在' });
    else if (input.orgId && input.orgId !== meeting.orgId) errors.push({ field: 'orgId', message: '与沟通会所属的工会组织不一致' });
    return meeting ? { orgId: meeting.orgId, meetingId: meeting.id } : undefined;
  }
  if (input.orgId) {
    const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, input.orgId));
    if (!org) errors.push({ field: 'orgId', message: '工会组织不存在' });
    return org ? { orgId: org.id, meetingId: null } : undefined;
  }
  errors.push({ field: 'meetingId', message: '请通过沟通会申请（meetingId），或指定工会组织（orgId）' });
  return undefined;
}

/** Field-level checks of an application; throws one 400 naming every bad field. */
async function validateApplication(db: DbOrTx, input: ApplicationBody, now: Date) {
  const errors: FieldError[] = [];
  const today = shanghaiDay(now);
  const target = await resolveTarget(db, input, errors);
  const realName = normalizeRealName(input.realName);
  if (!isValidRealName(realName)) errors.push({ field: 'realName', message: '请填写身份证上的姓名（2–30 个字，少数民族姓名用 · 分隔）' });
  const phone = normalizeMobile(input.phone);
  if (!isMainlandMobile(phone)) errors.push({ field: 'phone', message: '请填写 11 位中国大陆手机号码' });
  const id = validateIdCardNumber(input.idCardNumber, today);
  if (!id.ok) errors.push({ field: 'idCardNumber', message: ID_CARD_REASON_MESSAGES[id.reason] });
  else if (ageOn(id.birthDate, today) < MIN_MEMBER_AGE) errors.push({ field: 'idCardNumber', message: `年满 ${MIN_MEMBER_AGE} 周岁才能申请入会` });
  const platformOther = input.platformOther?.trim() || null;
  if (input.platform === 'other' && !platformOther) errors.push({ field: 'platformOther', message: '选择“其他”平台时请填写平台名称' });
  const occupationOther = input.occupationOther?.trim() || null;
  if (input.occupation === 'other' && !occupationOther) errors.push({ field: 'occupationOther', message: '选择“其他”职业时请填写职业' });
  if (input.consent !== true) errors.push({ field: 'consent', message: '请阅读并同意个人信息处理告知' });
  if (input.privacyNoticeVersion !== undefined && input.privacyNoticeVersion !== PRIVACY_NOTICE.version) {
    errors.push({ field: 'privacyNoticeVersion', message: '个人信息处理告知已更新，请重新阅读并同意' });
  }
  if (errors.length > 0 || !target || !id.ok) throw badRequest(errors);
  return {
    target,
    pii: { realName, phone, idCardNumber: id.normalized },
    birthDate: id.birthDate,
    gender: id.gender,
    platformOther: input.platform === 'other' ? platformOther : null,
    occupationOther: input.occupation === 'other' ? occupationOther : null,
  };
}

/**
 * A rider applies. One open (pending or approved) application per rider: the partial unique index
 * decides, so concurrent submissions yield one row and a 409 for the rest. An ID number that
 * another open application or a member already holds is accepted like any other: telling the
 * applicant would let anyone test whether a person is a member (and let a squatter block the
 * owner). Staff see it as `duplicateOf` and decide.
 */
export async function submitApplication(db: Db, cipher: PiiCipher, userId: string, input: ApplicationBody, now: Date) {
  const v = await validateApplication(db, input, now);
  const id = randomUUID();
  const sealed = sealPii(cipher, id, v.pii);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apps)
      .values({
        id,
        userId,
        orgId: v.target.orgId,
        meetingId: v.target.meetingId,
        ...sealed,
        birthDate: v.birthDate,
        gender: v.gender,
        platform: input.platform,
        platformOther: v.platformOther,
        occupation: input.occupation,
        occupationOther: v.occupationOther,
        workArea: input.workArea?.trim() || null,
        privacyNoticeVersion: PRIVACY_NOTICE.version,
        consentAt: now,
        submittedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: apps.id });
    if (!created) throw alreadyApplied('您已提交过入会申请，请勿重复提交');
    if (v.target.meetingId) await recordAttendance(tx, v.target.meetingId, userId, now);
    return { id: created.id, status: 'pending' as const };
  });
}

/** The rider's current application: the open one if any, else the latest rejected one. */
async function currentApplication(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: apps.id,
      status: apps.status,
      submittedAt: apps.submittedAt,
      reviewedAt: apps.reviewedAt,
      orgId: apps.orgId,
      orgName: orgs.name,
      meetingId: apps.meetingId,
      platform: apps.platform,
      occupation: apps.occupation,
      rejectReason: apps.rejectReason,
      memberNo: apps.memberNo,
    })
    .from(apps)
    .innerJoin(orgs, eq(orgs.id, apps.orgId))
    .where(eq(apps.userId, userId))
    .orderBy(sql`${apps.status} in ('pending', 'approved') desc`, desc(apps.submittedAt))
    .limit(1);
  return row;
}

export async function myMembership(db: Db, userId: string): Promise<MyMembership> {
  const row = await currentApplication(db, userId);
  if (!row) return { status: 'none' };
  return {
    status: row.status,
    application: {
      id: row.id,
      status: row.status,
      submittedAt: row.submittedAt.toISOString(),
      orgId: row.orgId,
      orgName: row.orgName,
      meetingId: row.meetingId,
      platform: row.platform,
      occupation: row.occupation,
      ...(row.status === 'rejected' && row.rejectReason ? { rejectReason: row.rejectReason } : {}),
    },
    ...(row.memberNo && row.reviewedAt ? { memberNo: row.memberNo, memberSince: row.reviewedAt.toISOString() } : {}),
  };
}

/** Membership status and member number for `GET /me`. */
export async function membershipStatus(db: Db, userId: string): Promise<MembershipSummary> {
  const row = await currentApplication(db, userId);
  if (!row) return { status: 'none' };
  return { status: row.status, ...(row.memberNo ? { memberNo: row.memberNo } : {}) };
}

// ---------- staff views ----------

const reviewColumns = {
  id: apps.id,
  status: apps.status,
  realNameEnc: apps.realNameEnc,
  idCardEnc: apps.idCardEnc,
  phoneEnc: apps.phoneEnc,
  birthDate: apps.birthDate,
  gender: apps.gender,
  platform: apps.platform,
  platformOther: apps.platformOther,
  occupation: apps.occupation,
  occupationOther: apps.occupationOther,
  workArea: apps.workArea,
  meetingId: apps.meetingId,
  meetingTitle: meetings.title,
  orgId: apps.orgId,
  orgName: orgs.name,
  submittedAt: apps.submittedAt,
  reviewedAt: apps.reviewedAt,
  rejectReason: apps.rejectReason,
  memberNo: apps.memberNo,
};

/** Staff rows of applications joined with their org and meeting. */
export const selectForReview = (db: DbOrTx) =>
  db.select(reviewColumns).from(apps).innerJoin(orgs, eq(orgs.id, apps.orgId)).leftJoin(meetings, eq(meetings.id, apps.meetingId));
export type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectForReview>['execute']>>[number];

/** The staff view of a row: personal data decrypted, then the ID and mobile numbers masked. */
export function reviewItem(row: ReviewRow, pii: ApplicationPiiPlain, duplicate: DuplicateOf | undefined): ApplicationForReview {
  return {
    id: row.id,
    status: row.status,
    realName: pii.realName,
    phone: maskPhone(pii.phone),
    idCardNumber: maskIdCard(pii.idCardNumber),
    gender: row.gender,
    platform: row.platform,
    platformOther: row.platformOther,
    occupation: row.occupation,
    occupationOther: row.occupationOther,
    workArea: row.workArea,
    meetingId: row.meetingId,
    meetingTitle: row.meetingTitle,
    orgId: row.orgId,
    orgName: row.orgName,
    submittedAt: row.submittedAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    rejectReason: row.rejectReason,
    memberNo: row.memberNo,
    ...(duplicate ? { duplicateOf: duplicate } : {}),
  };
}

/** Staff views of rows: decrypted, masked, each with the duplicate of its ID number if there is one. */
export async function reviewItems(db: DbOrTx, cipher: PiiCipher, rows: ReviewRow[]): Promise<ApplicationForReview[]> {
  const opened = rows.map((row) => ({ row, pii: openPii(cipher, row) }));
  const duplicates = await findDuplicates(db, cipher, opened.map(({ row, pii }) => ({ id: row.id, idCardNumber: pii.idCardNumber })));
  return opened.map(({ row, pii }) => reviewItem(row, pii, duplicates.get(row.id)));
}

/** Conditions shared by the review list and the export: scope, status, meeting and submission days. */
export async function applicationFilters(
  db: DbOrTx,
  principal: Principal,
  query: Pick<ApplicationListQuery, 'status' | 'orgId' | 'meetingId' | 'from' | 'to'>,
): Promise<SQL | undefined> {
  const scope = await orgScope(db, principal, query.orgId);
  if (query.from && query.to && query.from > query.to) throw badRequest([{ field: 'from', message: '开始日期不能晚于结束日期' }]);
  return and(
    inOrgScope(apps.orgId, scope),
    query.status ? eq(apps.status, query.status) : undefined,
    query.meetingId ? eq(apps.meetingId, query.meetingId) : undefined,
    query.from ? sql`${apps.submittedAt} >= ${dayStart(query.from).toISOString()}::timestamptz` : undefined,
    query.to ? sql`${apps.submittedAt} < ${dayEnd(query.to).toISOString()}::timestamptz` : undefined,
  );
}

export async function listApplications(db: Db, cipher: PiiCipher, principal: Principal, query: ApplicationListQuery) {
  const limit = query.limit ?? 20;
  const keyset = keysetOf<{ submittedAt: Date; id: string }>({ key: apps.submittedAt, id: apps.id, kind: 'timestamp', direction: 'desc' }, query.cursor, (r) => [r.submittedAt, r.id]);
  const rows = await selectForReview(db)
    .where(
      and(
        await applicationFilters(db, principal, query),
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(limit + 1);
  const page = keyset.page(rows, limit);
  return { items: await reviewItems(db, cipher, page.items), nextCursor: page.nextCursor };
}

/**
 * One application for staff, only inside their scope: outside it the answer is the same 404 as
 * for an id that does not exist, so nobody learns of another street's applicants.
 */
export async function applicationInScope(db: DbOrTx, principal: Principal, id: string): Promise<ReviewRow> {
  const [row] = await selectForReview(db).where(eq(apps.id, id));
  if (!row || !(await principal.canAdminOrg(row.orgId))) throw notFound('入会申请');
  return row;
}

export async function getApplication(db: Db, cipher: PiiCipher, principal: Principal, id: string) {
  const [item] = await reviewItems(db, cipher, [await applicationInScope(db, principal, id)]);
  return item;
}

/** The unmasked personal data, an explicit staff action that is written to the audit log first. */
export async function readApplicationPii(db: Db, cipher: PiiCipher, principal: Principal, id: string) {
  const row = await applicationInScope(db, principal, id);
  await audit(db, { actorId: principal.userId, action: 'membership.application.pii_read', targetType: 'membership_application', targetId: id, details: { orgId: row.orgId } });
  return { id, ...openPii(cipher, row), birthDate: row.birthDate, gender: row.gender };
}
