/**
 * Timing of the rotating activity QR on a staff phone. The API hands out the token of the current
 * 30 s step (`expiresAt` = the end of that step) and keeps accepting it for one more step, so the
 * page fetches the next token just after the step ends and the code on screen is never refused.
 */

/** How long a token is still accepted after its `expiresAt` (one more rotation step). */
export const TOKEN_GRACE_MS = 30_000
/** Fetch a little after the step boundary, so the server is surely on the next step. */
const AFTER_STEP_MS = 500

/** Milliseconds to wait before fetching the next token. */
export function nextTokenFetchDelay(expiresAt: string, now: number): number {
  const end = Date.parse(expiresAt)
  if (Number.isNaN(end)) return 5000
  return Math.max(1000, end - now + AFTER_STEP_MS)
}

/** Whether riders can still check in with this token (false once a refresh has failed for a whole step). */
export function tokenUsable(expiresAt: string, now: number): boolean {
  const end = Date.parse(expiresAt)
  return !Number.isNaN(end) && now < end + TOKEN_GRACE_MS
}
