import { View, Text } from '@tarojs/components'
import './StampGrid.scss'

/**
 * The 先锋骑士 handbook page: `goal` slots (10), the first `balance` of them stamped; the last
 * `fresh` stamped slots are the ones that just arrived and land with a stamping animation.
 */
export function StampGrid({ balance, goal = 10, fresh = 0 }: { balance: number; goal?: number; fresh?: number }) {
  const filled = Math.min(balance, goal)
  const firstFresh = filled - Math.min(fresh, filled)
  return (
    <View className='xf-stamps'>
      {Array.from({ length: goal }, (_, i) => (
        <View
          key={i}
          className={`xf-stamps__slot ${i < filled ? 'xf-stamps__slot--filled' : ''} ${i >= firstFresh && i < filled ? 'xf-stamps__slot--new' : ''}`}
          style={i >= firstFresh && i < filled ? { animationDelay: `${(i - firstFresh) * 0.25}s` } : undefined}
        >
          {i < filled ? <Text className='xf-stamps__mark'>先锋</Text> : <Text className='xf-stamps__index'>{i + 1}</Text>}
        </View>
      ))}
    </View>
  )
}
