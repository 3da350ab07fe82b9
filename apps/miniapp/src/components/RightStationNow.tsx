import { View, Text } from '@tarojs/components'
import type { Station } from '@xfqs/api-client'
import { formatDistance, formatRidingTime } from '@xfqs/domain'
import { STATION_KIND_NAMES } from '@/services/labels'
import { openInMaps } from '@/services/station-actions'
import { StationStatusLine } from './StationStatusLine'
import { Button } from './nut'
import './RightStationNow.scss'

interface Props {
  /** The nearest station open now, or null when none is open within reach. */
  open: Station | null
  /** When none is open: the station nearby that opens soonest. */
  nextToOpen: Station | null
  onOpenStation: (station: Station) => void
  /** False when location is off: the stations are then the nearest to the district centre, not to the rider. */
  nearRider?: boolean
}

/**
 * Home's lead: the one station a rider can go to right now — open now, nearest, its riding time,
 * until when it is open, and one big 导航 button. When nothing nearby is open it says so and
 * names the next to open (明天 06:00 开门).
 */
export function RightStationNow({ open, nextToOpen, onOpenStation, nearRider = true }: Props) {
  const station = open ?? nextToOpen
  if (!station) return null
  return (
    <View className={`xf-now ${open ? '' : 'xf-now--closed'}`}>
      <Text className='xf-now__eyebrow'>{open ? `现在就能去 · ${nearRider ? '离您最近的营业驿站' : '丰台区中心附近的营业驿站'}` : '附近暂时没有营业中的驿站'}</Text>
      {!open && <Text className='xf-now__next-label'>最先开门的是</Text>}
      <View className='xf-now__body' onClick={() => onOpenStation(station)}>
        <View className='row'>
          <Text className='xf-now__name'>{station.name}</Text>
          <View className='spacer' />
          <Text className='xf-now__more'>详情 ›</Text>
        </View>
        <StationStatusLine station={station} />
        <Text className='xf-now__meta'>
          {station.distanceM !== undefined ? `${formatRidingTime(station.distanceM)} · ${formatDistance(station.distanceM)} · ` : ''}
          {STATION_KIND_NAMES[station.kind] ?? '服务站点'}
        </Text>
        <Text className='xf-now__address'>{station.address}</Text>
      </View>
      <Button type='primary' size='large' block className='xf-now__go' onClick={() => openInMaps(station)}>
        导航
      </Button>
    </View>
  )
}
