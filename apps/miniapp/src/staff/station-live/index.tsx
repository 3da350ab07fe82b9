import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ApiError, type ServiceKey, type StationLive } from '@xfqs/api-client'
import { addDays, shanghaiDay, shanghaiInstant } from '@xfqs/domain'
import { api } from '@/services/api'
import { useParam } from '@/services/entry'
import { describeError } from '@/services/errors'
import { formatDateTime } from '@/services/format'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { ServiceChips } from '@/components/ServiceIcon'
import { StateView } from '@/components/StateView'
import { openStatus, StationConfirmations, StationLiveLines } from '@/components/StationLive'
import { StatusTag } from '@/components/StatusTag'
import { Button, Input } from '@/components/nut'
import { RoleGate } from '../components/RoleGate'
import '../staff.scss'

/** How long a state lasts: a few hours, or to the end of today (Asia/Shanghai). */
const DURATIONS: Array<{ key: string; text: string; until: (now: Date) => Date }> = [
  { key: '1h', text: '1 小时', until: (now) => new Date(now.getTime() + 3600_000) },
  { key: '2h', text: '2 小时', until: (now) => new Date(now.getTime() + 2 * 3600_000) },
  { key: '4h', text: '4 小时', until: (now) => new Date(now.getTime() + 4 * 3600_000) },
  { key: 'today', text: '今天结束', until: (now) => endOfShanghaiDay(now) },
]

function endOfShanghaiDay(now: Date): Date {
  return shanghaiInstant(addDays(shanghaiDay(now), 1))
}

/** Staff set what riders see right now: closed until …, services paused, a note; and read riders' reports. */
export default function StationLivePage() {
  const stationId = useParam('stationId')
  return (
    <RoleGate roles={['station_staff', 'org_admin']}>
      {(me) => <StationLiveEditor stationId={stationId ?? me.roles.find((r) => r.stationId)?.stationId} />}
    </RoleGate>
  )
}

function StationLiveEditor({ stationId }: { stationId?: string }) {
  const loader = useLoader(async () => {
    if (!stationId) throw new ApiError(404, 'NOT_FOUND', 'no station')
    const [station, live] = await Promise.all([api.stations.get(stationId), api.stations.live(stationId)])
    return { station, live }
  }, [stationId])
  const [closed, setClosed] = useState(false)
  const [paused, setPaused] = useState<ServiceKey[]>([])
  const [note, setNote] = useState('')
  const [duration, setDuration] = useState('2h')
  const [busy, setBusy] = useState(false)

  const save = async () => {
    if (!stationId || busy) return
    setBusy(true)
    try {
      const until = DURATIONS.find((d) => d.key === duration)!.until(new Date()).toISOString()
      await api.stations.setState(stationId, { closed, pausedServices: paused, note: note.trim() || undefined, until })
      Taro.showToast({ title: '已发布', icon: 'success' })
      loader.reload()
    } catch (err) {
      Taro.showToast({ title: describeError(err, { VALIDATION_FAILED: '请至少选择暂停营业、暂停的服务或填写提示' }), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const clear = async () => {
    if (!stationId || busy) return
    setBusy(true)
    try {
      await api.stations.clearState(stationId)
      Taro.showToast({ title: '已恢复正常', icon: 'success' })
      loader.reload()
    } catch (err) {
      Taro.showToast({ title: describeError(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} errorOverrides={{ NOT_FOUND: '没有找到驿站，请从工作台进入。' }}>
        {loader.data && (
          <>
            <Card title={loader.data.station.name}>
              <View className='row'>
                <StatusTag tone={openStatus(loader.data.live).tone}>{openStatus(loader.data.live).text}</StatusTag>
                <Text className='muted' style={{ marginLeft: '8px' }}>
                  骑手现在看到的状态
                </Text>
              </View>
              <StationLiveLines station={loader.data.live} />
              {!loader.data.live.state && <Text className='hint'>没有设置临时状态，按营业时间显示。</Text>}
              {loader.data.live.state && (
                <Button block className='big-button' disabled={busy} onClick={clear}>
                  恢复正常（结束临时状态）
                </Button>
              )}
            </Card>
            <Contradictions live={loader.data.live} />
            <Card title='设置临时状态'>
              <View className='xf-chips'>
                <View className={`xf-chip ${closed ? 'xf-chip--on' : ''}`} onClick={() => setClosed(!closed)}>
                  <Text>暂停营业</Text>
                </View>
              </View>
              <Text className='hint'>暂停的服务（骑手按服务筛选时不显示本站）</Text>
              <ServiceChips services={loader.data.station.services} selected={paused} onToggle={(s) => setPaused((p) => (p.includes(s) ? p.filter((x) => x !== s) : [...p, s]))} />
              <Text className='hint'>给骑手的提示（最多 100 字）</Text>
              <Input value={note} onChange={(v: string) => setNote(v)} placeholder='例如：今天有绿豆汤' maxLength={100} />
              <Text className='hint'>持续多久（到时自动结束）</Text>
              <View className='xf-chips'>
                {DURATIONS.map((d) => (
                  <View key={d.key} className={`xf-chip ${duration === d.key ? 'xf-chip--on' : ''}`} onClick={() => setDuration(d.key)}>
                    <Text>{d.text}</Text>
                  </View>
                ))}
              </View>
              <Button type='primary' size='large' block className='big-button' disabled={busy} onClick={save}>
                发布状态
              </Button>
            </Card>
          </>
        )}
      </StateView>
    </Screen>
  )
}

function Contradictions({ live }: { live: StationLive }) {
  return (
    <Card title={`骑手反馈 · 近 1 小时 ${live.recentVisits} 人到访`}>
      {live.contradictions.map((c) => (
        <View key={`${c.kind}-${c.service ?? ''}`} className='staff__item'>
          <Text className='staff__item-title' style={{ color: '#D7000F' }}>
            ⚠ {c.message}
          </Text>
          <Text className='muted'>最近一次 {formatDateTime(c.lastAt)}，请核实后更新状态</Text>
        </View>
      ))}
      {live.confirmations.length ? <StationConfirmations items={live.confirmations} /> : <Text className='hint'>还没有骑手反馈。</Text>}
    </Card>
  )
}
