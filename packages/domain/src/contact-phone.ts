/**
 * Public contact numbers of places (stations, shops): a mainland mobile number or a landline with
 * its area code (`010-63xxxxxx`, `0755-8xxxxxxx`, optional extension `-123`). Pure functions.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$/;

export function isLandline(value: string): boolean {
  return LANDLINE.test(value);
}

/** A mobile (`13812345678`) or a landline with area code (`010-63812345`). */
export function isContactPhone(value: string): boolean {
  return MOBILE.test(value) || LANDLINE.test(value);
}
