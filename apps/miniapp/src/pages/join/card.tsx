import { View, Text } from '@tarojs/components'
import { api } from '@/services/api'
import { formatDate } from '@/services/format'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSession } from '@/services/session'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './join.scss'

/** The digital member card, once approved. */
export default function MemberCardPage() {
  const { me } = useSession()
  const loader = useSignedInLoader(() => api.membership.mine())
  const data = loader.data

  return (
    <Screen>
      <StateView
        loading={loader.loading}
        error={loader.error}
        onRetry={loader.reload}
        empty={!!data && data.status !== 'approved'}
        emptyText='通过入会审核后，这里会显示您的电子会员证。'
        emptyAction={
          <Button type='primary' className='gap-top' onClick={() => go(ROUTES.joinStatus)}>
            查看入会进度
          </Button>
        }
      >
        {data?.status === 'approved' && (
          <>
            <View className='member-card'>
              <View className='member-card__ring' />
              <Text className='member-card__org'>{data.application?.orgName ?? '工会'}</Text>
              <Text className='member-card__title'>工会会员证</Text>
              <Text className='member-card__label'>会员编号</Text>
              <Text className='member-card__no'>{data.memberNo}</Text>
              <View className='member-card__foot'>
                <Text>{me?.nickname ?? '会员'}</Text>
                {data.memberSince && <Text>入会 {formatDate(data.memberSince)}</Text>}
              </View>
            </View>
            <Card title='会员可以享受'>
              <Text className='hint'>
                · 工会驿站：热水、热饭、充电、休息{'\n'}· 职工互助保障与困难帮扶{'\n'}· 免费法律咨询、心理疏导{'\n'}· 先锋骑士集章兑换礼品
              </Text>
            </Card>
            <Button type='primary' size='large' block onClick={() => go(ROUTES.stations)}>
              找附近的工会驿站
            </Button>
          </>
        )}
      </StateView>
    </Screen>
  )
}
