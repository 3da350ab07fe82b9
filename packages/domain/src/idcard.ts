/**
 * Mainland China resident ID card numbers (GB 11643-1999): 6-digit region code, 8-digit birth
 * date, 3-digit sequence (odd = male, even = female) and a check character (ISO 7064 MOD 11-2).
 * Pure functions: no I/O, no clock unless you pass one.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;

export type IdCardProblem = 'empty' | 'format' | 'region' | 'birthDate' | 'checksum';

export interface IdCardInfo {
  /** The number in canonical form: 18 characters, upper-case X. */
  number: string;
  /** First six digits: province, city, county. */
  regionCode: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  gender: 'male' | 'female';
}

/** Trims, drops inner spaces and upper-cases a trailing x. */
export function normalizeIdCardNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The check character GB 11643 prescribes for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Why a number is not a valid ID card number, or null when it is. `today` bounds the birth date
 * (a birth date in the future is refused); it defaults to no upper bound so the function stays pure.
 */
export function idCardProblem(value: string, today?: Date): IdCardProblem | null {
  const number = normalizeIdCardNumber(value ?? '');
  if (!number) return 'empty';
  if (!SHAPE.test(number)) return 'format';
  const province = Number(number.slice(0, 2));
  if (province < 11 || province > 91) return 'region';
  if (!isRealBirthDate(number.slice(6, 14), today)) return 'birthDate';
  if (idCardCheckChar(number) !== number[17]) return 'checksum';
  return null;
}

/** True when the value is an 18-digit ID card number with a real birth date and the right check character. */
export function validateIdCardNumber(value: string, today?: Date): boolean {
  return idCardProblem(value, today) === null;
}

/** Birth date and gender from a valid number; null when the number is not valid. */
export function parseIdCard(value: string, today?: Date): IdCardInfo | null {
  if (!validateIdCardNumber(value, today)) return null;
  const number = normalizeIdCardNumber(value);
  const ymd = number.slice(6, 14);
  return {
    number,
    regionCode: number.slice(0, 6),
    birthDate: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
    gender: Number(number[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Whole years between the birth date and `today` (Asia/Shanghai calendar dates are assumed). */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const ty = today.getFullYear();
  const beforeBirthday = today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d);
  return ty - y - (beforeBirthday ? 1 : 0);
}

function isRealBirthDate(yyyymmdd: string, today?: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (today) {
    const limit = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
    if (date.getTime() > limit) return false;
  }
  return true;
}
