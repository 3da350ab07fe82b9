/**
 * What a scanned code or an opening link means. One parser for every way a code reaches the app:
 * - short mini-program `scene` strings (≤ 32 characters, see `buildScene`):
 *   `m=<meetingId>`, `s=<stationId>&c=<code>`, `a=<activityId>&t=<token>`, `r=<redemptionCode>`;
 * - full links with query parameters, including hash-router H5 links:
 *   `https://host/#/pages/join/meeting?meetingId=…`, `…?stationId=…&code=…`, `…?activityId=…&token=…`;
 * - what WeChat hands a page: `scene=<encoded scene>` (from `scanCode().path` or page options,
 *   encoded on iOS, raw on Android) and `q=<encoded original URL>` (plain-URL QR codes).
 * Pure functions.
 */

export type ScanTarget =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'station'; stationId: string; code: string }
  | { kind: 'activity'; activityId: string; token: string }
  | { kind: 'redemption'; code: string }
  /** A member card's verification code (`?memberNo=…&memberCode=…`), for staff to check. */
  | { kind: 'member'; memberNo: string; code: string }
  | { kind: 'unknown'; raw: string; reason: 'empty' | 'unrecognised' | 'incomplete' };

/** WeChat's limit for the `scene` of an unlimited mini-program code. */
export const SCENE_MAX_LENGTH = 32;
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;
const VALUE = /^[^\s&#?]{1,512}$/;
const MAX_DEPTH = 3;

const KEYS = {
  meetingId: ['meetingId', 'meeting_id', 'meeting', 'm'],
  stationId: ['stationId', 'station_id', 'station', 's'],
  code: ['code', 'c'],
  activityId: ['activityId', 'activity_id', 'activity', 'a'],
  token: ['token', 't'],
  redemption: ['redemptionCode', 'redemption', 'r'],
  memberNo: ['memberNo', 'member_no'],
  memberCode: ['memberCode', 'member_code'],
} as const;

/** Decodes percent-escapes, leaving malformed ones as they are. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Key/value pairs from every query part of the text, or from the text itself when it is a bare scene. */
export function collectParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const parts = text.includes('?') ? text.split('?').slice(1) : /^[A-Za-z_]+=/.test(text) ? [text] : [];
  for (const part of parts) {
    for (const pair of part.split(/[&#]/)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const key = pair.slice(0, eq);
      if (!params.has(key)) params.set(key, safeDecode(pair.slice(eq + 1)));
    }
  }
  return params;
}

function pick(params: Map<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = params.get(key)?.trim();
    if (value && VALUE.test(value)) return value;
  }
  return undefined;
}

function targetFromParams(params: Map<string, string>, raw: string): ScanTarget {
  const meetingId = pick(params, KEYS.meetingId);
  const activityId = pick(params, KEYS.activityId);
  const token = pick(params, KEYS.token);
  const stationId = pick(params, KEYS.stationId);
  const code = pick(params, KEYS.code);
  const redemption = pick(params, KEYS.redemption);
  const memberNo = pick(params, KEYS.memberNo);
  const memberCode = pick(params, KEYS.memberCode);
  if (memberNo && memberCode) return { kind: 'member', memberNo, code: memberCode };
  if (activityId && token) return { kind: 'activity', activityId, token };
  if (stationId && code) return { kind: 'station', stationId, code };
  if (meetingId) return { kind: 'meeting', meetingId };
  if (redemption) return { kind: 'redemption', code: redemption };
  const incomplete = activityId || stationId || token || code || memberNo || memberCode;
  return { kind: 'unknown', raw, reason: incomplete ? 'incomplete' : 'unrecognised' };
}

function parseAt(text: string, raw: string, depth: number): ScanTarget {
  // A whole value that arrived encoded (`m%3D12`, or a URL-encoded link).
  if (!/[=?]/.test(text) && /%[0-9A-Fa-f]{2}/.test(text)) text = safeDecode(text);
  const params = collectParams(text);

  if (depth < MAX_DEPTH) {
    const q = params.get('q');
    if (q) {
      const inner = parseAt(q, raw, depth + 1);
      if (inner.kind !== 'unknown') return inner;
    }
    const scene = params.get('scene');
    if (scene) {
      // iOS hands `scene=s%3D1%26c%3D2`, Android `scene=s=1&c=2`: merge both readings.
      const decoded = safeDecode(scene);
      const merged = new Map(params);
      merged.delete('scene');
      const sceneParams = collectParams(decoded.includes('?') ? decoded : `?${decoded}`);
      sceneParams.forEach((value, key) => merged.set(key, value));
      const inner = targetFromParams(merged, raw);
      if (inner.kind !== 'unknown') return inner;
    }
  }
  return targetFromParams(params, raw);
}

/** What a scanned text, link, `scene` or page query means; never throws. */
export function parseScanContent(input: string | null | undefined): ScanTarget {
  const raw = (input ?? '').trim();
  if (!raw) return { kind: 'unknown', raw: '', reason: 'empty' };
  return parseAt(raw, raw, 0);
}

/** Reads page options (`{ scene }`, `{ q }`, or the named params) the same way as a scanned text. */
export function parseEnterQuery(query: Record<string, string | undefined> | null | undefined): ScanTarget {
  const entries = Object.entries(query ?? {}).filter(([, v]) => typeof v === 'string' && v !== '');
  if (entries.length === 0) return { kind: 'unknown', raw: '', reason: 'empty' };
  const text = '?' + entries.map(([k, v]) => `${k}=${encodeURIComponent(safeDecode(v as string))}`).join('&');
  return parseScanContent(text);
}

/**
 * The short scene for a target, as a mini-program code carries it; null when it would not fit in
 * 32 characters (long ids or signed codes then travel as a full https link instead).
 */
export function buildScene(target: ScanTarget): string | null {
  let scene: string;
  switch (target.kind) {
    case 'meeting':
      scene = `m=${target.meetingId}`;
      break;
    case 'station':
      scene = `s=${target.stationId}&c=${target.code}`;
      break;
    case 'activity':
      scene = `a=${target.activityId}&t=${target.token}`;
      break;
    case 'redemption':
      scene = `r=${target.code}`;
      break;
    default:
      return null;
  }
  return scene.length <= SCENE_MAX_LENGTH && SCENE_CHARS.test(scene) ? scene : null;
}
