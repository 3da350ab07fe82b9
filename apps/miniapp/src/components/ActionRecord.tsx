import { View, Text } from '@tarojs/components'
import type { RedemptionRecord, StampRecord } from '@xfqs/api-client'
import { formatDateTime } from '@/services/format'
import { StatusTag } from './StatusTag'
import './ActionRecord.scss'

const SOURCE_NAMES = { activity: '活动签到', report: '随手拍' } as const

/** The 行动记录表: every stamp earned (newest first) and every gift redeemed. */
export function ActionRecord({ items, redemptions }: { items: StampRecord[]; redemptions: RedemptionRecord[] }) {
  if (items.length === 0 && redemptions.length === 0) {
    return <Text className='hint'>还没有记录。参加一次志愿活动或随手拍，就能盖上第一枚印章！</Text>
  }
  return (
    <View>
      {items.map((item) => (
        <View key={item.id} className='xf-record'>
          <View className='xf-record__main'>
            <Text className='xf-record__title'>{item.title}</Text>
            <View className='row xf-record__meta'>
              <StatusTag tone={item.source === 'report' ? 'primary' : 'warning'}>{SOURCE_NAMES[item.source] ?? '活动'}</StatusTag>
              <Text className='muted xf-record__date'>{formatDateTime(item.awardedAt)}</Text>
            </View>
          </View>
          <Text className='xf-record__amount'>+{item.amount}</Text>
        </View>
      ))}
      {redemptions.map((r) => (
        <View key={r.id} className='xf-record'>
          <View className='xf-record__main'>
            <Text className='xf-record__title'>兑换 {r.rewardName}</Text>
            <View className='row xf-record__meta'>
              <StatusTag tone='success'>{r.stationName}</StatusTag>
              <Text className='muted xf-record__date'>{formatDateTime(r.fulfilledAt)}</Text>
            </View>
          </View>
          <Text className='xf-record__amount xf-record__amount--spent'>-{r.cost}</Text>
        </View>
      ))}
    </View>
  )
}
