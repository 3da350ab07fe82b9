import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { refreshUnreadBadge } from '@/services/notifications'
import { MEMBERSHIP_STATUS, ROLE_NAMES } from '@/services/labels'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { isStaff, refreshMe, signOut, useSession } from '@/services/session'
import { Card } from '@/components/Card'
import { HelpEntry } from '@/components/HelpEntry'
import { OfflineScans } from '@/components/OfflineScans'
import { Screen } from '@/components/Screen'
import { LoadingBlock } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { Button } from '@/components/nut'
import './index.scss'

/** Profile, roles, shortcuts, privacy notice and sign-out. */
export default function MePage() {
  const session = useSession()
  const me = session.me
  const [unread, setUnread] = useState(0)
  useDidShow(() => {
    refreshUnreadBadge().then(setUnread)
  })

  useEffect(() => {
    if (session.status !== 'signedOut') refreshMe().catch(() => undefined)
  }, [])
  usePullDownRefresh(() => {
    refreshMe()
      .catch(() => undefined)
      .finally(() => Taro.stopPullDownRefresh())
  })

  const confirmSignOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '退出后需要重新登录才能查看会员和印章。', confirmText: '退出', confirmColor: '#D7000F' })
    if (confirm) await signOut()
  }

  if (session.status === 'unknown' && !me) return <Screen><LoadingBlock /></Screen>

  return (
    <Screen>
      <View className='me__head'>
        <View className='me__avatar'>{(me?.nickname || '骑').slice(0, 1)}</View>
        <View>
          <Text className='me__name'>{me ? me.nickname || '骑手朋友' : '未登录'}</Text>
          {me ? (
            <View className='row me__tags'>
              <StatusTag tone={MEMBERSHIP_STATUS[me.membership.status].tone}>{MEMBERSHIP_STATUS[me.membership.status].name}</StatusTag>
              {me.membership.memberNo && <Text className='me__memberno'>会员号 {me.membership.memberNo}</Text>}
            </View>
          ) : (
            <Text className='me__login' onClick={() => go(ROUTES.login, { redirect: ROUTES.me })}>
              点击登录 ›
            </Text>
          )}
        </View>
      </View>

      {me && (
        <Card title='我的身份'>
          <View className='me__roles'>
            {me.roles.map((r, i) => (
              <StatusTag key={i} tone={r.role === 'rider' ? 'muted' : 'primary'}>
                {ROLE_NAMES[r.role] + (r.orgName ? ` · ${r.orgName}` : r.stationName ? ` · ${r.stationName}` : '')}
              </StatusTag>
            ))}
          </View>
        </Card>
      )}

      <HelpEntry />
      <OfflineScans />

      <Card>
        <Row title='消息' extra={unread > 0 ? `${unread > 99 ? '99+' : unread} 条未读` : undefined} dot={unread > 0} onClick={() => go(ROUTES.inbox)} />
        <Row title='入会进度 / 会员证' onClick={() => go(me?.membership.status === 'approved' ? ROUTES.memberCard : ROUTES.joinStatus)} />
        <Row title='我的集章卡' extra={me ? `${me.stamps.balance} 枚` : undefined} onClick={() => go(ROUTES.stamps)} />
        <Row title='我的随手拍' onClick={() => go(ROUTES.myReports)} />
        <Row title='我的求助' onClick={() => go(ROUTES.help)} />
        <Row title='隐私保护说明' onClick={() => go(ROUTES.privacy)} />
        {isStaff(me) && <Row title='工作人员工作台' extra='核销 · 审核 · 统计' onClick={() => go(ROUTES.staffHome)} />}
      </Card>

      {me && (
        <Button size='large' block className='big-button' onClick={confirmSignOut}>
          退出登录
        </Button>
      )}
    </Screen>
  )
}

function Row({ title, extra, dot, onClick }: { title: string; extra?: string; dot?: boolean; onClick: () => void }) {
  return (
    <View className='me__row' onClick={onClick}>
      <Text>{title}</Text>
      {dot && <View className='me__dot' />}
      <View className='spacer' />
      {extra && <Text className='muted'>{extra}</Text>}
      <Text className='me__arrow'>›</Text>
    </View>
  )
}
