import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Station } from '@xfqs/api-client'
import { stationStatus } from '@/services/station-status'
import { useNow } from '@/services/use-now'
import { StatusTag } from './StatusTag'
import './StationStatusLine.scss'

/**
 * A station's status line — 营业中 · 营业至 22:00, 休息中 · 明天 06:00 开门 — on every station card,
 * the station detail and home. One component fed by `stationStatus`, so the live state of a
 * station (closed today, paused services) has one place to go. Re-checks every minute.
 */
export function StationStatusLine({ station, children }: { station: Pick<Station, 'hours'> & Partial<Pick<Station, 'state'>>; children?: ReactNode }) {
  const now = useNow(60_000)
  const status = stationStatus(station, new Date(now))
  return (
    <View className='xf-status-line'>
      <StatusTag tone={status.tone}>{status.tag}</StatusTag>
      <Text className={`xf-status-line__detail ${status.open ? '' : 'xf-status-line__detail--closed'}`}>{status.detail}</Text>
      {children}
    </View>
  )
}
