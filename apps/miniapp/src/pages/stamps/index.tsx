import { View, Text } from '@tarojs/components'
import { api } from '@/services/api'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSession } from '@/services/session'
import { stampCards } from '@/services/stamp-cards'
import { useFreshStamps } from '@/services/use-fresh-stamps'
import { useSignedInLoader } from '@/services/use-session-guard'
import { ActionRecord } from '@/components/ActionRecord'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StampCards } from '@/components/StampCards'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './stamps.scss'

/** The stamp cards (full ones and the one being filled, new stamps pressed in), the numbers and the action record. */
export default function StampsPage() {
  const loader = useSignedInLoader(() => api.stamps.mine(), [], { reloadOnShow: true })
  const data = loader.data
  const { me } = useSession()
  const fresh = useFreshStamps(me?.id, data?.total)
  const cards = data ? stampCards(data.balance, data.goal) : undefined

  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
        {data && (
          <>
            <Card>
              <View className='stamps__numbers'>
                <View className='stamps__number'>
                  <Text className='stamps__value stamps__value--main'>{data.balance}</Text>
                  <Text className='muted'>可用印章</Text>
                </View>
                <View className='stamps__number'>
                  <Text className='stamps__value'>{data.total}</Text>
                  <Text className='muted'>累计获得</Text>
                </View>
                <View className='stamps__number'>
                  <Text className='stamps__value'>{data.redemptions.length}</Text>
                  <Text className='muted'>已兑换</Text>
                </View>
              </View>
              {fresh > 0 && <Text className='stamps__fresh'>新盖上 {fresh} 枚印章！</Text>}
              <StampCards balance={data.balance} goal={data.goal} fresh={fresh} />
              <Text className='hint'>
                {cards?.canRedeem
                  ? `已集满 ${cards.full > 1 ? `${cards.full} 张共 ${cards.full * data.goal}` : data.goal} 枚，可以到工会驿站兑换礼品啦！${cards.current > 0 ? `第 ${cards.cardNo} 张已盖 ${cards.current} 枚。` : ''}`
                  : `参加志愿活动、随手拍上报隐患都能得印章，集满 ${data.goal} 枚可兑换冰袖、保温杯、充电宝等礼品。`}
              </Text>
              <Button type='primary' size='large' block className='big-button' onClick={() => go(ROUTES.rewards)}>
                {data.balance >= data.goal ? '去兑换礼品' : '看看有哪些礼品'}
              </Button>
            </Card>
            <Card title='行动记录'>
              <ActionRecord items={data.items} redemptions={data.redemptions} />
            </Card>
          </>
        )}
      </StateView>
    </Screen>
  )
}
