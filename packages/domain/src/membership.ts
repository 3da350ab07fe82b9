/** Membership rules that need no database: age limit, member numbers, meeting codes, the privacy notice. */

/** Riders may apply from their 16th birthday (labour age in the PRC). */
export const MIN_MEMBER_AGE = 16;

/**
 * `LGQ-2026-000123`: the org's code, the year of approval (Asia/Shanghai) and the org's running
 * number for that year, zero-padded to six digits (it simply grows past 999999).
 */
export function formatMemberNo(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * The prefix of an org's member numbers: its `code`, or for an org without one `U` followed by
 * the first eight hex digits of its id (e.g. `U3F2A9C1B`) so two code-less orgs never share a prefix.
 */
export function memberNoPrefix(org: { id: string; code: string | null }): string {
  return org.code ?? `U${org.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/**
 * Meeting codes are 8 characters of Crockford's base32 (no I, L, O, U), short enough for a
 * mini-program `scene` (`m=<code>`, 10 of the 32 allowed characters) and easy to read aloud.
 */
export const MEETING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const MEETING_CODE_LENGTH = 8;
const MEETING_CODE = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** A meeting code from at least 8 random bytes (5 bits of each are used). */
export function meetingCodeFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length < MEETING_CODE_LENGTH) throw new RangeError(`need ${MEETING_CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < MEETING_CODE_LENGTH; i++) code += MEETING_CODE_ALPHABET[randomBytes[i] & 31];
  return code;
}

/** Upper-cases and maps the look-alikes Crockford allows (I, L → 1; O → 0); null when it cannot be a code. */
export function normalizeMeetingCode(value: string): string | null {
  const code = (value ?? '').trim().toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return MEETING_CODE.test(code) ? code : null;
}

/** The `scene` of the meeting's mini-program code and the H5 join link (`meetingId` carries the code). */
export const MEETING_JOIN_PAGE = 'pages/join/meeting';
export const meetingScene = (code: string) => `m=${code}`;
export const meetingJoinUrl = (baseUrl: string, code: string) => `${baseUrl.replace(/\/+$/, '')}/#/${MEETING_JOIN_PAGE}?meetingId=${code}`;

/**
 * The privacy notice riders agree to before applying (PIPL art. 14, 17, 29: separate consent for
 * sensitive personal information). A new text needs a new version; applications store the version.
 */
export const PRIVACY_NOTICE = {
  version: '2026-01',
  title: '入会申请个人信息处理告知',
  text: [
    '为办理工会入会手续，我们将收集您的姓名、手机号码、身份证号码、从业平台、职业和工作区域。',
    '身份证号码属于敏感个人信息，仅用于核验身份、防止重复入会和生成会员档案，加密存储，工作人员日常只能看到部分遮挡的号码；查看完整信息和导出名单都会留下记录。',
    '您的信息仅由受理申请的工会组织及其上级工会在办理会员业务所必需的范围内使用，不会提供给用工平台或其他第三方。',
    '您可以查询、更正您的信息，或申请撤回同意；撤回同意不影响此前已办理的业务。',
  ].join('\n'),
} as const;
