import { Input } from '@/components/nut'
import { Field } from '@/components/Field'

/** A Shanghai wall-clock time typed as `YYYY-MM-DD HH:mm` (works the same on weapp and H5). */
export function DateTimeField({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange: (v: string) => void }) {
  return (
    <Field label={label} required error={error} hint='格式：2026-11-25 14:00（北京时间）'>
      <Input value={value} onChange={(v: string) => onChange(v)} placeholder='YYYY-MM-DD HH:mm' maxLength={16} />
    </Field>
  )
}

const pad = (n: number) => String(n).padStart(2, '0')

/** An instant as `YYYY-MM-DD HH:mm` in Shanghai. */
function shanghaiText(t: number): string {
  const d = new Date(t + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `now` rounded up to the next half hour plus `hours`, as `YYYY-MM-DD HH:mm` in Shanghai. */
export function defaultShanghaiTime(hoursFromNow: number, now = new Date()): string {
  const half = 30 * 60 * 1000
  return shanghaiText(Math.ceil(now.getTime() / half) * half + hoursFromNow * 3600 * 1000)
}

/** The current minute in Shanghai: an activity created on the spot starts now, so its QR works at once. */
export function currentShanghaiMinute(now = new Date()): string {
  return shanghaiText(Math.floor(now.getTime() / 60000) * 60000)
}
