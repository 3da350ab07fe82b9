import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { Reward, Station } from '@xfqs/api-client'
import { formatDistance } from '@xfqs/domain'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { getRiderLocation } from '@/services/location'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './stamps.scss'
import { askToSubscribe } from '@/services/notifications'

interface RewardView extends Reward {
  station?: Station
  affordable: boolean
}

/** Rewards in stock near the rider, the affordable ones first. */
export default function RewardsPage() {
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<string>()
  const loader = useSignedInLoader(async () => {
    const location = await getRiderLocation()
    const [stamps, rewards, stations] = await Promise.all([api.stamps.mine(), api.rewards.list(), api.stations.nearby({ ...location.point, limit: 50, radiusM: 100000 })])
    const byId = new Map(stations.items.map((s) => [s.id, s]))
    const items: RewardView[] = rewards.items
      .map((r) => ({ ...r, station: byId.get(r.stationId), affordable: stamps.balance >= r.cost && r.stock > 0 }))
      .sort((a, b) => Number(b.affordable) - Number(a.affordable) || (a.station?.distanceM ?? 1e9) - (b.station?.distanceM ?? 1e9))
    return { balance: stamps.balance, items }
  })

  const redeem = async (reward: RewardView) => {
    askToSubscribe('redemption') // weapp: ask for the "redeemed" reminder while this is still the tap
    setBusy(reward.id)
    setError(undefined)
    try {
      const code = await api.redemptions.create({ stationId: reward.stationId, rewardId: reward.id })
      go(ROUTES.redeem, {
        id: code.id,
        code: code.code,
        expiresAt: code.expiresAt,
        reward: reward.name,
        station: reward.station?.name ?? reward.stationName ?? '',
        stationId: reward.stationId,
        rewardId: reward.id,
      })
    } catch (err) {
      setError(describeError(err))
    } finally {
      setBusy(undefined)
    }
  }

  const data = loader.data
  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={data?.items.length === 0} emptyText='附近驿站暂时没有可兑换的礼品'>
        {data && (
          <>
            <View className='notice'>
              您现在有 <Text className='reward__cost'>{data.balance}</Text> 枚印章。选好礼品后到对应驿站，把兑换码出示给工作人员扫一扫即可领取。
            </View>
            {error && <View className='notice'>{error}</View>}
            <Card>
              {data.items.map((r) => (
                <View key={r.id} className='reward'>
                  <View className='reward__icon'>{r.name.slice(0, 1)}</View>
                  <View style={{ flex: 1 }}>
                    <Text className='reward__name'>{r.name}</Text>
                    <Text className='reward__meta'>
                      <Text className='reward__cost'>{r.cost} 枚印章</Text> · 剩 {r.stock} 件
                    </Text>
                    <Text className='reward__meta'>
                      {r.station?.name ?? r.stationName ?? '工会驿站'}
                      {r.station?.distanceM !== undefined ? ` · ${formatDistance(r.station.distanceM)}` : ''}
                    </Text>
                  </View>
                  {r.affordable ? (
                    <Button type='primary' loading={busy === r.id} onClick={() => redeem(r)}>
                      兑换
                    </Button>
                  ) : (
                    <Text className='muted'>{r.stock <= 0 ? '已兑完' : `还差 ${r.cost - data.balance} 枚`}</Text>
                  )}
                </View>
              ))}
            </Card>
          </>
        )}
      </StateView>
    </Screen>
  )
}
