import { View } from '@tarojs/components'
import type { Station } from '@xfqs/api-client'
import { api } from '@/services/api'
import { getRiderLocation, isRiderPosition, withRiderDistances } from '@/services/location'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { nextToOpen } from '@/services/station-status'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { LocationNotice } from '@/components/LocationNotice'
import { RightStationNow } from '@/components/RightStationNow'
import { StateView } from '@/components/StateView'
import { StationCard } from '@/components/StationCard'

/** How many stations the next-to-open choice looks at (the nearest, open or not). */
const NEARBY_LOOKED_AT = 20

/** The stations home needs, loaded once: the nearest open one and the nearest few whatever their state. */
export function useHomeStations() {
  return useLoader(async () => {
    const location = await getRiderLocation()
    const [open, near] = await Promise.all([
      api.stations.nearby({ ...location.point, limit: 1, openNow: true }),
      api.stations.nearby({ ...location.point, limit: NEARBY_LOOKED_AT }),
    ])
    return { location, open: withRiderDistances(open.items, location)[0] ?? null, near: withRiderDistances(near.items, location) }
  })
}

type HomeStations = ReturnType<typeof useHomeStations>

const openStation = (s: Station) => go(ROUTES.station, { id: s.id })

function lead(data: HomeStations['data']): Station | null {
  if (!data) return null
  return data.open ?? nextToOpen(data.near, new Date())?.station ?? null
}

/**
 * Home's lead section: the right station now (nearest open, or the next to open). Without the
 * rider's position it says location is off and shows no distances.
 */
export function StationNowSection({ loader }: { loader: HomeStations }) {
  const data = loader.data
  const first = lead(data)
  return (
    <View className='home__stations'>
      <LocationNotice location={data?.location} onEnabled={loader.reload} />
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={data?.near.length === 0} emptyText='附近 10 公里内暂时没有驿站'>
        {data && <RightStationNow open={data.open} nextToOpen={data.open ? null : first} onOpenStation={openStation} nearRider={isRiderPosition(data.location)} />}
      </StateView>
    </View>
  )
}

/** The nearest few stations after the lead one, with their status lines. */
export function NearbyStationsSection({ loader }: { loader: HomeStations }) {
  const data = loader.data
  if (!data) return null
  const first = lead(data)
  const others = data.near.filter((s) => s.id !== first?.id).slice(0, 3)
  if (others.length === 0) return null
  return (
    <Card title='离我最近的驿站' extra='全部 ›' onExtraClick={() => go(ROUTES.stations)}>
      {others.map((s) => (
        <StationCard key={s.id} station={s} onClick={() => openStation(s)} />
      ))}
    </Card>
  )
}
