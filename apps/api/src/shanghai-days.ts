import { addDays, SHANGHAI_TIME_ZONE, shanghaiDay, shanghaiInstant } from '@xfqs/domain';
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { fieldError } from './errors';

/**
 * Calendar days (`date` in the contract) are days in Asia/Shanghai (the clock rule of
 * @xfqs/domain, shanghai-time.ts); instants are stored in UTC. Here: day ranges as the API takes
 * them, and the same day in SQL.
 */

/** The UTC instant at which an Asia/Shanghai day begins. */
export const dayStart = (day: string): Date => shanghaiInstant(day);

/** The UTC instant at which the Asia/Shanghai day after `day` begins (the exclusive end of `day`). */
export const dayEnd = (day: string): Date => shanghaiInstant(addDays(day, 1));

/** `[start, end)` in UTC of the Asia/Shanghai day an instant falls in. */
export function shanghaiDayBounds(at: Date): { day: string; start: Date; end: Date } {
  const day = shanghaiDay(at);
  return { day, start: dayStart(day), end: dayEnd(day) };
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
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
  const to = query.to ?? (query.from ? addDays(query.from, opts.defaultDays - 1) : shanghaiDay(now));
  const from = query.from ?? addDays(to, 1 - opts.defaultDays);
  if (from > to) throw fieldError('from', '开始日期不能晚于结束日期');
  if (addDays(from, opts.maxDays) <= to) throw fieldError('to', `日期范围最多 ${opts.maxDays} 天`);
  return { from, to, start: dayStart(from), end: dayEnd(to) };
}

/** SQL: the Asia/Shanghai day of a timestamptz column as `YYYY-MM-DD` text. */
export function sqlShanghaiDay(column: AnyColumn | SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone ${sql.raw(`'${SHANGHAI_TIME_ZONE}'`)}, 'YYYY-MM-DD')`;
}
