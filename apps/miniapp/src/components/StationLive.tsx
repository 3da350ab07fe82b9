import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ConfirmationKind, Station, StationConfirmation } from '@xfqs/api-client'
import { SERVICE } from '@xfqs/domain'
import { describeError } from '@/services/errors'
import { formatDateTime } from '@/services/format'
import { Button } from './nut'
import './StationLive.scss'

/** "18:30" for today, "11月30日 18:30" otherwise (Asia/Shanghai, as formatDateTime). */
const untilText = (iso: string) => formatDateTime(iso)

/** The status word of a station: its live state first, then its hours. */
export function openStatus(station: Pick<Station, 'openNow' | 'state'>): { text: string; tone: 'success' | 'muted' | 'danger' } {
  if (station.state?.closed) return { text: '暂停营业', tone: 'danger' }
  return station.openNow ? { text: '营业中', tone: 'success' } : { text: '休息中', tone: 'muted' }
}

/**
 * What staff said and riders saw, as lines under a station's name: closed until …, paused
 * services, the note, and 近 1 小时 N 人到访. Nothing when there is nothing to say.
 */
export function StationLiveLines({ station }: { station: Pick<Station, 'state' | 'recentVisits'> }) {
  const { state, recentVisits } = station
  if (!state && !recentVisits) return null
  return (
    <View className='xf-live'>
      {state?.closed && <Text className='xf-live__line xf-live__line--closed'>暂停营业，至 {untilText(state.until)}</Text>}
      {state && state.pausedServices.length > 0 && (
        <Text className='xf-live__line xf-live__line--paused'>
          {state.pausedServices.map((s) => SERVICE.labels[s]).join('、')} 暂停，至 {untilText(state.until)}
        </Text>
      )}
      {state?.note && <Text className='xf-live__line xf-live__line--note'>提示：{state.note}</Text>}
      {recentVisits > 0 && <Text className='xf-live__line xf-live__line--visits'>近 1 小时 {recentVisits} 人到访</Text>}
    </View>
  )
}

export function confirmationText(c: Pick<StationConfirmation, 'kind' | 'service'>): string {
  const label = c.service ? SERVICE.labels[c.service] : ''
  const words: Record<ConfirmationKind, string> = {
    open: '开着门',
    closed: '没开门',
    service_ok: `有${label}`,
    service_missing: `没有${label}`,
  }
  return words[c.kind]
}

/** The freshest rider confirmations of a station (detail page). */
export function StationConfirmations({ items }: { items: StationConfirmation[] }) {
  if (!items.length) return null
  return (
    <View className='xf-live__confirmations'>
      {items.slice(0, 5).map((c, i) => (
        <View key={i} className='xf-live__confirmation'>
          <Text className={c.kind === 'closed' || c.kind === 'service_missing' ? 'xf-live__bad' : 'xf-live__good'}>
            {c.kind === 'closed' || c.kind === 'service_missing' ? '✗' : '✓'} 骑手反馈：{confirmationText(c)}
          </Text>
          <Text className='muted'>{formatDateTime(c.at)}</Text>
        </View>
      ))}
    </View>
  )
}

/** The one-tap buttons a rider sees right after checking in: 开着门 / 没开门 and, for hot water etc., 有 / 没有. */
export function ConfirmBar({ station, onConfirm }: { station: Pick<Station, 'id' | 'services'>; onConfirm: (body: { kind: ConfirmationKind; service?: Station['services'][number] }) => Promise<unknown> }) {
  const [done, setDone] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const services = station.services.filter((s) => ASKED_SERVICES.includes(s)).slice(0, 2)
  const choices: Array<{ key: string; text: string; body: { kind: ConfirmationKind; service?: Station['services'][number] } }> = [
    { key: 'open', text: '开着门', body: { kind: 'open' } },
    { key: 'closed', text: '没开门', body: { kind: 'closed' } },
    ...services.flatMap((s) => [
      { key: `ok-${s}`, text: `有${SERVICE.labels[s]}`, body: { kind: 'service_ok' as const, service: s } },
      { key: `missing-${s}`, text: `没有${SERVICE.labels[s]}`, body: { kind: 'service_missing' as const, service: s } },
    ]),
  ]
  const tap = async (choice: (typeof choices)[number]) => {
    if (busy) return
    setBusy(true)
    try {
      await onConfirm(choice.body)
      setDone((d) => [...d, choice.key])
      Taro.showToast({ title: '谢谢反馈', icon: 'success' })
    } catch (err) {
      Taro.showToast({ title: describeError(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='xf-confirm'>
      {choices.map((c) => (
        <Button key={c.key} className='xf-confirm__button' type={done.includes(c.key) ? 'success' : 'default'} onClick={() => tap(c)}>
          {done.includes(c.key) ? `✓ ${c.text}` : c.text}
        </Button>
      ))}
    </View>
  )
}

/** Services riders are asked about after a check-in (the ones that run out or break). */
const ASKED_SERVICES: Station['services'] = ['hot_water', 'charging', 'microwave']
