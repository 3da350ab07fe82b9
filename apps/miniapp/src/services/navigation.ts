import Taro from '@tarojs/taro'
import { TAB_PAGES, toUrl } from './routes'

type Params = Record<string, string | number | undefined | null>

/** Opens a page; tab pages are switched to, others pushed. */
export function go(path: string, params: Params = {}) {
  if (TAB_PAGES.includes(path)) return Taro.switchTab({ url: path })
  return Taro.navigateTo({ url: toUrl(path, params) })
}

/** Replaces the current page (used after a scan so Back does not reopen the scanner). */
export function replace(path: string, params: Params = {}) {
  if (TAB_PAGES.includes(path)) return Taro.switchTab({ url: path })
  return Taro.redirectTo({ url: toUrl(path, params) })
}

/** Back when there is history, else home (pages opened straight from a QR code have none). */
export function back(fallback = '/pages/home/index') {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack()
  return Taro.reLaunch({ url: fallback })
}

/** The view the stations tab should open in next (tab pages take no query, so it is handed over here). */
let requestedStationsView: 'list' | 'map' | null = null

/** Opens the stations tab on its map (the handbook's 服务点 · 地图). */
export function openStationMap() {
  requestedStationsView = 'map'
  return Taro.switchTab({ url: TAB_PAGES.find((p) => p.startsWith('/pages/stations/')) ?? '/pages/stations/index' })
}

/** The view asked for by `openStationMap`, once. */
export function takeRequestedStationsView(): 'list' | 'map' | null {
  const view = requestedStationsView
  requestedStationsView = null
  return view
}
