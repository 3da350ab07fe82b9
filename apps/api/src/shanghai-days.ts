import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { fieldError } from './errors';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Calendar days (`date` in the contract) are days in Asia/Shanghai; instants are stored in UTC. */
export const TZ = 'Asia/Shanghai';

/** The Asia/Shanghai day (`YYYY-MM-DD`) of an instant. */
export function shanghaiDay(at: Date): string {
  return dayjs(at).tz(TZ).format('YYYY-MM-DD');
}

/** The Asia/Shanghai calendar year of an instant. */
export function shanghaiYear(at: Date): number {
  return dayjs(at).tz(TZ).year();
}

/** Local wall-clock time in Asia/Shanghai, for exports read by people (`2026-11-25 23:30:00`). */
export function shanghaiDateTime(at: Date): string {
  return dayjs(at).tz(TZ).format('YYYY-MM-DD HH:mm:ss');
}

/** The UTC instant at which an Asia/Shanghai day begins. */
export function dayStart(day: string): Date {
  return dayjs.tz(day, TZ).toDate();
}

/** The UTC instant at which the Asia/Shanghai day after `day` begins (the exclusive end of `day`). */
export function dayEnd(day: string): Date {
  return dayStart(dayjs.utc(day).add(1, 'day').format('YYYY-MM-DD'));
}

/** `[start, end)` in UTC of the Asia/Shanghai day an instant falls in. */
export function shanghaiDayBounds(at: Date): { day: string; start: Date; end: Date } {
  const day = shanghaiDay(at);
  return { day, start: dayStart(day), end: dayEnd(day) };
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = dayjs.utc(from); !d.isAfter(dayjs.utc(to)); d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
  return days;
}

export interface DayRange {
  from: string;
  to: string;
  /** `[start, end)` in UTC. */
  start: Date;
  end: Date;
}

/**
 * Resolves inclusive `from`/`to` day filters: defaults to the `defaultDays` days ending today
 * (Asia/Shanghai), refuses `from` after `to` and spans longer than `maxDays` with a 400.
 */
export function resolveDayRange(query: { from?: string; to?: string }, now: Date, opts: { defaultDays: number; maxDays: number }): DayRange {
  const to = query.to ?? (query.from ? dayjs.utc(query.from).add(opts.defaultDays - 1, 'day').format('YYYY-MM-DD') : shanghaiDay(now));
  const from = query.from ?? dayjs.utc(to).subtract(opts.defaultDays - 1, 'day').format('YYYY-MM-DD');
  if (from > to) throw fieldError('from', '开始日期不能晚于结束日期');
  if (dayjs.utc(to).diff(dayjs.utc(from), 'day') + 1 > opts.maxDays) throw fieldError('to', `日期范围最多 ${opts.maxDays} 天`);
  return { from, to, start: dayStart(from), end: dayEnd(to) };
}

/** SQL: the Asia/Shanghai day of a timestamptz column as `YYYY-MM-DD` text. */
export function sqlShanghaiDay(column: AnyColumn | SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone ${sql.raw(`'${TZ}'`)}, 'YYYY-MM-DD')`;
}
