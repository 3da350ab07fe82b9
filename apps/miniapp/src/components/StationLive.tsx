import { View, Text } from '@tarojs/components'
import type { ConfirmationKind, Station, StationConfirmation } from '@xfqs/api-client'
import { SERVICE } from '@xfqs/domain'
import { formatDateTime } from '@/services/format'
import './StationLive.scss'

/** "11月30日 18:30" (Asia/Shanghai, as formatDateTime). */
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
