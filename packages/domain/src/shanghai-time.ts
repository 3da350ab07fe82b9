/**
 * Wall-clock time in Asia/Shanghai, the one time zone of this product: station hours, calendar
 * days in statistics and filters, the year in member numbers, every date the app shows. China has
 * kept UTC+8 all year since 1991, so a fixed offset is exact for every instant stored here, needs
 * no time-zone database (a mini-program's JS engine may lack one) and costs a few arithmetic
 * operations (it is on the path of every nearby query). SQL reads the same zone by name
 * (`at time zone 'Asia/Shanghai'`).
 */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
export const SHANGHAI_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface ShanghaiClock {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Whole Shanghai days since 1970-01-01: two instants fall on the same day when these are equal. */
  dayNumber: number;
}

/** What a clock on a wall in Beijing shows at this instant. */
export function shanghaiClock(instant: Date | number | string): ShanghaiClock {
  const local = new Date(toMs(instant) + SHANGHAI_UTC_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay() || 7,
    dayNumber: Math.floor(local.getTime() / DAY_MS),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayText = (c: ShanghaiClock) => `${c.year}-${pad(c.month)}-${pad(c.day)}`;
const timeText = (c: ShanghaiClock) => `${pad(c.hour)}:${pad(c.minute)}`;

/** The Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export function shanghaiDay(instant: Date | number | string): string {
  return dayText(shanghaiClock(instant));
}

/** The Shanghai time of day of an instant, `HH:mm`. */
export function shanghaiTime(instant: Date | number | string): string {
  return timeText(shanghaiClock(instant));
}

/** `YYYY-MM-DD HH:mm` (and `:ss` when asked) in Shanghai. */
export function shanghaiDateTime(instant: Date | number | string, { seconds = false }: { seconds?: boolean } = {}): string {
  const c = shanghaiClock(instant);
  return `${dayText(c)} ${timeText(c)}${seconds ? `:${pad(c.second)}` : ''}`;
}

/**
 * The instant a Shanghai wall clock shows `day` (`YYYY-MM-DD`) at `hour:minute`; with the defaults,
 * when that day begins. A day past the month's end rolls over as `Date.UTC` does.
 */
export function shanghaiInstant(day: string, hour = 0, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hour, minute) - SHANGHAI_UTC_OFFSET_MS);
}

/** The calendar day `days` after `day` (before it when negative), both `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function toMs(instant: Date | number | string): number {
  if (typeof instant === 'number') return instant;
  return typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
}
