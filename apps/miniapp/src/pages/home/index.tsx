import { View, Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { MEMBERSHIP_STATUS } from '@/services/labels'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { scanAndOpen } from '@/services/scanner'
import { isStaff, refreshMe, useSession } from '@/services/session'
import { ActionTile } from '@/components/ActionTile'
import { HelpEntry } from '@/components/HelpEntry'
import { OfflineScans } from '@/components/OfflineScans'
import { Screen } from '@/components/Screen'
import { StatusTag } from '@/components/StatusTag'
import { Button } from '@/components/nut'
import { NearbyStationsSection, StationNowSection, useHomeStations } from './NearbyStations'
import { StampProgress } from './StampProgress'
import './index.scss'

export default function HomePage() {
  const session = useSession()
  const me = session.me
  const stations = useHomeStations()

  useDidShow(() => {
    if (session.status !== 'signedOut') refreshMe().catch(() => undefined)
  })

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
        <StampProgress session={session} />
      </View>

      <Button type='primary' size='large' block className='home__scan' onClick={scanAndOpen}>
        扫一扫 · 入会 / 签到 / 集章
      </Button>

      <OfflineScans />
      <StationNowSection loader={stations} />
      <HelpEntry />

      <View className='home__tiles'>
        <ActionTile glyph='站' title='找驿站' subtitle='热水·充电·歇脚' color='#D7000F' onClick={() => go(ROUTES.stations)} />
        <ActionTile glyph='章' title='集章卡' subtitle='印章与兑换' color='#F08A24' onClick={() => go(ROUTES.stamps)} />
        <ActionTile glyph='拍' title='随手拍' subtitle='上报隐患得印章' color='#2E86DE' onClick={() => go(ROUTES.report)} />
        {membership === 'approved' ? (
          <ActionTile glyph='证' title='会员证' subtitle='电子会员卡' color='#16A085' onClick={() => go(ROUTES.memberCard)} />
        ) : (
          // Until /me has answered we do not know: no "加入工会" offered to someone who may be a member.
          (me || session.status === 'signedOut') && (
            <ActionTile glyph='会' title='加入工会' subtitle={membership === 'pending' ? '审核中' : '扫沟通会二维码'} color='#16A085' onClick={() => go(ROUTES.joinStatus)} />
          )
        )}
        {isStaff(me) && <ActionTile glyph='工' title='工作台' subtitle='核销·审核·统计' color='#37474F' onClick={() => go(ROUTES.staffHome)} />}
      </View>

      <NearbyStationsSection loader={stations} />
    </Screen>
  )
}
