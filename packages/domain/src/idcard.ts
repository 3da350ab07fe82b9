import { shanghaiDay } from './shanghai-time';

/**
 * Mainland China resident ID card numbers (GB 11643-1999): a 6-digit region code, the 8-digit
 * birth date, a 3-digit sequence (odd = male, even = female) and a check character computed with
 * ISO 7064 MOD 11-2 (`X` stands for 10). Pure functions; "today" is a parameter.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
/** First two digits: the provinces, autonomous regions and municipalities of GB/T 2260, Taiwan, HK, Macau, and 9x for foreigners' permanent residence cards. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);
const EARLIEST_BIRTH_YEAR = 1900;

export type IdCardReason = 'empty' | 'format' | 'region' | 'birthDate' | 'future' | 'checksum';

/** Messages for the form and the API's field errors. */
export const ID_CARD_REASON_MESSAGES: Record<IdCardReason, string> = {
  empty: '请填写身份证号',
  format: '身份证号应为 18 位，最后一位可以是数字或 X',
  region: '身份证号的地区码不正确',
  birthDate: '身份证号中的出生日期不存在',
  future: '身份证号中的出生日期晚于今天',
  checksum: '身份证号校验位不正确，请核对',
};

export type IdCardResult =
  | { ok: true; normalized: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; reason: IdCardReason };

/** Full-width digits and letters become ASCII, spaces go, a trailing `x` becomes `X`. */
export function normalizeIdCardNumber(value: string): string {
  return (value ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The check character GB 11643 prescribes for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates an 18-digit resident ID number: shape, region, a real calendar birth date not after
 * `today` (a `YYYY-MM-DD` day or an instant read in Asia/Shanghai; defaults to the current day),
 * and the check character. On success returns the normalised number, birth date and gender.
 */
export function validateIdCardNumber(value: string, today: string | Date = new Date()): IdCardResult {
  const normalized = normalizeIdCardNumber(value);
  if (!normalized) return { ok: false, reason: 'empty' };
  if (!SHAPE.test(normalized)) return { ok: false, reason: 'format' };
  if (!PROVINCES.has(Number(normalized.slice(0, 2)))) return { ok: false, reason: 'region' };
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || Number(normalized.slice(6, 10)) < EARLIEST_BIRTH_YEAR) return { ok: false, reason: 'birthDate' };
  if (birthDate > dayOf(today)) return { ok: false, reason: 'future' };
  if (idCardCheckChar(normalized) !== normalized[17]) return { ok: false, reason: 'checksum' };
  return { ok: true, normalized, birthDate, gender: Number(normalized[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Alias of `validateIdCardNumber`, for callers that read it as parsing. */
export const parseIdCard = validateIdCardNumber;

/**
 * Whole years of age on `day` for someone born on `birthDate` (both `YYYY-MM-DD`; an instant is
 * read as its Asia/Shanghai day). A 29 February birthday comes of age on 1 March in common years.
 */
export function ageOn(birthDate: string, day: string | Date): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = dayOf(day).split('-').map(Number);
  const beforeBirthday = tm < bm || (tm === bm && td < bd);
  return ty - by - (beforeBirthday ? 1 : 0);
}

function isCalendarDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD` as given, or the Asia/Shanghai day of an instant. */
function dayOf(day: string | Date): string {
  return typeof day === 'string' ? day : shanghaiDay(day);
}
