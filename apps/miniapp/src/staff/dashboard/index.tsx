import { View, Text } from '@tarojs/components'
import type { CheckinStat, MembershipDailyStat, StampDailyStat } from '@xfqs/api-client'
import { api } from '@/services/api'
import { shanghaiDayOffset } from '@/services/format'
import { PLATFORM_NAMES } from '@/services/labels'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { BarChart, type Bar } from '../components/BarChart'
import { RoleGate } from '../components/RoleGate'
import '../staff.scss'

const DAYS = 14

/** The last `DAYS` Shanghai days, oldest first. */
function lastDays(now = new Date()): string[] {
  return Array.from({ length: DAYS }, (_, i) => shanghaiDayOffset(DAYS - 1 - i, now))
}

function bars(days: string[], valueOf: (day: string) => number): Bar[] {
  return days.map((d) => ({ label: d.slice(8), value: valueOf(d) }))
}

/** Daily statistics: new members, stamps issued, gifts redeemed, station visits; applicants by platform. */
export default function DashboardPage() {
  return <RoleGate roles={['org_admin']}>{() => <Dashboard />}</RoleGate>
}

function Dashboard() {
  const days = lastDays()
  const range = { from: days[0], to: days[days.length - 1] }
  const loader = useLoader(async () => {
    const [membership, stamps, checkins] = await Promise.all([
      api.membership.dailyStats(range),
      api.stamps.dailyStats(range),
      api.stations.checkinStats(range),
    ])
    return { membership: membership.items, stamps: stamps.items, checkins: checkins.items }
  })

  const data = loader.data
  const byDay = new Map<string, MembershipDailyStat>(data?.membership.map((m) => [m.date, m]))
  const stampsByDay = new Map<string, StampDailyStat>(data?.stamps.map((m) => [m.date, m]))
  const visits = (day: string) => (data?.checkins ?? []).filter((c: CheckinStat) => c.date === day).reduce((sum, c) => sum + c.visits, 0)
  const platformTotals: Record<string, number> = {}
  for (const m of data?.membership ?? []) for (const [p, n] of Object.entries(m.byPlatform ?? {})) platformTotals[p] = (platformTotals[p] ?? 0) + (n ?? 0)
  const today = days[days.length - 1]

  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
        {data && (
          <>
            <Card title='今日'>
              <View className='staff__stats'>
                <Stat value={byDay.get(today)?.submitted ?? 0} label='新申请' />
                <Stat value={byDay.get(today)?.approved ?? 0} label='新会员' />
                <Stat value={stampsByDay.get(today)?.stampsIssued ?? 0} label='发放印章' />
                <Stat value={stampsByDay.get(today)?.redemptions ?? 0} label='兑换礼品' />
                <Stat value={visits(today)} label='驿站到访' />
              </View>
            </Card>
            <Card title={`新会员（近 ${DAYS} 天）`}>
              <BarChart bars={bars(days, (d) => byDay.get(d)?.approved ?? 0)} />
            </Card>
            <Card title='入会申请'>
              <BarChart bars={bars(days, (d) => byDay.get(d)?.submitted ?? 0)} color='#F08A24' />
            </Card>
            <Card title='发放印章'>
              <BarChart bars={bars(days, (d) => stampsByDay.get(d)?.stampsIssued ?? 0)} color='#F5B400' />
            </Card>
            <Card title='兑换礼品'>
              <BarChart bars={bars(days, (d) => stampsByDay.get(d)?.redemptions ?? 0)} color='#16A085' />
            </Card>
            <Card title='驿站到访'>
              <BarChart bars={bars(days, visits)} color='#2E86DE' />
            </Card>
            <Card title='申请人所在平台'>
              {Object.keys(platformTotals).length === 0 ? (
                <Text className='muted'>暂无数据</Text>
              ) : (
                <PlatformList totals={platformTotals} />
              )}
            </Card>
          </>
        )}
      </StateView>
    </Screen>
  )
}

/** Applicants per platform, largest first: name, a bar in proportion, the count. */
function PlatformList({ totals }: { totals: Record<string, number> }) {
  const rows = Object.entries(totals)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
  const max = Math.max(1, ...rows.map(([, n]) => n))
  return (
    <View className='staff__platforms'>
      {rows.map(([p, n]) => (
        <View key={p} className='staff__platform'>
          <Text className='staff__platform-name'>{PLATFORM_NAMES[p as keyof typeof PLATFORM_NAMES] ?? p}</Text>
          <View className='staff__platform-track'>
            <View className='staff__platform-bar' style={{ width: `${Math.round((n / max) * 100)}%` }} />
          </View>
          <Text className='staff__platform-count'>{n} 人</Text>
        </View>
      ))}
    </View>
  )
}

/** Today's figure; a zero is quiet grey, not alarm red. */
function Stat({ value, label }: { value: number; label: string }) {
  return (
    <View className='staff__stat'>
      <Text className={`staff__stat-value ${value === 0 ? 'staff__stat-value--zero' : ''}`}>{value}</Text>
      <Text className='staff__stat-label'>{label}</Text>
    </View>
  )
}
