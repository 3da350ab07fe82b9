/**
 * Redemption codes: 8 characters of Crockford base32 (40 random bits), short enough for a QR and
 * for staff to type by hand. Typing is forgiving: case, spaces and dashes are ignored and the
 * look-alikes O → 0 and I, L → 1 are read as Crockford intends.
 */
export const REDEMPTION_CODE_LENGTH = 8;
/** Random bytes one code needs. */
export const REDEMPTION_CODE_BYTES = 5;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Makes a code from 5 random bytes (the caller supplies the randomness). */
export function redemptionCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== REDEMPTION_CODE_BYTES) throw new RangeError(`need ${REDEMPTION_CODE_BYTES} bytes`);
  // 40 bits fit exactly in a double, so plain arithmetic will do (no BigInt for older JS engines).
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  let out = '';
  for (let i = 0; i < REDEMPTION_CODE_LENGTH; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** The canonical form of a typed or scanned code, or undefined when it cannot be one. */
export function normaliseRedemptionCode(input: string): string | undefined {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== REDEMPTION_CODE_LENGTH) return undefined;
  for (const c of code) if (!ALPHABET.includes(c)) return undefined;
  return code;
}
