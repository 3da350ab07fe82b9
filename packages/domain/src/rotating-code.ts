/**
 * Rotating check-in tokens for activities (TOTP-like). The organiser's phone shows a QR with
 * `token = <step in base36>.<MAC>`, where the step counts 30-second periods since the Unix epoch
 * and the MAC is HMAC-SHA256(activity secret, step) truncated to 72 bits. Carrying the step in the
 * token lets the server tell an old screenshot (genuine MAC, step too old → "expired") from a forged
 * token or one of another activity (MAC does not verify → "invalid"). The current step and the one
 * before it are accepted, so a scan at the edge of a step still works.
 *
 * Pure: the HMAC comes from Web Crypto (`globalThis.crypto.subtle`, built into Node ≥ 19), so the
 * module imports nothing platform-specific and bundles anywhere.
 */

export const ROTATION_STEP_MS = 30_000;
/** How many steps before the current one are still accepted. */
export const ROTATION_GRACE_STEPS = 1;

const MAC_CHARS = 12; // 72 bits of base64url
const TOKEN_PATTERN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{12})$/;

export type RotatingTokenCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'expired' };

const millis = (at: Date | number) => (typeof at === 'number' ? at : at.getTime());

/** The 30-second step an instant falls in. */
export function rotationStep(at: Date | number): number {
  return Math.floor(millis(at) / ROTATION_STEP_MS);
}

/** When a step ends (the `expiresAt` shown with its token); it is still accepted for one more step. */
export function rotationStepEndsAt(step: number): Date {
  return new Date((step + 1) * ROTATION_STEP_MS);
}

/** The token of one activity secret for one step. */
export async function rotatingToken(secret: string, step: number): Promise<string> {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`bad step ${step}`);
  return `${step.toString(36)}.${await macOf(secret, step)}`;
}

/**
 * Checks a token against an activity's secret at an instant: first that it was made with this
 * secret (else `invalid`), then that its step is the current or the previous one (older: `expired`;
 * a step that has not begun yet was never issued, so it counts as `invalid`).
 */
export async function checkRotatingToken(secret: string, token: string, at: Date | number): Promise<RotatingTokenCheck> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const step = parseInt(match[1], 36);
  if (!Number.isSafeInteger(step)) return { ok: false, reason: 'invalid' };
  if (!constantTimeEqual(match[2], await macOf(secret, step))) return { ok: false, reason: 'invalid' };
  const current = rotationStep(at);
  if (step > current) return { ok: false, reason: 'invalid' };
  if (step < current - ROTATION_GRACE_STEPS) return { ok: false, reason: 'expired' };
  return { ok: true, step };
}

const encoder = new TextEncoder();

async function macOf(secret: string, step: number): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto (crypto.subtle) is not available');
  const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(`xfqs-activity-token:v1:${step}`)));
  return base64url(mac).slice(0, MAC_CHARS);
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.ceil(((Math.min(3, bytes.length - i)) * 8) / 6);
    for (let c = 0; c < chars; c++) out += B64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
