import { View, Text } from '@tarojs/components'
import './StampGrid.scss'

/** The 先锋骑士 handbook page: `goal` slots (10), the first `balance` of them stamped. */
export function StampGrid({ balance, goal = 10 }: { balance: number; goal?: number }) {
  const slots = Array.from({ length: goal }, (_, i) => i < balance)
  return (
    <View className='xf-stamps'>
      {slots.map((filled, i) => (
        <View key={i} className={`xf-stamps__slot ${filled ? 'xf-stamps__slot--filled' : ''}`}>
          {filled ? <Text className='xf-stamps__mark'>先锋</Text> : <Text className='xf-stamps__index'>{i + 1}</Text>}
        </View>
      ))}
    </View>
  )
}
