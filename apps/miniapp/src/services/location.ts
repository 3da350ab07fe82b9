import Taro from '@tarojs/taro'
import { DEFAULT_LOCATION, isValidLatLng, wgs84ToGcj02, type LatLng } from '@xfqs/domain'
import { IS_H5 } from './platform'

export interface RiderLocation {
  /** GCJ-02, as the API and Chinese maps expect. */
  point: LatLng
  /** `device` when we have a fix, `default` when we fell back to 丰台. */
  source: 'device' | 'default'
  /** Shown to the rider when we fell back. */
  notice?: string
}

const CACHE_MS = 60_000
let cached: { at: number; value: RiderLocation } | null = null

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('location timeout')), ms)
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    )
  })
}

/**
 * The rider's position in GCJ-02. weapp asks for gcj02 directly; H5 (browser geolocation) only
 * gives WGS-84, which we convert. Denied, unsupported or slow → the 丰台 default with a notice.
 * Cached for a minute: WeChat only gives one fresh fix per 30 s anyway.
 */
export async function getRiderLocation(options: { fresh?: boolean } = {}): Promise<RiderLocation> {
  if (!options.fresh && cached && Date.now() - cached.at < CACHE_MS) return cached.value
  let value: RiderLocation
  try {
    const res = await withTimeout(Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02' }), 8000)
    const raw = { lat: res?.latitude, lng: res?.longitude }
    // Taro H5 reports "not supported" as success in production builds: check the numbers.
    if (!isValidLatLng(raw)) throw new Error('no fix')
    value = { point: IS_H5 ? wgs84ToGcj02(raw) : raw, source: 'device' }
  } catch {
    value = { point: DEFAULT_LOCATION, source: 'default', notice: '定位未开启，无法计算离您的距离，下面按丰台区中心排序。' }
  }
  cached = { at: Date.now(), value }
  return value
}

/** The last position we know without asking again (for check-ins that send lat/lng when they can). */
export function lastKnownLocation(): LatLng | undefined {
  return cached?.value.source === 'device' ? cached.value.point : undefined
}

/** Whether distances measured from this location are the rider's own (not from the district centre). */
export const isRiderPosition = (location: RiderLocation) => location.source === 'device'

/**
 * Stations as the rider may see them: without a fix, the distances the server measured from the
 * district centre are not the rider's, so they are dropped rather than shown as true.
 */
export function withRiderDistances<T extends { distanceM?: number }>(items: T[], location: RiderLocation): T[] {
  return isRiderPosition(location) ? items : items.map((s) => ({ ...s, distanceM: undefined }))
}

/**
 * Asks for location again: weapp opens the settings page where it was turned off (a denied
 * permission is never asked twice there), H5 asks the browser once more. Resolves to a fresh location.
 */
export async function enableLocation(): Promise<RiderLocation> {
  if (!IS_H5) await Taro.openSetting().catch(() => undefined)
  return getRiderLocation({ fresh: true })
}
