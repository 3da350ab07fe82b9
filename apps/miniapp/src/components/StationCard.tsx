import { View, Text } from '@tarojs/components'
import type { Station } from '@xfqs/api-client'
import { formatDistance } from '@xfqs/domain'
import { STATION_KIND_NAMES } from '@/services/labels'
import { ServiceIcon } from './ServiceIcon'
import { StationLiveLines } from './StationLive'
import { StationStatusLine } from './StationStatusLine'
import './StationCard.scss'

/** One station in a list: name, distance, its status line (open until / opens next), kind, address and first services. */
export function StationCard({ station, onClick }: { station: Station; onClick?: () => void }) {
  return (
    <View className='xf-station' onClick={onClick}>
      <View className='row'>
        <Text className='xf-station__name'>{station.name}</Text>
        <View className='spacer' />
        {station.distanceM !== undefined && <Text className='xf-station__distance'>{formatDistance(station.distanceM)}</Text>}
      </View>
      <View className='xf-station__meta'>
        <StationStatusLine station={station} />
      </View>
      <StationLiveLines station={station} />
      <Text className='xf-station__address'>
        <Text className='xf-station__kind'>{STATION_KIND_NAMES[station.kind] ?? '服务站点'}</Text> · {station.address}
      </Text>
      <View className='xf-station__services'>
        {station.services.slice(0, 7).map((s) => (
          <ServiceIcon key={s} service={s} small />
        ))}
        {station.services.length > 7 && <Text className='muted'>+{station.services.length - 7}</Text>}
      </View>
    </View>
  )
}
