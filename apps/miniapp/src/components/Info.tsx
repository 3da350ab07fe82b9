import { View, Text } from '@tarojs/components'
import './Info.scss'

/** A label / value line (时间, 地点 …). */
export function Info({ label, value }: { label: string; value: string }) {
  return (
    <View className='xf-info'>
      <Text className='xf-info-label'>{label}</Text>
      <Text className='xf-info-value'>{value}</Text>
    </View>
  )
}
