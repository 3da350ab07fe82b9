import { View, Text } from '@tarojs/components'
import type { RedemptionRecord, StampRecord } from '@xfqs/api-client'
import { formatDateTime } from '@/services/format'
import { StatusTag } from './StatusTag'
import './ActionRecord.scss'

const SOURCE_NAMES = { activity: '活动签到', report: '随手拍' } as const

type Entry = { at: string; stamp: StampRecord; gift?: undefined } | { at: string; gift: RedemptionRecord; stamp?: undefined }

/** Stamps earned and gifts redeemed as one record, newest first: each gift sits at the time it was handed over. */
export function recordEntries(items: StampRecord[], redemptions: RedemptionRecord[]): Entry[] {
  const entries: Entry[] = [...items.map((stamp) => ({ at: stamp.awardedAt, stamp })), ...redemptions.map((gift) => ({ at: gift.fulfilledAt, gift }))]
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
}

/** The 行动记录表: every stamp earned and every gift redeemed, in time order (newest first). */
export function ActionRecord({ items, redemptions }: { items: StampRecord[]; redemptions: RedemptionRecord[] }) {
  if (items.length === 0 && redemptions.length === 0) {
    return <Text className='hint'>还没有记录。参加一次志愿活动或随手拍，就能盖上第一枚印章！</Text>
  }
  return (
    <View>
      {recordEntries(items, redemptions).map((entry) =>
        entry.stamp ? (
          <View key={`s-${entry.stamp.id}`} className='xf-record'>
            <View className='xf-record__main'>
              <Text className='xf-record__title'>{entry.stamp.title}</Text>
              <View className='row xf-record__meta'>
                <StatusTag tone={entry.stamp.source === 'report' ? 'primary' : 'warning'}>{SOURCE_NAMES[entry.stamp.source] ?? '活动'}</StatusTag>
                <Text className='muted xf-record__date'>{formatDateTime(entry.at)}</Text>
              </View>
            </View>
            <Text className='xf-record__amount'>+{entry.stamp.amount}</Text>
          </View>
        ) : (
          <View key={`r-${entry.gift.id}`} className='xf-record xf-record--gift'>
            <View className='xf-record__main'>
              <Text className='xf-record__title'>兑换 {entry.gift.rewardName}</Text>
              <View className='row xf-record__meta'>
                <StatusTag tone='success'>{entry.gift.stationName}</StatusTag>
                <Text className='muted xf-record__date'>{formatDateTime(entry.at)}</Text>
              </View>
            </View>
            <Text className='xf-record__amount xf-record__amount--spent'>-{entry.gift.cost}</Text>
          </View>
        ),
      )}
    </View>
  )
}
