import { View, Text } from '@tarojs/components'
import './BarChart.scss'

export interface Bar {
  label: string
  value: number
}

/** A light bar chart drawn with views: one column per day, the value on top. */
export function BarChart({ bars, color = '#D7000F', height = 240 }: { bars: Bar[]; color?: string; height?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  if (bars.every((b) => !b.value)) return <Text className='muted'>这段时间还没有数据</Text>
  return (
    <View className='xf-bars' style={{ height: `${height / 2 + 40}px` }}>
      {bars.map((b) => (
        <View key={b.label} className='xf-bars__col'>
          <Text className='xf-bars__value'>{b.value || ''}</Text>
          <View className='xf-bars__bar' style={{ height: `${Math.round((b.value / max) * (height / 2))}px`, background: color }} />
          <Text className='xf-bars__label'>{b.label}</Text>
        </View>
      ))}
    </View>
  )
}
