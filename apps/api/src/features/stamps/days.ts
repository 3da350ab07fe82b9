import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { fieldError } from '../../errors';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Calendar days (`date` in the contract) are days in Asia/Shanghai; instants are stored in UTC. */
export const TZ = 'Asia/Shanghai';

/** The Asia/Shanghai day (`YYYY-MM-DD`) of an instant. */
export function shanghaiDay(at: Date): string {
  return dayjs(at).tz(TZ).format('YYYY-MM-DD');
}

/** The UTC instant at which an Asia/Shanghai day begins. */
export function dayStart(day: string): Date {
  return dayjs.tz(day, TZ).toDate();
}

const nextDay = (day: string) => dayjs(day).add(1, 'day').format('YYYY-MM-DD');

/** `[start, end)` in UTC of the Asia/Shanghai day an instant falls in. */
export function shanghaiDayBounds(at: Date): { day: string; start: Date; end: Date } {
  const day = shanghaiDay(at);
  return { day, start: dayStart(day), end: dayStart(nextDay(day)) };
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) days.push(d);
  return days;
}

/**
 * Inclusive `from`/`to` day filters: default to the `defaultDays` days ending today (Asia/Shanghai);
 * `from` after `to`, or a span longer than `maxDays`, is a 400.
 */
export function resolveDayRange(query: { from?: string; to?: string }, now: Date, opts: { defaultDays: number; maxDays: number }) {
  const to = query.to ?? (query.from ? dayjs(query.from).add(opts.defaultDays - 1, 'day').format('YYYY-MM-DD') : shanghaiDay(now));
  const from = query.from ?? dayjs(to).subtract(opts.defaultDays - 1, 'day').format('YYYY-MM-DD');
  if (from > to) throw fieldError('from', '开始日期不能晚于结束日期');
  if (dayjs(to).diff(dayjs(from), 'day') + 1 > opts.maxDays) throw fieldError('to', `日期范围最多 ${opts.maxDays} 天`);
  return { from, to, start: dayStart(from), end: dayStart(nextDay(to)) };
}

/** SQL: the Asia/Shanghai day of a timestamptz column as `YYYY-MM-DD` text. */
export function sqlShanghaiDay(column: AnyColumn | SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone ${sql.raw(`'${TZ}'`)}, 'YYYY-MM-DD')`;
}
