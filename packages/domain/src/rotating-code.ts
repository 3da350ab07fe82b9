/**
 * Rotating check-in tokens for activities (TOTP-like). The organiser's phone shows a QR with
 * `token = <step in base36>.<MAC>`, where the step counts 30-second periods since the Unix epoch
 * and the MAC is HMAC-SHA256(activity secret, step) truncated to 72 bits. Carrying the step in the
 * token lets the server tell an old screenshot (genuine MAC, step too old → "expired") from a forged
 * token or one of another activity (MAC does not verify → "invalid"). The current step and the one
 * before it are accepted, so a scan at the edge of a step still works.
 *
 * Pure: the HMAC comes from Web Crypto (`globalThis.crypto.subtle`, built into Node ≥ 19), so the
 * module imports nothing platform-specific and bundles anywhere. A server that checks thousands of
 * tokens a second passes its own synchronous HMAC to the `…With` variants instead (Node's
 * `createHmac` costs a few microseconds; a Web Crypto call costs an async job on the thread pool,
 * measured at ≈ 10 % of a check-in's CPU under load).
 */

/** HMAC-SHA256 of `message` under `key` (both UTF-8), synchronously. */
export type HmacSha256 = (key: string, message: string) => Uint8Array;

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
  assertStep(step);
  return `${step.toString(36)}.${await macOf(secret, step)}`;
}

/** `rotatingToken` with a synchronous HMAC. */
export function rotatingTokenWith(hmac: HmacSha256, secret: string, step: number): string {
  assertStep(step);
  return `${step.toString(36)}.${macText(hmac(secret, macMessage(step)))}`;
}

function assertStep(step: number): void {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`bad step ${step}`);
}

/**
 * Checks a token against an activity's secret at an instant: first that it was made with this
 * secret (else `invalid`), then that its step is the current or the previous one (older: `expired`;
 * a step that has not begun yet was never issued, so it counts as `invalid`).
 */
export async function checkRotatingToken(secret: string, token: string, at: Date | number): Promise<RotatingTokenCheck> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: 'invalid' };
  return judge(parsed, await macOf(secret, parsed.step), at);
}

/** `checkRotatingToken` with a synchronous HMAC (same rules, same answers). */
export function checkRotatingTokenWith(hmac: HmacSha256, secret: string, token: string, at: Date | number): RotatingTokenCheck {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: 'invalid' };
  return judge(parsed, macText(hmac(secret, macMessage(parsed.step))), at);
}

function parseToken(token: string): { step: number; mac: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  const step = parseInt(match[1], 36);
  return Number.isSafeInteger(step) ? { step, mac: match[2] } : undefined;
}

function judge(token: { step: number; mac: string }, expectedMac: string, at: Date | number): RotatingTokenCheck {
  if (!constantTimeEqual(token.mac, expectedMac)) return { ok: false, reason: 'invalid' };
  const current = rotationStep(at);
  if (token.step > current) return { ok: false, reason: 'invalid' };
  if (token.step < current - ROTATION_GRACE_STEPS) return { ok: false, reason: 'expired' };
  return { ok: true, step: token.step };
}

const encoder = new TextEncoder();

async function macOf(secret: string, step: number): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto (crypto.subtle) is not available');
  const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return macText(new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(macMessage(step)))));
}

const macMessage = (step: number) => `xfqs-activity-token:v1:${step}`;
const macText = (mac: Uint8Array) => base64url(mac.subarray(0, 9)).slice(0, MAC_CHARS);

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
