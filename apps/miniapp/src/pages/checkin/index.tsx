import { View, Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { ActivityCheckinResult, Station, StationCheckinResult } from '@xfqs/api-client'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { useEntryTarget } from '@/services/entry'
import { formatDateTime } from '@/services/format'
import { getRiderLocation } from '@/services/location'
import { isNetworkFailure, isQueueable, queueScan } from '@/services/offline-scans'
import { QUEUED_SCAN_NOTICE } from '@/services/scanner'
import { go, replace } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { refreshMe, useSession } from '@/services/session'
import { stampCardsLine } from '@/services/stamp-cards'
import { buzz } from '@/services/use-fresh-stamps'
import { useSignedIn } from '@/services/use-session-guard'
import { Screen } from '@/components/Screen'
import { ConfirmBar } from '@/components/ConfirmBar'
import { StampCards } from '@/components/StampCards'
import { LoadingBlock } from '@/components/StateView'
import { Button } from '@/components/nut'
import './index.scss'

type Outcome =
  | { kind: 'queued' }
  | { kind: 'station'; result: StationCheckinResult; station?: Station }
  | { kind: 'activity'; result: ActivityCheckinResult; title?: string }
  | { kind: 'error'; message: string }

const ACTIVITY_ERRORS = {
  CODE_EXPIRED: '这个签到码已经过期了。活动签到码每 30 秒刷新一次，请对着工作人员手机上的最新二维码重新扫。',
  INVALID_CODE: '这不是本次活动的签到码，请扫工作人员现场出示的二维码。',
}
const STATION_ERRORS = {
  INVALID_CODE: '签到码无效。请扫驿站门口张贴的签到二维码。',
}

/** Check-in at a station (posted QR) or an activity (rotating QR). Sends the location when we have it. */
export default function CheckinPage() {
  const target = useEntryTarget()
  const session = useSignedIn()
  const [outcome, setOutcome] = useState<Outcome>()
  const started = useRef(false)
  const { me } = useSession()

  useEffect(() => {
    // Once per page: a check-in is idempotent on the server, but a second call would only confuse.
    if (!session.ready || started.current) return
    started.current = true
    const scannedAt = new Date()
    const run = async () => {
      const location = await getRiderLocation({ fresh: true })
      const near = location.source === 'device' ? location.point : {}
      if (target.kind === 'station') {
        const [result, station] = await Promise.all([
          api.stations.checkin(target.stationId, { code: target.code, ...near }),
          api.stations.get(target.stationId).catch(() => undefined),
        ])
        return setOutcome({ kind: 'station', result, station })
      }
      if (target.kind === 'activity') {
        const [result, activity] = await Promise.all([
          api.activities.checkin(target.activityId, { token: target.token, ...near }),
          api.activities.get(target.activityId).catch(() => undefined),
        ])
        await refreshMe().catch(() => undefined)
        if (!result.duplicate) buzz()
        return setOutcome({ kind: 'activity', result, title: activity?.title })
      }
      setOutcome({ kind: 'error', message: '没有识别到签到信息，请重新扫码。' })
    }
    run().catch((err) => {
      // no signal: keep the scan on the phone and send it when the network is back
      if (isNetworkFailure(err) && isQueueable(target)) {
        queueScan(target, scannedAt)
        return setOutcome({ kind: 'queued' })
      }
      setOutcome({ kind: 'error', message: describeError(err, target.kind === 'activity' ? ACTIVITY_ERRORS : STATION_ERRORS) })
    })
  }, [session.ready, target])

  if (session.error) return <Failure message={session.error} />
  if (!outcome) return <Screen><LoadingBlock text='正在签到…' /></Screen>
  if (outcome.kind === 'error') return <Failure message={outcome.message} />
  if (outcome.kind === 'queued') {
    return (
      <Screen className='checkin'>
        <View className='checkin__badge checkin__badge--ok'>存</View>
        <Text className='checkin__title'>{QUEUED_SCAN_NOTICE}</Text>
        <Text className='checkin__text'>现在没有网络。扫码时间已保存在手机上，恢复网络后会自动签到，结果在首页和“我的”里查看。</Text>
        <Button size='large' block className='big-button' onClick={() => go(ROUTES.home)}>
          返回首页
        </Button>
      </Screen>
    )
  }

  if (outcome.kind === 'station') {
    const { result, station } = outcome
    const stationName = station?.name
    return (
      <Screen className='checkin'>
        <View className='checkin__badge checkin__badge--ok'>✓</View>
        <Text className='checkin__title'>{result.duplicate ? '今天已经签到过了' : '签到成功'}</Text>
        <Text className='checkin__text'>{stationName ? `欢迎来到 ${stationName}` : '欢迎来到工会驿站'}，歇歇脚、喝口热水吧。</Text>
        <Text className='muted'>签到时间 {formatDateTime(result.checkin.at)}</Text>
        {station && (
          <View className='checkin__confirm'>
            <Text className='checkin__confirm-title'>现场情况怎么样？点一下告诉其他骑手</Text>
            <ConfirmBar station={station} onConfirm={(body) => api.stations.confirm(station.id, body)} />
          </View>
        )}
        <Button type='primary' size='large' block className='big-button' onClick={() => replace(ROUTES.station, { id: result.checkin.stationId })}>
          查看驿站服务
        </Button>
        <Button size='large' block className='big-button' onClick={() => go(ROUTES.home)}>
          返回首页
        </Button>
      </Screen>
    )
  }

  const { result, title } = outcome
  const goal = me?.stamps.goal
  return (
    <Screen className='checkin'>
      <View className={`checkin__stamp ${result.duplicate ? '' : 'checkin__stamp--new'}`}>{result.duplicate ? '已签' : `+${result.stamp?.amount ?? 1}`}</View>
      <Text className='checkin__title'>{result.duplicate ? '这个活动您已经签到过了' : '签到成功，获得印章！'}</Text>
      {title && <Text className='checkin__text'>{title}</Text>}
      <Text className='checkin__balance'>当前印章 {result.balance} 枚</Text>
      {goal !== undefined && (
        <View className='checkin__progress'>
          <Text className='checkin__goal'>{stampCardsLine(result.balance, goal)}</Text>
          <StampCards balance={result.balance} goal={goal} fresh={result.duplicate ? 0 : (result.stamp?.amount ?? 1)} currentOnly />
        </View>
      )}
      <Button type='primary' size='large' block className='big-button' onClick={() => replace(ROUTES.stamps)}>
        查看我的集章卡
      </Button>
      <Button size='large' block className='big-button' onClick={() => go(ROUTES.home)}>
        返回首页
      </Button>
    </Screen>
  )
}

function Failure({ message }: { message: string }) {
  return (
    <Screen className='checkin'>
      <View className='checkin__badge checkin__badge--fail'>!</View>
      <Text className='checkin__title'>没能签到</Text>
      <Text className='checkin__text'>{message}</Text>
      <Button type='primary' size='large' block className='big-button' onClick={() => replace(ROUTES.scan)}>
        重新扫码
      </Button>
      <Button size='large' block className='big-button' onClick={() => go(ROUTES.home)}>
        返回首页
      </Button>
    </Screen>
  )
}
