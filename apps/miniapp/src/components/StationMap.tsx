import { Map } from '@tarojs/components'
import type { Station } from '@xfqs/api-client'
import { haversineMetres } from '@xfqs/domain'
import { stationStatus } from '@/services/station-status'
import type { StationMapProps } from './station-map-types'
import { viewRadius } from './station-map-types'
import './StationMap.scss'

/** Copied into the weapp package by config/index.ts (map markers need a package path). */
const MARKER_ICON = '/assets/marker.png'

/** A marker's callout: name, the status line of the one opening-hours rule, and the staff note. */
export function calloutText(station: Station, now: Date): string {
  const status = stationStatus(station, now)
  const note = station.state?.note ? `\n${station.state.note}` : ''
  return `${station.name} · ${status.tag} ${status.detail}${note}`
}

/**
 * The station map on weapp: WeChat's native `<Map>` (GCJ-02), the rider's own dot, a marker per
 * station; tapping one selects it. The H5 build uses StationMap.h5.tsx (Leaflet) instead.
 */
export function StationMap({ center, rider, stations, selectedId, onSelect, onViewChange }: StationMapProps) {
  const now = new Date()
  const pick = (markerId: number | string) => {
    const station = stations[Number(markerId)]
    if (station) onSelect(station)
  }
  return (
    <Map
      className='xf-map'
      latitude={center.lat}
      longitude={center.lng}
      scale={14}
      showLocation={!!rider}
      onError={() => undefined}
      markers={stations.map((s, i) => ({
        id: i,
        latitude: s.lat,
        longitude: s.lng,
        iconPath: MARKER_ICON,
        width: s.id === selectedId ? 40 : 30,
        height: s.id === selectedId ? 48 : 36,
        title: s.name,
        callout: { content: calloutText(s, now), display: s.id === selectedId ? 'ALWAYS' : 'BYCLICK', padding: 8, borderRadius: 8, fontSize: 14, color: '#1f1f1f', bgColor: '#ffffff', textAlign: 'center' },
      })) as never}
      onMarkerTap={(e) => pick(e.detail.markerId)}
      onCalloutTap={(e) => pick(e.detail.markerId)}
      onRegionChange={(e) => {
        const detail = e.detail as { type?: string; region?: { northeast: { latitude: number; longitude: number } }; centerLocation?: { latitude: number; longitude: number } }
        // WeChat puts begin/end on the event itself (older base libraries in detail); only a finished move counts.
        const phase = (e as unknown as { type?: string }).type === 'end' || detail.type === 'end'
        if (!phase || !detail.region || !detail.centerLocation || !onViewChange) return
        const mid = { lat: detail.centerLocation.latitude, lng: detail.centerLocation.longitude }
        const corner = { lat: detail.region.northeast.latitude, lng: detail.region.northeast.longitude }
        onViewChange({ center: mid, radiusM: viewRadius(mid, corner, haversineMetres) })
      }}
    />
  )
}
