import { View, Text } from '@tarojs/components'
import { ariaRole } from './a11y'
import './ActionTile.scss'

/** A large square shortcut (随手拍, 集章卡, 找驿站 …) with a glyph, and a count waiting ("3 待审") when given. */
export function ActionTile({ glyph, title, subtitle, color = '#d7000f', badge, onClick }: { glyph: string; title: string; subtitle?: string; color?: string; badge?: string; onClick: () => void }) {
  return (
    <View className='xf-tile' {...ariaRole('button')} onClick={onClick}>
      <View className='xf-tile__glyph' style={{ background: color }}>
        {glyph}
      </View>
      {badge && <Text className='xf-tile__badge'>{badge}</Text>}
      <Text className='xf-tile__title'>{title}</Text>
      {subtitle && <Text className='xf-tile__subtitle'>{subtitle}</Text>}
    </View>
  )
}
