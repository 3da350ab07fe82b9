import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { api } from '@/services/api'
import { getRiderLocation, withRiderDistances } from '@/services/location'
import { go, openStationMap } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSession } from '@/services/session'
import { useLoader } from '@/services/use-loader'
import { ActionRecord } from '@/components/ActionRecord'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { LocationNotice } from '@/components/LocationNotice'
import { StationCard } from '@/components/StationCard'
import { Button } from '@/components/nut'
import { LETTER, UNION_INTRO } from './content'
import './index.scss'

const TABS = [
  { key: 'letter', title: '一封信' },
  { key: 'union', title: '工会介绍' },
  { key: 'map', title: '服务点' },
  { key: 'record', title: '行动记录' },
] as const
type TabKey = (typeof TABS)[number]['key']

/** The 先锋骑士 handbook: letter, union intro, service points and the rider's action record. */
export default function HandbookPage() {
  const [tab, setTab] = useState<TabKey>('letter')
  return (
    <Screen>
      <View className='handbook__cover'>
        <Text className='handbook__cover-title'>争创“先锋骑士”</Text>
        <Text className='handbook__cover-sub'>顺手公益 · 共建共治共享</Text>
      </View>
      <View className='handbook__tabs'>
        {TABS.map((t) => (
          <View key={t.key} className={`handbook__tab ${tab === t.key ? 'handbook__tab--on' : ''}`} onClick={() => setTab(t.key)}>
            {t.title}
          </View>
        ))}
      </View>
      {tab === 'letter' && <Letter />}
      {tab === 'union' && <UnionIntro />}
      {tab === 'map' && <ServicePoints />}
      {tab === 'record' && <MyRecord />}
    </Screen>
  )
}

function Letter() {
  return (
    <Card>
      <Text className='handbook__letter-title'>{LETTER.title}</Text>
      <Text className='handbook__p'>{LETTER.greeting}</Text>
      {LETTER.paragraphs.map((p, i) => (
        <Text key={i} className='handbook__p handbook__indent'>
          {p}
        </Text>
      ))}
      <Text className='handbook__sign'>{LETTER.signature}</Text>
    </Card>
  )
}

function UnionIntro() {
  return (
    <>
      {UNION_INTRO.map((s) => (
        <Card key={s.title} title={s.title}>
          <Text className='handbook__p'>{s.text}</Text>
        </Card>
      ))}
    </>
  )
}

function ServicePoints() {
  const loader = useLoader(async () => {
    const location = await getRiderLocation()
    const { items } = await api.stations.nearby({ ...location.point, limit: 10, radiusM: 20000 })
    return { items: withRiderDistances(items, location), location }
  })
  return (
    <>
      <Card title='“先锋骑士”加油站' extra='地图 ›' onExtraClick={openStationMap}>
        <Text className='hint'>工会驿站、暖心驿站和户外劳动者服务站点都能歇脚、喝水、充电；打开站点详情还能看到可兑换的印章礼品。</Text>
      </Card>
      <LocationNotice location={loader.data?.location} onEnabled={loader.reload} />
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={loader.data?.items.length === 0} emptyText='附近暂时没有服务点'>
        {loader.data?.items.map((s) => (
          <StationCard key={s.id} station={s} onClick={() => go(ROUTES.station, { id: s.id })} />
        ))}
      </StateView>
    </>
  )
}

function MyRecord() {
  const session = useSession()
  const signedOut = session.status === 'signedOut'
  const loader = useLoader(() => (signedOut ? Promise.resolve(undefined) : api.stamps.mine()), [signedOut])
  if (signedOut) {
    return (
      <Card title='我的行动记录'>
        <Text className='hint'>登录后可以查看您参加过的活动、随手拍和兑换记录。</Text>
        <Button type='primary' block className='big-button' onClick={() => go(ROUTES.login, { redirect: ROUTES.stamps })}>
          登录查看
        </Button>
      </Card>
    )
  }
  return (
    <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
      {loader.data && (
        <Card title='我的行动记录' extra='集章卡 ›' onExtraClick={() => go(ROUTES.stamps)}>
          <Text className='muted'>
            累计获得 {loader.data.total} 枚印章，当前可用 {loader.data.balance} 枚
          </Text>
          <ActionRecord items={loader.data.items} redemptions={loader.data.redemptions} />
        </Card>
      )}
    </StateView>
  )
}
