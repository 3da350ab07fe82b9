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

/** `now` rounded up to the next half hour plus `hours`, as `YYYY-MM-DD HH:mm` in Shanghai. */
export function defaultShanghaiTime(hoursFromNow: number, now = new Date()): string {
  const half = 30 * 60 * 1000
  const t = Math.ceil(now.getTime() / half) * half + hoursFromNow * 3600 * 1000 + 8 * 3600 * 1000
  const d = new Date(t)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
