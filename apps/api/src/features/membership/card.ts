import { and, eq } from 'drizzle-orm';
import { membershipApplications as apps, orgs, type Db } from '@xfqs/db';
import { maskName } from '@xfqs/domain';
import { signExpiringCode, verifyExpiringCode } from '@xfqs/domain/src/signed-code';
import { audit } from '../../audit';
import { ApiError } from '../../errors';
import type { PiiCipher } from '../../pii';
import { piiContext } from './applications';
import type { MemberCard, MemberCardVerification, VerifyMemberCardBody } from './schemas';

/** How long a member card's verification code is accepted: long enough to show it, too short to pass a screenshot around. */
export const MEMBER_CARD_CODE_TTL_MS = 5 * 60_000;

/** The page staff land on when they scan a member card (staff subpackage). */
export const MEMBER_VERIFY_PATH = '/staff/member/index';

/** What the signature covers: the purpose and the member number. */
const subjectOf = (memberNo: string) => `member-card|${memberNo}`;

/** The approved application behind a member, found by user or by member number. */
async function approvedMember(db: Db, where: { userId: string } | { memberNo: string }) {
  const [row] = await db
    .select({ id: apps.id, userId: apps.userId, realNameEnc: apps.realNameEnc, memberNo: apps.memberNo, reviewedAt: apps.reviewedAt, orgId: apps.orgId, orgName: orgs.name })
    .from(apps)
    .innerJoin(orgs, eq(orgs.id, apps.orgId))
    .where(and(eq(apps.status, 'approved'), 'userId' in where ? eq(apps.userId, where.userId) : eq(apps.memberNo, where.memberNo)))
    .limit(1);
  return row?.memberNo && row.reviewedAt ? { ...row, memberNo: row.memberNo, reviewedAt: row.reviewedAt } : undefined;
}

type Member = NonNullable<Awaited<ReturnType<typeof approvedMember>>>;

/** What a card (and a verification) shows of a member: the name masked, never the ID or phone. */
function cardFace(cipher: PiiCipher, member: Member) {
  return {
    memberNo: member.memberNo,
    name: maskName(cipher.decrypt(member.realNameEnc, piiContext('real_name', member.id))),
    orgId: member.orgId,
    orgName: member.orgName,
    memberSince: member.reviewedAt.toISOString(),
  };
}

/**
 * The rider's member card: masked name, member number, union, join date and a fresh signed code
 * (valid five minutes) for staff to scan. Only approved members have one.
 */
export async function memberCard(db: Db, cipher: PiiCipher, opts: { codeSecret: string; publicBaseUrl?: string }, userId: string, now: Date): Promise<MemberCard> {
  const member = await approvedMember(db, { userId });
  if (!member) throw new ApiError('NOT_A_MEMBER', '入会申请通过后才有电子会员证');
  const expiresAt = new Date(now.getTime() + MEMBER_CARD_CODE_TTL_MS);
  const code = signExpiringCode(opts.codeSecret, subjectOf(member.memberNo), expiresAt);
  const path = `${MEMBER_VERIFY_PATH}?memberNo=${encodeURIComponent(member.memberNo)}&memberCode=${encodeURIComponent(code)}`;
  return { ...cardFace(cipher, member), code, url: opts.publicBaseUrl ? `${opts.publicBaseUrl}/#${path}` : path, expiresAt: expiresAt.toISOString() };
}

/**
 * Staff check a scanned member card: a code not signed for this member number → 422 INVALID_CODE,
 * past its five minutes → 410 CODE_EXPIRED, a member no longer approved → 422 NOT_A_MEMBER.
 * Every successful check is audited (who looked up which member).
 */
export async function verifyMemberCard(db: Db, cipher: PiiCipher, codeSecret: string, staffUserId: string, body: VerifyMemberCardBody, now: Date): Promise<MemberCardVerification> {
  const check = verifyExpiringCode(codeSecret, subjectOf(body.memberNo), body.code, now);
  if (check === 'invalid') throw new ApiError('INVALID_CODE', '这不是有效的会员证二维码');
  if (check === 'expired') throw new ApiError('CODE_EXPIRED', '会员证二维码已过期，请会员刷新后重新出示');
  const member = await approvedMember(db, { memberNo: body.memberNo });
  if (!member) throw new ApiError('NOT_A_MEMBER', '该会员证已失效');
  await audit(db, { actorId: staffUserId, action: 'membership.card.verified', targetType: 'membership_application', targetId: member.id, details: { orgId: member.orgId } });
  return { valid: true, ...cardFace(cipher, member), checkedAt: now.toISOString() };
}
