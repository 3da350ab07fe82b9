import { View } from '@tarojs/components'
import { ariaRole } from './a11y'
import './Check.scss'

/**
 * A checkbox with a 44×44 CSS px tap area and proper semantics (role="checkbox", aria-checked),
 * replacing NutUI's (a 20×16 icon whose ARIA attributes axe rejects).
 */
export function Check({ checked, onChange, label }: { checked: boolean; onChange: (checked: boolean) => void; label: string }) {
  return (
    <View className='xf-check' {...ariaRole('checkbox')} aria-checked={checked} aria-label={label} onClick={() => onChange(!checked)}>
      <View className={`xf-check__box ${checked ? 'xf-check__box--on' : ''}`}>{checked ? '✓' : ''}</View>
    </View>
  )
}
