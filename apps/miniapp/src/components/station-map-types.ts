import type { Station } from '@xfqs/api-client'
import type { LatLng } from '@xfqs/domain'

/** What the map shows; the same for the weapp `<Map>` and the H5 Leaflet map (GCJ-02 throughout). */
export interface StationMapProps {
  /** Where the map opens. */
  center: LatLng
  /** The rider's own position (null when location is off: then no dot). */
  rider: LatLng | null
  stations: Station[]
  selectedId?: string
  onSelect: (station: Station) => void
  /** The visible area after the rider moved or zoomed the map: its centre and a radius covering it. */
  onViewChange?: (view: { center: LatLng; radiusM: number }) => void
}

/** The area the map shows, as a nearby search understands it (within the API's 100 km limit). */
export function viewRadius(center: LatLng, corner: LatLng, haversine: (a: LatLng, b: LatLng) => number): number {
  return Math.min(100_000, Math.max(500, Math.round(haversine(center, corner))))
}
