import { View, Text } from '@tarojs/components'
import { useEffect } from 'react'
import { isApiError } from '@xfqs/api-client'
import { api } from '@/services/api'
import { formatCountdown, formatDate, secondsLeft } from '@/services/format'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useNow } from '@/services/use-now'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { QrCode } from '@/components/QrCode'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './join.scss'

/** A fresh code is fetched this many seconds before the shown one expires. */
const REFRESH_BEFORE_S = 20

/**
 * The electronic member card: masked name, member number, union and join date, and a QR code
 * (signed, valid 5 minutes, renewed by itself) that staff scan to verify membership.
 */
export default function MemberCardPage() {
  const loader = useSignedInLoader(() => api.membership.card())
  const card = loader.data
  const now = useNow(1000)
  const left = card ? secondsLeft(card.expiresAt, now) : 0
  const notMember = isApiError(loader.error) && loader.error.code === 'NOT_A_MEMBER'

  useEffect(() => {
    if (card && left <= REFRESH_BEFORE_S && !loader.loading) void loader.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [card, left <= REFRESH_BEFORE_S])

  return (
    <Screen>
      <StateView
        loading={loader.loading && !card}
        error={notMember ? undefined : loader.error}
        onRetry={loader.reload}
        empty={notMember}
        emptyText='通过入会审核后，这里会显示您的电子会员证。'
        emptyAction={
          <Button type='primary' className='gap-top' onClick={() => go(ROUTES.joinStatus)}>
            查看入会进度
          </Button>
        }
      >
        {card && (
          <>
            <View className='member-card'>
              <View className='member-card__ring' />
              <Text className='member-card__org'>{card.orgName}</Text>
              <Text className='member-card__title'>工会会员证</Text>
              <View className='member-card__grid'>
                <View>
                  <Text className='member-card__label'>姓名</Text>
                  <Text className='member-card__name'>{card.name}</Text>
                </View>
                <View>
                  <Text className='member-card__label'>入会日期</Text>
                  <Text className='member-card__since'>{formatDate(card.memberSince)}</Text>
                </View>
              </View>
              <Text className='member-card__label'>会员编号</Text>
              <Text className='member-card__no'>{card.memberNo}</Text>
            </View>
            <Card title='出示给工作人员核验'>
              <View className='member-card__verify'>
                <View className='member-card__qr'>
                  <QrCode value={card.url} size={400} dimmed={left === 0} />
                </View>
                <Text className='hint member-card__countdown'>
                  {left > 0 ? `核验码 ${formatCountdown(left)} 后自动更新，截图无效` : '正在更新核验码…'}
                </Text>
              </View>
            </Card>
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
