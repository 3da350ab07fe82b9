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
