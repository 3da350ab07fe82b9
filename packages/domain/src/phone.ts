/** Mainland mobile numbers and real names, as the membership form checks them. Pure functions. */

const MOBILE = /^1[3-9]\d{9}$/;

/** Drops spaces and hyphens and a leading +86 / 86 / 0086. */
export function normalizeMobile(value: string): string {
  const compact = (value ?? '').replace(/[\s-]/g, '');
  return compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
}

/** An 11-digit mainland mobile number (1, then 3–9, then nine digits), spaces, hyphens and +86 allowed. */
export function isMainlandMobile(value: string): boolean {
  return MOBILE.test(normalizeMobile(value));
}

/** `138****5678`: the form used wherever staff see a rider's number. */
export function maskMobile(value: string): string {
  const n = normalizeMobile(value);
  return MOBILE.test(n) ? `${n.slice(0, 3)}****${n.slice(7)}` : n;
}

const HAN_NAME = /^[\u3400-\u9fff\uf900-\ufaff]+([·•][\u3400-\u9fff\uf900-\ufaff]+)*$/u;
const LATIN_NAME = /^[A-Za-z]+([ .'-][A-Za-z]+)*$/;

/**
 * A name as written on an ID card: 2–20 Chinese characters, with a middle dot between parts of
 * an ethnic-minority name (阿依古丽·买买提), or 2–40 Latin letters with spaces for foreign names.
 */
export function isValidRealName(value: string): boolean {
  const name = (value ?? '').trim();
  if (HAN_NAME.test(name)) {
    const chars = Array.from(name.replace(/[·•]/g, '')).length;
    return chars >= 2 && Array.from(name).length <= 20;
  }
  return LATIN_NAME.test(name) && name.length >= 2 && name.length <= 40;
}
