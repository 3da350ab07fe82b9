import { intervalsContain, type WeekInterval } from './opening-hours';

/**
 * Rules of the live layer (station state, confirmations, help, queued scans) shared by the API and
 * the mini-program. Pure.
 */

/** The union hotline (职工服务热线) when no org on the way up sets its own. */
export const DEFAULT_HELP_HOTLINE = '12351';

/** A rider may confirm what they found at a station within this long after checking in there. */
export const CONFIRM_AFTER_CHECKIN_HOURS = 2;

/** `recentVisits`: check-ins of the last this many minutes. */
export const RECENT_VISITS_MINUTES = 60;

/** A station state lasts at most this long; staff set it again for longer closures. */
export const STATION_STATE_MAX_DAYS = 14;

/** A queued (offline) scan may claim a time at most this far in the future of the server clock. */
export const QUEUED_SCAN_FUTURE_LEEWAY_MS = 60_000;

/** Default for QUEUED_SCAN_WINDOW_HOURS: how old a queued scan may be when it reaches the server. */
export const DEFAULT_QUEUED_SCAN_WINDOW_HOURS = 24;

/** Help request text length. */
export const HELP_TEXT_MAX = 500;

/**
 * A help text as staff lists show it: digit runs of 5 or more (phone, ID, plate or bank numbers)
 * starred out except their last two digits, and cut to `max` characters.
 */
export function maskHelpText(text: string, max = 40): string {
  const masked = text.replace(/[0-9Xx]{5,}/g, (run) => '*'.repeat(run.length - 2) + run.slice(-2));
  const chars = Array.from(masked);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : masked;
}

/** A point rounded to about a kilometre (2 decimals), for lists that must not pinpoint a person. */
export function coarsePoint(p: { lat: number; lng: number }): { lat: number; lng: number } {
  return { lat: Math.round(p.lat * 100) / 100, lng: Math.round(p.lng * 100) / 100 };
}

/**
 * A live station state (one `station_states` row per station at most) holds while `until` is
 * after the instant asked about: it ends by itself, and no job has to clear it on time.
 */
export function stateInForce<S extends { until: Date }>(state: S | null | undefined, at: Date): S | undefined {
  return state && state.until.getTime() > at.getTime() ? state : undefined;
}

/**
 * THE "open now" rule: the opening hours (`weeklyOpenIntervals`) contain the minute of the week
 * (`minuteOfWeek`, Asia/Shanghai), and the state in force, if any, does not close the station.
 */
export function openNowAt(openWeek: WeekInterval[], minute: number, state: { closed: boolean } | undefined): boolean {
  return intervalsContain(openWeek, minute) && !state?.closed;
}
