import { View, Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { api } from '@/services/api'
import { getRiderLocation } from '@/services/location'
import { MEMBERSHIP_STATUS } from '@/services/labels'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { scanAndOpen } from '@/services/scanner'
import { isStaff, refreshMe, useSession } from '@/services/session'
import { useLoader } from '@/services/use-loader'
import { ActionTile } from '@/components/ActionTile'
import { HelpEntry } from '@/components/HelpEntry'
import { OfflineScans } from '@/components/OfflineScans'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StationCard } from '@/components/StationCard'
import { StatusTag } from '@/components/StatusTag'
import { Button, Progress } from '@/components/nut'
import './index.scss'

export default function HomePage() {
  const session = useSession()
  const me = session.me
  const nearby = useLoader(async () => {
    const location = await getRiderLocation()
    const { items } = await api.stations.nearby({ ...location.point, limit: 3 })
    return { items, notice: location.notice }
  })

  useDidShow(() => {
    if (session.status !== 'signedOut') refreshMe().catch(() => undefined)
  })

  const stamps = me?.stamps ?? { balance: 0, total: 0, goal: 10 }
  const membership = me?.membership.status ?? 'none'

  return (
    <Screen className='home'>
      <View className='home__hero'>
        <Text className='home__hello'>{me ? `你好，${me.nickname || '骑手朋友'}` : '你好，骑手朋友'}</Text>
        <Text className='home__slogan'>工会是咱骑手的“娘家人”</Text>
        {me ? (
          <View className='home__status' onClick={() => go(membership === 'approved' ? ROUTES.memberCard : ROUTES.joinStatus)}>
            <StatusTag tone={MEMBERSHIP_STATUS[membership].tone}>{MEMBERSHIP_STATUS[membership].name}</StatusTag>
            {me.membership.memberNo && <Text className='home__memberno'>会员号 {me.membership.memberNo}</Text>}
          </View>
        ) : (
          session.status === 'signedOut' && (
            <View className='home__status' onClick={() => go(ROUTES.login)}>
              <Text className='home__login'>登录后查看会员和印章 ›</Text>
            </View>
          )
        )}
        <View className='home__progress' onClick={() => go(ROUTES.stamps)}>
          <View className='row'>
            <Text className='home__progress-label'>先锋骑士印章</Text>
            <View className='spacer' />
            <Text className='home__progress-count'>
              {stamps.balance}/{stamps.goal}
            </Text>
          </View>
          <Progress percent={Math.min(100, (stamps.balance / Math.max(1, stamps.goal)) * 100)} strokeWidth='10' color='#F5B400' background='rgba(255,255,255,0.35)' />
          <Text className='home__progress-tip'>
            {stamps.balance >= stamps.goal ? '已集满，可以去驿站兑换礼品啦！' : `再集 ${stamps.goal - stamps.balance} 枚就能兑换礼品`}
          </Text>
        </View>
      </View>

      <Button type='primary' size='large' block className='home__scan' onClick={scanAndOpen}>
        扫一扫 · 入会 / 签到 / 集章
      </Button>

      <HelpEntry />
      <OfflineScans />

      <View className='home__tiles'>
        <ActionTile glyph='站' title='找驿站' subtitle='热水·充电·歇脚' color='#D7000F' onClick={() => go(ROUTES.stations)} />
        <ActionTile glyph='章' title='集章卡' subtitle='印章与兑换' color='#F08A24' onClick={() => go(ROUTES.stamps)} />
        <ActionTile glyph='拍' title='随手拍' subtitle='上报隐患得印章' color='#2E86DE' onClick={() => go(ROUTES.report)} />
        {membership === 'approved' ? (
          <ActionTile glyph='证' title='会员证' subtitle='电子会员卡' color='#16A085' onClick={() => go(ROUTES.memberCard)} />
        ) : (
          <ActionTile glyph='会' title='加入工会' subtitle={membership === 'pending' ? '审核中' : '扫沟通会二维码'} color='#16A085' onClick={() => go(ROUTES.joinStatus)} />
        )}
        {isStaff(me) && <ActionTile glyph='工' title='工作台' subtitle='核销·审核·统计' color='#37474F' onClick={() => go(ROUTES.staffHome)} />}
      </View>

      <Card title='离我最近的驿站' extra='全部 ›' onExtraClick={() => go(ROUTES.stations)}>
        {nearby.data?.notice && <View className='notice'>{nearby.data.notice}</View>}
        <StateView loading={nearby.loading} error={nearby.error} onRetry={nearby.reload} empty={nearby.data?.items.length === 0} emptyText='附近 10 公里内暂时没有驿站'>
          {nearby.data?.items.map((s) => (
            <StationCard key={s.id} station={s} onClick={() => go(ROUTES.station, { id: s.id })} />
          ))}
        </StateView>
      </Card>
    </Screen>
  )
}
