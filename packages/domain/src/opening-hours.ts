import { SHANGHAI_UTC_OFFSET_MS, shanghaiClock, shanghaiTime } from './shanghai-time';

/**
 * Station opening hours (the contract's `hours`): validation, "is it open at this instant?" in
 * Asia/Shanghai, the text form of the CSV import, and the same rule as minute-of-week intervals
 * so the database can filter on it. Pure functions.
 *
 * `{ weekly: [{ days: [1..7], open: 'HH:mm', close: 'HH:mm' }], alwaysOpen?: true }`, days
 * 1 = Monday … 7 = Sunday. A `close` earlier than `open` runs past midnight into the next day
 * (Sunday 22:00–02:00 ends on Monday 02:00); `close` may be `24:00` (end of the day); `open`
 * equal to `close` is invalid; `weekly` may be empty only with `alwaysOpen: true`.
 */
export const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** Most `weekly` entries one station may have. */
export const MAX_WEEKLY_ENTRIES = 21;

export interface WeeklyHours {
  /** 1 = Monday … 7 = Sunday */
  days: number[];
  /** `HH:mm` in Asia/Shanghai */
  open: string;
  /** `HH:mm` (or `24:00`); earlier than `open` means past midnight */
  close: string;
}

export interface OpeningHours {
  weekly: WeeklyHours[];
  alwaysOpen?: boolean;
}

/** A problem with one part of an `hours` value; `path` is relative to it (`weekly.0.close`, '' = the whole). */
export interface HoursIssue {
  path: string;
  message: string;
}

/** Half-open interval [start, end) of minutes of the week, Monday 00:00 = 0. */
export type WeekInterval = [number, number];

const OPEN_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const CLOSE_TIME = /^(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Minutes after midnight of an `HH:mm` (`24:00` → 1440). */
export function timeToMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Every problem of a would-be `hours` value; an empty list means it is valid. */
export function validateOpeningHours(value: unknown): HoursIssue[] {
  if (!isRecord(value)) return [{ path: '', message: '营业时间格式不正确' }];
  const issues: HoursIssue[] = [];
  for (const key of Object.keys(value)) {
    if (key !== 'weekly' && key !== 'alwaysOpen') issues.push({ path: key, message: '不允许的字段' });
  }
  const alwaysOpen = value.alwaysOpen;
  if (alwaysOpen !== undefined && typeof alwaysOpen !== 'boolean') issues.push({ path: 'alwaysOpen', message: '必须是 true 或 false' });
  const weekly = value.weekly;
  if (!Array.isArray(weekly)) {
    issues.push({ path: 'weekly', message: '必填，且必须是数组' });
    return issues;
  }
  if (weekly.length === 0 && alwaysOpen !== true) issues.push({ path: 'weekly', message: '未设置全天开放（alwaysOpen）时至少需要一个时段' });
  if (weekly.length > MAX_WEEKLY_ENTRIES) issues.push({ path: 'weekly', message: `最多 ${MAX_WEEKLY_ENTRIES} 个时段` });
  weekly.forEach((entry, i) => issues.push(...validateEntry(entry, `weekly.${i}`)));
  return issues;
}

function validateEntry(entry: unknown, at: string): HoursIssue[] {
  if (!isRecord(entry)) return [{ path: at, message: '时段格式不正确' }];
  const issues: HoursIssue[] = [];
  for (const key of Object.keys(entry)) {
    if (key !== 'days' && key !== 'open' && key !== 'close') issues.push({ path: `${at}.${key}`, message: '不允许的字段' });
  }
  const { days, open, close } = entry;
  if (!Array.isArray(days) || days.length === 0) {
    issues.push({ path: `${at}.days`, message: '至少包含一天（1 = 周一 … 7 = 周日）' });
  } else {
    const seen = new Set<unknown>();
    days.forEach((d, j) => {
      if (!Number.isInteger(d) || (d as number) < 1 || (d as number) > 7) issues.push({ path: `${at}.days.${j}`, message: '必须是 1（周一）到 7（周日）' });
      else if (seen.has(d)) issues.push({ path: `${at}.days.${j}`, message: '重复的星期' });
      seen.add(d);
    });
  }
  const openOk = typeof open === 'string' && OPEN_TIME.test(open);
  const closeOk = typeof close === 'string' && CLOSE_TIME.test(close);
  if (!openOk) issues.push({ path: `${at}.open`, message: '开门时间必须是 HH:mm（00:00–23:59）' });
  if (!closeOk) issues.push({ path: `${at}.close`, message: '关门时间必须是 HH:mm（00:00–24:00）' });
  if (openOk && closeOk && timeToMinutes(open as string) === timeToMinutes(close as string)) {
    issues.push({ path: `${at}.close`, message: '关门时间不能与开门时间相同（全天开放请用 00:00–24:00 或 alwaysOpen）' });
  }
  return issues;
}

/** The canonical form stored and returned: days sorted, `alwaysOpen` only when true. Assumes a valid value. */
export function normalizeOpeningHours(hours: OpeningHours): OpeningHours {
  const weekly = hours.weekly.map((e) => ({ days: [...e.days].sort((a, b) => a - b), open: e.open, close: e.close }));
  return hours.alwaysOpen ? { weekly, alwaysOpen: true } : { weekly };
}

/**
 * The open times of a week as sorted, merged, half-open minute intervals (Monday 00:00 = 0,
 * Asia/Shanghai). A time span past midnight belongs to the day it starts on; Sunday night wraps
 * into Monday morning.
 */
export function weeklyOpenIntervals(hours: OpeningHours): WeekInterval[] {
  if (hours.alwaysOpen) return [[0, MINUTES_PER_WEEK]];
  const pieces: WeekInterval[] = [];
  for (const entry of hours.weekly) {
    const open = timeToMinutes(entry.open);
    const close = timeToMinutes(entry.close);
    const length = close > open ? close - open : close + MINUTES_PER_DAY - open;
    for (const day of entry.days) {
      const start = (day - 1) * MINUTES_PER_DAY + open;
      const end = start + length;
      if (end <= MINUTES_PER_WEEK) pieces.push([start, end]);
      else pieces.push([start, MINUTES_PER_WEEK], [0, end - MINUTES_PER_WEEK]);
    }
  }
  pieces.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: WeekInterval[] = [];
  for (const [start, end] of pieces) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** 1970-01-01 00:00 was a Thursday: three days into a week that starts on Monday. */
const EPOCH_MINUTE_OF_WEEK = 3 * MINUTES_PER_DAY;

/** Minute of the week of an instant in Asia/Shanghai: Monday 00:00 = 0 … Sunday 23:59 = 10079. */
export function minuteOfWeek(instant: Date): number {
  // plain arithmetic, no Date fields: it runs on every nearby query
  const minutes = Math.floor((instant.getTime() + SHANGHAI_UTC_OFFSET_MS) / 60_000) + EPOCH_MINUTE_OF_WEEK;
  return ((minutes % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
}

export function intervalsContain(intervals: WeekInterval[], minute: number): boolean {
  return intervals.some(([start, end]) => start <= minute && minute < end);
}

/** Whether a station with these hours is open at this instant (evaluated in Asia/Shanghai). */
export function isOpenAt(hours: OpeningHours, instant: Date): boolean {
  return intervalsContain(weeklyOpenIntervals(hours), minuteOfWeek(instant));
}

const ALWAYS_OPEN_WORDS = new Set(['24h', '24小时', '全天', '24/7']);
const SEGMENT = /^([1-7](?:\s*[-,，]\s*[1-7])*)\s+(\d{1,2}:\d{2})\s*[-~～至]\s*(\d{1,2}:\d{2})$/;

/**
 * Parses the text form used by the CSV import: `24h`, or segments such as
 * `1-5 09:00-18:00; 6-7 10:00-16:00` (days as ranges or lists, `;` or `；` between segments).
 */
export function parseHoursText(text: string): { hours: OpeningHours } | { error: string } {
  const trimmed = text.trim();
  if (ALWAYS_OPEN_WORDS.has(trimmed.toLowerCase())) return { hours: { weekly: [], alwaysOpen: true } };
  if (!trimmed) return { error: '营业时间为空' };
  const weekly: WeeklyHours[] = [];
  for (const raw of trimmed.split(/[;；]/)) {
    const segment = raw.trim();
    if (!segment) continue;
    const match = SEGMENT.exec(segment);
    if (!match) return { error: `无法识别的营业时间“${segment}”，应为“1-5 09:00-18:00”这样的格式` };
    const days = parseDays(match[1]);
    if (typeof days === 'string') return { error: `“${segment}”：${days}` };
    weekly.push({ days, open: padTime(match[2]), close: padTime(match[3]) });
  }
  const hours = { weekly };
  const issues = validateOpeningHours(hours);
  if (issues.length) {
    const [first] = issues;
    const index = /^weekly\.(\d+)/.exec(first.path);
    const where = index ? `第 ${Number(index[1]) + 1} 段：` : '';
    return { error: `${where}${first.message}` };
  }
  return { hours: normalizeOpeningHours(hours) };
}

const padTime = (t: string) => (t.length === 4 ? `0${t}` : t);

function parseDays(spec: string): number[] | string {
  const days: number[] = [];
  for (const part of spec.split(/\s*[,，]\s*/)) {
    const ends = part.split(/\s*-\s*/).map(Number);
    if (ends.length > 2) return `无法识别的星期“${part}”`;
    const from = ends[0];
    const to = ends[1] ?? from;
    if (to < from) return `星期范围 ${part} 应从小到大（1 = 周一 … 7 = 周日）`;
    for (let d = from; d <= to; d++) {
      if (days.includes(d)) return `星期 ${d} 重复`;
      days.push(d);
    }
  }
  return days;
}

/** The text form of hours (inverse of `parseHoursText`), e.g. `1-5 09:00-18:00; 6-7 10:00-16:00`. */
export function formatHoursText(hours: OpeningHours): string {
  if (hours.alwaysOpen) return '24h';
  return hours.weekly.map((e) => `${formatDays(e.days)} ${e.open}-${e.close}`).join('; ');
}

function formatDays(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return runs.join(',');
}

/**
 * Where a station stands at an instant, by the same rule as `isOpenAt` (the server's `openNow`):
 * open or not, and the next instant that changes it. `changesAt` is null when it never changes
 * (open around the clock, or no open time at all).
 */
export interface OpeningStatus {
  open: boolean;
  /** Open every minute of the week (`alwaysOpen`, or weekly times that leave no gap). */
  allDay: boolean;
  /** When it closes (open) or next opens (closed); null when that never happens. */
  changesAt: Date | null;
}

/** Open now or not, and when that next changes (Asia/Shanghai, minute precision). */
export function openingStatusAt(hours: OpeningHours, instant: Date): OpeningStatus {
  const intervals = weeklyOpenIntervals(hours);
  if (intervals.length === 0) return { open: false, allDay: false, changesAt: null };
  if (intervals.length === 1 && intervals[0][0] === 0 && intervals[0][1] === MINUTES_PER_WEEK) return { open: true, allDay: true, changesAt: null };
  const now = minuteOfWeek(instant);
  const minuteStart = Math.floor(instant.getTime() / 60_000) * 60_000;
  const at = (minutesAhead: number) => new Date(minuteStart + minutesAhead * 60_000);
  const current = intervals.find(([start, end]) => start <= now && now < end);
  if (current) {
    let end = current[1];
    // Sunday night running into Monday morning is one stretch of opening.
    if (end === MINUTES_PER_WEEK && intervals[0][0] === 0) end += intervals[0][1];
    return { open: true, allDay: false, changesAt: at(end - now) };
  }
  const next = intervals.find(([start]) => start > now);
  const opensAt = next ? next[0] : intervals[0][0] + MINUTES_PER_WEEK;
  return { open: false, allDay: false, changesAt: at(opensAt - now) };
}

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** `今天`, `明天`, `后天`, or the weekday of a day within the week ahead (`周三`), else `M月D日`. */
function dayWord(target: Date, now: Date): string {
  const day = shanghaiClock(target);
  const ahead = day.dayNumber - shanghaiClock(now).dayNumber;
  if (ahead <= 0) return '今天';
  if (ahead === 1) return '明天';
  if (ahead === 2) return '后天';
  if (ahead < 7) return WEEKDAY_NAMES[day.weekday];
  return `${day.month}月${day.day}日`;
}

/** What a station card says about opening, and how it should look. */
export interface OpeningStatusText {
  /** `营业中` / `休息中` */
  state: string;
  /** `24 小时营业`, `营业至 22:00`, `营业至次日 02:00`, `今天 14:00 开门`, `明天 06:00 开门`, `周三 09:00 开门`, `暂无开放时间`. */
  detail: string;
  /** Open, but closing within 30 minutes. */
  closingSoon: boolean;
}

/** The words for an `OpeningStatus`, as every station card and detail shows them. */
export function describeOpeningStatus(status: OpeningStatus, now: Date): OpeningStatusText {
  if (status.allDay) return { state: '营业中', detail: '24 小时营业', closingSoon: false };
  if (!status.changesAt) return { state: '休息中', detail: '暂无开放时间', closingSoon: false };
  const hhmm = shanghaiTime(status.changesAt);
  const day = dayWord(status.changesAt, now);
  if (status.open) {
    const minutesLeft = Math.round((status.changesAt.getTime() - now.getTime()) / 60_000);
    // A close at midnight reads as the end of today, not as "tomorrow 00:00".
    const until = hhmm === '00:00' && day === '明天' ? ' 24:00' : day === '今天' ? ` ${hhmm}` : day === '明天' ? `次日 ${hhmm}` : `${day} ${hhmm}`;
    return { state: '营业中', detail: `营业至${until}`, closingSoon: minutesLeft <= 30 };
  }
  return { state: '休息中', detail: `${day} ${hhmm} 开门`, closingSoon: false };
}

/** `openingStatusAt` and `describeOpeningStatus` in one call. */
export function openingStatusText(hours: OpeningHours, now: Date): OpeningStatusText & OpeningStatus {
  const status = openingStatusAt(hours, now);
  return { ...status, ...describeOpeningStatus(status, now) };
}
