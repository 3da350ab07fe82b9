import { View, Text } from '@tarojs/components'
import { stampCards } from '@/services/stamp-cards'
import { StampGrid } from './StampGrid'
import './StampCards.scss'

interface Props {
  balance: number
  goal: number
  /** Stamps that just arrived (animated). */
  fresh?: number
  /** One card only (the check-in result): the one being filled, or the one just completed. */
  currentOnly?: boolean
}

/**
 * Stamps beyond the goal stay visible, as in a paper card book: the latest full card
 * (`第 1 张 · 已集满`, and how many more are full) above the card being filled (`第 2 张 · 2/10`).
 */
export function StampCards({ balance, goal, fresh = 0, currentOnly = false }: Props) {
  const cards = stampCards(balance, goal)
  // Fresh stamps land on the card being filled; any beyond it completed the card before.
  const freshOnCurrent = Math.min(fresh, cards.current)
  const freshOnFull = cards.full > 0 ? Math.min(fresh - freshOnCurrent, goal) : 0
  const justCompleted = cards.full > 0 && cards.current === 0
  const showFull = cards.full > 0 && (!currentOnly || justCompleted)
  const showCurrent = !currentOnly || !justCompleted
  return (
    <View className='xf-cards'>
      {showFull && (
        <View className='xf-cards__card xf-cards__card--full'>
          <View className='xf-cards__head'>
            <Text className='xf-cards__title'>第 {cards.full} 张</Text>
            <Text className='xf-cards__badge'>已集满 · 可兑换</Text>
            {cards.full > 1 && <Text className='muted xf-cards__more'>另有 {cards.full - 1} 张已集满</Text>}
          </View>
          <StampGrid balance={goal} goal={goal} fresh={freshOnFull} />
        </View>
      )}
      {showCurrent && (
        <View className='xf-cards__card'>
          <View className='xf-cards__head'>
            <Text className='xf-cards__title'>第 {cards.cardNo} 张</Text>
            <Text className='xf-cards__count'>
              {cards.current}/{goal}
            </Text>
          </View>
          <StampGrid balance={cards.current} goal={goal} fresh={freshOnCurrent} />
        </View>
      )}
    </View>
  )
}
