/** Mainland mobile numbers and real names as the membership form takes them. Pure functions. */

const MOBILE = /^1[3-9]\d{9}$/;

/** Full-width digits become ASCII; spaces, hyphens and a leading +86 / 0086 / 86 go. */
export function normalizeMobile(value: string): string {
  const compact = (value ?? '').normalize('NFKC').replace(/[\s-]/g, '');
  return compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
}

/** An 11-digit mainland mobile number: 1, then 3–9, then nine digits (after `normalizeMobile`). */
export function isMainlandMobile(value: string): boolean {
  return MOBILE.test(normalizeMobile(value));
}

/** The separators people type between the parts of a minority name; all become the middle dot `·`. */
const NAME_DOT = /\s*[\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF0E\u318D.]\s*/gu;
const HAN_NAME = /^\p{Script=Han}+(·\p{Script=Han}+)*$/u;
const LATIN_NAME = /^[A-Za-z]+([ .'-][A-Za-z]+)*$/;

/** Trims, collapses inner spaces and turns every dot variant between Han parts into `·`. */
export function normalizeRealName(value: string): string {
  const name = (value ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ');
  return /\p{Script=Han}/u.test(name) ? name.replace(NAME_DOT, '·') : name;
}

/**
 * A name as written on an ID card, 2–30 characters: Chinese characters (any Han block, so rare
 * characters count), with `·` between the parts of a minority name (阿依古丽·买买提,
 * 爱新觉罗·溥仪); or Latin letters with spaces, dots, hyphens and apostrophes for a name written
 * in Latin script (foreign permanent residents). Dot variants (•, ・, .) are accepted as `·`.
 */
export function isValidRealName(value: string): boolean {
  const name = normalizeRealName(value);
  const length = Array.from(name).length;
  if (length < 2 || length > 30) return false;
  return HAN_NAME.test(name) || LATIN_NAME.test(name);
}
