import Taro from '@tarojs/taro'
import type { Station } from '@xfqs/api-client'
import { IS_WEAPP } from './platform'

type Place = Pick<Station, 'lat' | 'lng' | 'name' | 'address'>

/** 导航: WeChat's map with route choices on weapp; AMap's web page (GCJ-02 like ours) in a browser. */
export function openInMaps(station: Place) {
  if (IS_WEAPP) return Taro.openLocation({ latitude: station.lat, longitude: station.lng, name: station.name, address: station.address, scale: 17 })
  window.location.href = amapMarkerUrl(station)
}

/** AMap's marker page for a place; `callnative=1` hands over to the AMap app when it is installed. */
export function amapMarkerUrl(station: Place): string {
  return `https://uri.amap.com/marker?position=${station.lng},${station.lat}&name=${encodeURIComponent(station.name)}&coordinate=gaode&callnative=1`
}

/** 打电话 */
export function callStation(phone: string) {
  if (IS_WEAPP) return Taro.makePhoneCall({ phoneNumber: phone })
  window.location.href = `tel:${phone}`
}
