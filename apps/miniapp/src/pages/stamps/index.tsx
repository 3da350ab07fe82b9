import { View, Text } from '@tarojs/components'
import { api } from '@/services/api'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSignedInLoader } from '@/services/use-session-guard'
import { ActionRecord } from '@/components/ActionRecord'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StampGrid } from '@/components/StampGrid'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './stamps.scss'

/** 10 slots, the balance, and the full action record. */
export default function StampsPage() {
  const loader = useSignedInLoader(() => api.stamps.mine(), [], { reloadOnShow: true })
  const data = loader.data

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
              <StampGrid balance={data.balance} goal={data.goal} />
              <Text className='hint'>
                {data.balance >= data.goal
                  ? `已集满 ${data.goal} 枚，可以到工会驿站兑换礼品啦！`
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
