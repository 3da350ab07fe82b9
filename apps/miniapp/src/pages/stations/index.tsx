import { Map, View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { ServiceKey } from '@xfqs/api-client'
import { api } from '@/services/api'
import { FILTER_SERVICES } from '@/services/labels'
import { getRiderLocation } from '@/services/location'
import { go } from '@/services/navigation'
import { IS_WEAPP } from '@/services/platform'
import { ROUTES } from '@/services/routes'
import { useLoader } from '@/services/use-loader'
import { ServiceChips } from '@/components/ServiceIcon'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StationCard } from '@/components/StationCard'
import { calloutText } from '@/components/StationLive'
import './index.scss'

/** Copied into the weapp package by config/index.ts (map markers need a package path). */
const MARKER_ICON = '/assets/marker.png'

/** Stations nearest first, filtered by service and open-now; a map with markers on weapp. */
export default function StationsPage() {
  const [services, setServices] = useState<ServiceKey[]>([])
  const [openNow, setOpenNow] = useState(false)
  const [view, setView] = useState<'list' | 'map'>('list')

  const loader = useLoader(async () => {
    const location = await getRiderLocation()
    const { items } = await api.stations.nearby({ ...location.point, limit: 30, services, openNow: openNow || undefined })
    return { items, location }
  }, [services.join(','), openNow])

  const toggle = (s: ServiceKey) => setServices((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]))
  const items = loader.data?.items ?? []
  const filtered = services.length > 0 || openNow

  return (
    <Screen>
      <View className='stations__bar'>
        <View className={`stations__toggle ${openNow ? 'stations__toggle--on' : ''}`} onClick={() => setOpenNow(!openNow)}>
          {openNow ? '✓ ' : ''}只看营业中
        </View>
        <View className='spacer' />
        {IS_WEAPP && (
          <View className='stations__switch' onClick={() => setView(view === 'list' ? 'map' : 'list')}>
            {view === 'list' ? '地图模式' : '列表模式'}
          </View>
        )}
      </View>
      <ServiceChips services={FILTER_SERVICES} selected={services} onToggle={toggle} />
      {loader.data?.location.notice && <View className='notice'>{loader.data.location.notice}</View>}

      {IS_WEAPP && view === 'map' && loader.data && (
        <Map
          className='stations__map'
          latitude={loader.data.location.point.lat}
          longitude={loader.data.location.point.lng}
          scale={14}
          showLocation
          onError={() => undefined}
          markers={items.map((s, i) => ({
            id: i,
            latitude: s.lat,
            longitude: s.lng,
            iconPath: MARKER_ICON,
            width: 30,
            height: 36,
            title: s.name,
            callout: { content: calloutText(s), display: 'BYCLICK', padding: 8, borderRadius: 8, fontSize: 14, color: '#1f1f1f', bgColor: '#ffffff', textAlign: 'center' },
          })) as never}
          onMarkerTap={(e) => {
            const station = items[Number(e.detail.markerId)]
            if (station) go(ROUTES.station, { id: station.id })
          }}
          onCalloutTap={(e) => {
            const station = items[Number(e.detail.markerId)]
            if (station) go(ROUTES.station, { id: station.id })
          }}
        />
      )}

      <StateView
        loading={loader.loading}
        error={loader.error}
        onRetry={loader.reload}
        empty={items.length === 0}
        emptyText={filtered ? '附近没有符合条件的驿站，试试少选几项服务' : '附近 10 公里内暂时没有驿站'}
      >
        <Text className='muted stations__count'>共 {items.length} 个站点，按距离由近到远</Text>
        {items.map((s) => (
          <StationCard key={s.id} station={s} onClick={() => go(ROUTES.station, { id: s.id })} />
        ))}
      </StateView>
    </Screen>
  )
}
