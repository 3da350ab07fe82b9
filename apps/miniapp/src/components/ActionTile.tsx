import { View, Text } from '@tarojs/components'
import './ActionTile.scss'

/** A large square shortcut (随手拍, 集章卡, 找驿站 …) with a glyph badge. */
export function ActionTile({ glyph, title, subtitle, color = '#d7000f', onClick }: { glyph: string; title: string; subtitle?: string; color?: string; onClick: () => void }) {
  return (
    <View className='xf-tile' onClick={onClick}>
      <View className='xf-tile__glyph' style={{ background: color }}>
        {glyph}
      </View>
      <Text className='xf-tile__title'>{title}</Text>
      {subtitle && <Text className='xf-tile__subtitle'>{subtitle}</Text>}
    </View>
  )
}
