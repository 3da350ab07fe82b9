/**
 * Signed codes for QR contents: an HMAC-SHA256 over a message that names what the code is for,
 * with a server secret, so nobody can make a valid code without the secret and a code for one
 * thing (station A, key version 3) is never valid for another. Pure functions; the secret is a
 * parameter.
 *
 * Server-only (uses node:crypto), so it is deliberately NOT re-exported from the package index,
 * which the mini-program bundles: import it as `@xfqs/domain/src/signed-code`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signature length in bytes: 128 bits keeps QR contents short and is far beyond guessing. */
export const SIGNATURE_BYTES = 16;

/** The base64url signature of `message` (22 characters for 16 bytes). */
export function signCode(secret: string, message: string, bytes = SIGNATURE_BYTES): string {
  if (!secret) throw new Error('signCode needs a secret');
  return createHmac('sha256', secret).update(message, 'utf8').digest().subarray(0, bytes).toString('base64url');
}

/** Whether `signature` is the signature of `message`; compares in constant time. */
export function verifyCode(secret: string, message: string, signature: string, bytes = SIGNATURE_BYTES): boolean {
  const expected = Buffer.from(signCode(secret, message, bytes), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A code that names its key version: `<version>.<signature>`, e.g. `3.q1Vh0oW8l0fZ4oK1B2d7yg`. */
export function signVersionedCode(secret: string, subject: string, version: number): string {
  return `${version}.${signCode(secret, `${subject}|v${version}`)}`;
}

/**
 * Checks a `<version>.<signature>` code for this subject: valid only when it is signed with the
 * secret for exactly this subject and the current version (an older version's code is refused).
 */
export function verifyVersionedCode(secret: string, subject: string, currentVersion: number, code: string): boolean {
  return signedVersionOf(secret, subject, code) === currentVersion;
}

/**
 * The key version a `<version>.<signature>` code was genuinely signed with for this subject, or
 * null when it is malformed or forged. Whether that version was in force at some moment is the
 * caller's question (a queued scan may carry the code posted before the last rotation).
 */
export function signedVersionOf(secret: string, subject: string, code: string): number | null {
  const match = /^(\d{1,9})\.([A-Za-z0-9_-]{1,64})$/.exec(code);
  if (!match) return null;
  const version = Number(match[1]);
  return verifyCode(secret, `${subject}|v${version}`, match[2]) ? version : null;
}

/** How a short-lived code checks out. */
export type ExpiringCodeCheck = 'valid' | 'expired' | 'invalid';

/**
 * A short-lived code for a subject: `<expiry in unix seconds>.<signature>`, the signature covering
 * the subject and the expiry, so the expiry cannot be moved without the secret.
 */
export function signExpiringCode(secret: string, subject: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${exp}.${signCode(secret, `${subject}|exp${exp}`)}`;
}

/** `invalid` for anything not signed for this subject (checked first), else `expired` after its time, else `valid`. */
export function verifyExpiringCode(secret: string, subject: string, code: string, now: Date): ExpiringCodeCheck {
  const match = /^(\d{9,11})\.([A-Za-z0-9_-]{1,64})$/.exec(code);
  if (!match || !verifyCode(secret, `${subject}|exp${match[1]}`, match[2])) return 'invalid';
  return Number(match[1]) * 1000 <= now.getTime() ? 'expired' : 'valid';
}
