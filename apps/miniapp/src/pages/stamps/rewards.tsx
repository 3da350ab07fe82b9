import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { formatDistance } from '@xfqs/domain'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { getRiderLocation, withRiderDistances } from '@/services/location'
import { go } from '@/services/navigation'
import { groupRewards, type RewardOffer } from '@/services/reward-groups'
import { ROUTES } from '@/services/routes'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './stamps.scss'
import { askToSubscribe } from '@/services/notifications'

/** Rewards grouped by gift, each with the stations that stock it; what the rider can redeem now first. */
export default function RewardsPage() {
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<string>()
  const loader = useSignedInLoader(async () => {
    const location = await getRiderLocation()
    const [stamps, rewards, stations] = await Promise.all([api.stamps.mine(), api.rewards.list(), api.stations.nearby({ ...location.point, limit: 50, radiusM: 100000 })])
    const byId = new Map(withRiderDistances(stations.items, location).map((s) => [s.id, s]))
    return { balance: stamps.balance, groups: groupRewards(rewards.items, byId, stamps.balance) }
  })

  const redeem = async (offer: RewardOffer) => {
    askToSubscribe('redemption') // weapp: ask for the "redeemed" reminder while this is still the tap
    setBusy(offer.id)
    setError(undefined)
    try {
      const code = await api.redemptions.create({ stationId: offer.stationId, rewardId: offer.id })
      go(ROUTES.redeem, {
        id: code.id,
        code: code.code,
        expiresAt: code.expiresAt,
        reward: offer.name,
        station: offer.station?.name ?? offer.stationName ?? '',
        stationId: offer.stationId,
        rewardId: offer.id,
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
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={data?.groups.length === 0} emptyText='附近驿站暂时没有可兑换的礼品'>
        {data && (
          <>
            <View className='notice'>
              您现在有 <Text className='reward__cost'>{data.balance}</Text> 枚印章。选好礼品和领取的驿站，到站把兑换码出示给工作人员扫一扫即可领取。
            </View>
            {error && <View className='notice'>{error}</View>}
            {data.groups.map((group) => (
              <Card key={group.name} className='reward'>
                <View className='row'>
                  <View className='reward__icon'>{group.name.slice(0, 1)}</View>
                  <View style={{ flex: 1 }}>
                    <Text className='reward__name'>{group.name}</Text>
                    <Text className='reward__meta'>
                      <Text className='reward__cost'>{group.cost} 枚印章</Text> · {group.offers.length} 个驿站可领 · 共剩 {group.inStock} 件
                    </Text>
                  </View>
                  {!group.affordable && group.inStock > 0 && <Text className='muted'>还差 {group.cost - data.balance} 枚</Text>}
                </View>
                {group.offers.map((offer) => (
                  <View key={offer.id} className='reward__station'>
                    <View style={{ flex: 1 }}>
                      <Text className='reward__station-name'>{offer.station?.name ?? offer.stationName ?? '工会驿站'}</Text>
                      <Text className='reward__meta'>
                        {offer.station?.distanceM !== undefined ? `${formatDistance(offer.station.distanceM)} · ` : ''}
                        {offer.stock > 0 ? `剩 ${offer.stock} 件` : '已兑完'}
                        {offer.cost !== group.cost ? ` · ${offer.cost} 枚` : ''}
                      </Text>
                    </View>
                    {offer.affordable ? (
                      <Button type='primary' size='small' className='reward__go' loading={busy === offer.id} onClick={() => redeem(offer)}>
                        兑换
                      </Button>
                    ) : (
                      <Text className='muted'>{offer.stock <= 0 ? '已兑完' : ''}</Text>
                    )}
                  </View>
                ))}
              </Card>
            ))}
          </>
        )}
      </StateView>
    </Screen>
  )
}
