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
    value = { point: DEFAULT_LOCATION, source: 'default', notice: '未能获取您的位置，先按丰台区中心为您排序。允许定位后下拉刷新即可。' }
  }
  cached = { at: Date.now(), value }
  return value
}

/** The last position we know without asking again (for check-ins that send lat/lng when they can). */
export function lastKnownLocation(): LatLng | undefined {
  return cached?.value.source === 'device' ? cached.value.point : undefined
}
