import type { OpeningHours } from '@xfqs/api-client'
import { shanghaiClock, shanghaiDateTime, shanghaiDay, shanghaiInstant } from '@xfqs/domain'

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-25` in Asia/Shanghai. */
export function formatDate(iso: string | Date): string {
  return shanghaiDay(iso)
}

/** `11月25日 14:00` (Asia/Shanghai); the year is added when it is not `now`'s year. */
export function formatDateTime(iso: string | Date, now: Date = new Date()): string {
  if (!iso || Number.isNaN(typeof iso === 'string' ? Date.parse(iso) : iso.getTime())) return ''
  const p = shanghaiClock(iso)
  const year = p.year !== shanghaiClock(now).year ? `${p.year}年` : ''
  return `${year}${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`
}

/** `datetime-local` style text (`2026-11-25T14:00`, Shanghai) → ISO UTC; null when unreadable. */
export function shanghaiLocalToIso(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim())
  return m ? shanghaiInstant(m[1], Number(m[2]), Number(m[3])).toISOString() : null
}

/** The Shanghai calendar day `days` before `now`, as `YYYY-MM-DD`. */
export function shanghaiDayOffset(days: number, now: Date = new Date()): string {
  return formatDate(new Date(now.getTime() - days * 86400000))
}

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日']

/** `周一至周五`, `周六、周日`, `每天`. */
export function formatDays(days: number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b)
  if (sorted.length === 7) return '每天'
  if (sorted.length === 0) return ''
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1)
  if (contiguous && sorted.length >= 3) return `周${WEEKDAYS[sorted[0]]}至周${WEEKDAYS[sorted[sorted.length - 1]]}`
  return sorted.map((d) => `周${WEEKDAYS[d]}`).join('、')
}

/** Opening hours in one line: `24小时开放` or `周一至周五 09:00-18:00；周六、周日 10:00-16:00`. */
export function formatHours(hours: OpeningHours | null | undefined): string {
  if (!hours) return '营业时间未知'
  if (hours.alwaysOpen) return '24小时开放'
  if (!hours.weekly?.length) return '营业时间未知'
  return hours.weekly
    .map((w) => `${formatDays(w.days)} ${w.open}-${w.close < w.open ? `次日${w.close}` : w.close}`)
    .join('；')
}

/** Whole seconds left until `expiresAt` (never negative). */
export function secondsLeft(expiresAt: string | number, now: number): number {
  const end = typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt)
  if (Number.isNaN(end)) return 0
  return Math.max(0, Math.ceil((end - now) / 1000))
}

/** `09:05` for 545 seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`
}

/** `now` rounded up to the next half hour plus `hours`, as `YYYY-MM-DD HH:mm` in Shanghai. */
export function defaultShanghaiTime(hoursFromNow: number, now = new Date()): string {
  const half = 30 * 60 * 1000
  return shanghaiDateTime(Math.ceil(now.getTime() / half) * half + hoursFromNow * 3600 * 1000)
}

/** The current minute in Shanghai: an activity created on the spot starts now, so its QR works at once. */
export function currentShanghaiMinute(now = new Date()): string {
  return shanghaiDateTime(Math.floor(now.getTime() / 60000) * 60000)
}
