import { View, Text } from '@tarojs/components'
import { ariaRole } from '@/components/a11y'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { ServiceKey, Station } from '@xfqs/api-client'
import { haversineMetres, type LatLng } from '@xfqs/domain'
import { api } from '@/services/api'
import { FILTER_SERVICES } from '@/services/labels'
import { getRiderLocation, isRiderPosition, type RiderLocation } from '@/services/location'
import { go, takeRequestedStationsView } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { openInMaps } from '@/services/station-actions'
import { useLoader } from '@/services/use-loader'
import { LocationNotice } from '@/components/LocationNotice'
import { ServiceChips } from '@/components/ServiceIcon'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StationCard } from '@/components/StationCard'
import { StationMap } from '@/components/StationMap'
import { Button } from '@/components/nut'
import './index.scss'

type StationsView = 'list' | 'map'

/** Most stations the map asks for in one view. */
const MAP_LIMIT = 50

/**
 * Distances from the rider, whatever point the search was made around (the map's centre after
 * panning); none at all without the rider's own position.
 */
function fromRider(items: Station[], location: RiderLocation): Station[] {
  if (!isRiderPosition(location)) return items.map((s) => ({ ...s, distanceM: undefined }))
  return items.map((s) => ({ ...s, distanceM: Math.round(haversineMetres(location.point, s)) }))
}

/** Stations nearest first, filtered by service and open-now, as a list or on a map (weapp and H5). */
export default function StationsPage() {
  const [services, setServices] = useState<ServiceKey[]>([])
  const [openNow, setOpenNow] = useState(false)
  const [view, setView] = useState<StationsView>(() => takeRequestedStationsView() ?? 'list')
  /** The map's area after the rider moved it; null = around the rider. */
  const [area, setArea] = useState<{ center: LatLng; radiusM: number } | null>(null)
  const [selectedId, setSelectedId] = useState<string>()

  useDidShow(() => {
    const requested = takeRequestedStationsView()
    if (requested) setView(requested)
  })

  const searchArea = view === 'map' ? area : null
  const loader = useLoader(async () => {
    const location = await getRiderLocation()
    const around = searchArea?.center ?? location.point
    const { items } = await api.stations.nearby({
      ...around,
      limit: searchArea ? MAP_LIMIT : 30,
      radiusM: searchArea?.radiusM,
      services,
      openNow: openNow || undefined,
    })
    return { items: fromRider(items, location), location }
  }, [services.join(','), openNow, searchArea ? `${searchArea.center.lat},${searchArea.center.lng},${searchArea.radiusM}` : ''])

  const toggle = (s: ServiceKey) => setServices((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]))
  const items = loader.data?.items ?? []
  const filtered = services.length > 0 || openNow
  const location = loader.data?.location
  const selected = items.find((s) => s.id === selectedId)
  const switchTo = (next: StationsView) => {
    setView(next)
    setSelectedId(undefined)
  }

  return (
    <Screen>
      <View className='stations__bar'>
        <View className={`stations__toggle ${openNow ? 'stations__toggle--on' : ''}`} onClick={() => setOpenNow(!openNow)}>
          {openNow ? '✓ ' : ''}只看营业中
        </View>
        <View className='spacer' />
        <View className='stations__views' {...ariaRole('tablist')}>
          <View className={`stations__view ${view === 'list' ? 'stations__view--on' : ''}`} {...ariaRole('tab')} aria-selected={view === 'list'} onClick={() => switchTo('list')}>
            列表
          </View>
          <View className={`stations__view ${view === 'map' ? 'stations__view--on' : ''}`} {...ariaRole('tab')} aria-selected={view === 'map'} onClick={() => switchTo('map')}>
            地图
          </View>
        </View>
      </View>
      <ServiceChips services={FILTER_SERVICES} selected={services} onToggle={toggle} />
      <LocationNotice location={location} onEnabled={loader.reload} />

      {view === 'map' && location && (
        <View className='stations__map-view'>
          <StationMap
            center={location.point}
            rider={isRiderPosition(location) ? location.point : null}
            stations={items}
            selectedId={selectedId}
            onSelect={(s) => setSelectedId(s.id)}
            onViewChange={setArea}
          />
          {loader.error ? (
            <StateView error={loader.error} onRetry={loader.reload} />
          ) : selected ? (
            <View className='stations__picked'>
              <StationCard station={selected} onClick={() => go(ROUTES.station, { id: selected.id })} />
              <View className='stations__picked-actions'>
                <Button type='primary' size='large' className='stations__picked-go' onClick={() => openInMaps(selected)}>
                  导航
                </Button>
                <Button size='large' className='stations__picked-more' onClick={() => go(ROUTES.station, { id: selected.id })}>
                  详情
                </Button>
              </View>
            </View>
          ) : (
            <Text className='muted stations__count'>
              {loader.loading ? '正在查找驿站…' : items.length === 0 ? (filtered ? '这一片没有符合条件的驿站，试试少选几项服务或拖动地图' : '这一片暂时没有驿站，拖动地图看看别处') : `地图上有 ${items.length} 个驿站，点图钉查看`}
            </Text>
          )}
        </View>
      )}

      {view === 'list' && (
        <StateView
          loading={loader.loading}
          error={loader.error}
          onRetry={loader.reload}
          empty={items.length === 0}
          emptyText={filtered ? '附近没有符合条件的驿站，试试少选几项服务' : '附近 10 公里内暂时没有驿站'}
        >
          <Text className='muted stations__count'>共 {items.length} 个站点，{location && isRiderPosition(location) ? '按距离由近到远' : '按离丰台区中心由近到远'}</Text>
          {items.map((s) => (
            <StationCard key={s.id} station={s} onClick={() => go(ROUTES.station, { id: s.id })} />
          ))}
        </StateView>
      )}
    </Screen>
  )
}
