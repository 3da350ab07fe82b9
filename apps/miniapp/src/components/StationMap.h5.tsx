import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { useEffect, useRef } from 'react'
import { haversineMetres } from '@xfqs/domain'
import { MAP_TILE_SUBDOMAINS, MAP_TILE_URL } from '@/services/platform'
import { stationStatus } from '@/services/station-status'
import type { StationMapProps } from './station-map-types'
import { viewRadius } from './station-map-types'
import './StationMap.scss'

/** A station pin: green when open now, grey when closed, larger when selected. */
function pinIcon(open: boolean, selected: boolean): L.DivIcon {
  const size: [number, number] = selected ? [44, 52] : [34, 42]
  return L.divIcon({
    className: '',
    html: `<div class="xf-pin ${open ? 'xf-pin--open' : 'xf-pin--closed'} ${selected ? 'xf-pin--selected' : ''}"><span class="xf-pin__glyph">站</span></div>`,
    iconSize: size,
    iconAnchor: [size[0] / 2, size[1]],
  })
}

const riderIcon = L.divIcon({ className: '', html: '<div class="xf-me-dot"></div>', iconSize: [22, 22], iconAnchor: [11, 11] })

/**
 * The station map on H5: Leaflet over raster tiles whose URL is set at build time
 * (`TARO_APP_MAP_TILES`, AutoNavi's GCJ-02 street tiles by default, so GCJ-02 coordinates sit right
 * on them). The markers are plain HTML, so the map still works — pins, the rider's dot, taps — when
 * tiles cannot load (no network, as in tests).
 */
export function StationMap(props: StationMapProps) {
  const { center, rider, stations, selectedId } = props
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map | null>(null)
  const pins = useRef<L.LayerGroup | null>(null)
  const latest = useRef(props)
  latest.current = props

  useEffect(() => {
    if (!element.current) return
    const m = L.map(element.current, { zoomControl: true, attributionControl: true }).setView([center.lat, center.lng], 14)
    L.tileLayer(MAP_TILE_URL, { subdomains: MAP_TILE_SUBDOMAINS, maxZoom: 18, minZoom: 4, attribution: '© 高德地图' }).addTo(m)
    pins.current = L.layerGroup().addTo(m)
    // Only the rider's own moves ask for the stations in view (not the map's own set-up).
    const reportView = () => {
      const mid = m.getCenter()
      const corner = m.getBounds().getNorthEast()
      latest.current.onViewChange?.({ center: { lat: mid.lat, lng: mid.lng }, radiusM: viewRadius({ lat: mid.lat, lng: mid.lng }, { lat: corner.lat, lng: corner.lng }, haversineMetres) })
    }
    m.on('dragend', reportView)
    m.on('zoomend', reportView)
    map.current = m
    // The page slides in: measure again once it has its final size.
    const timer = setTimeout(() => m.invalidateSize(), 400)
    return () => {
      clearTimeout(timer)
      m.remove()
      map.current = null
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const group = pins.current
    if (!group) return
    group.clearLayers()
    const now = new Date()
    for (const station of stations) {
      const open = stationStatus(station, now).open
      L.marker([station.lat, station.lng], { icon: pinIcon(open, station.id === selectedId), title: station.name, alt: station.name, keyboard: true, zIndexOffset: station.id === selectedId ? 1000 : 0, riseOnHover: true })
        .on('click', () => latest.current.onSelect(station))
        .addTo(group)
    }
    if (rider) L.marker([rider.lat, rider.lng], { icon: riderIcon, title: '我的位置', interactive: false, zIndexOffset: 2000 }).addTo(group)
  }, [stations, selectedId, rider])

  return <div ref={element} className='xf-map xf-map--web' aria-label={`驿站地图，${stations.length} 个驿站`} />
}
