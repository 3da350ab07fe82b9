import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './Field.scss'

/** A labelled form row with an inline error under it. */
export function Field({ label, required, error, hint, children }: { label: string; required?: boolean; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`xf-field ${error ? 'xf-field--error' : ''}`}>
      <Text className='xf-field__label'>
        {label}
        {required && <Text className='xf-field__required'> *</Text>}
      </Text>
      <View className='xf-field__control'>{children}</View>
      {error ? <Text className='error-text'>{error}</Text> : hint ? <Text className='muted'>{hint}</Text> : null}
    </View>
  )
}

/** A tappable choice list (platform, occupation, category): large pills instead of a tiny picker. */
export function Choices<T extends string>({ options, value, onChange }: { options: { value: T; label: string }[]; value?: T; onChange: (v: T) => void }) {
  return (
    <View className='xf-choices'>
      {options.map((o) => (
        <View key={o.value} className={`xf-choice ${o.value === value ? 'xf-choice--on' : ''}`} onClick={() => onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  )
}
