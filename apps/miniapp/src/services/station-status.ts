import type { Station } from '@xfqs/api-client'
import { openingStatusText } from '@xfqs/domain'
import { formatDateTime } from './format'
import type { Tone } from './labels'

/** What a station's status line says: a tag (营业中 / 即将打烊 / 休息中) and when that changes. */
export interface StationStatus {
  open: boolean
  tag: string
  tone: Tone
  /** `营业至 22:00`, `24 小时营业`, `明天 06:00 开门` … */
  detail: string
  /** When it next opens (closed) — to pick the next station to open; null when unknown. */
  opensAt: Date | null
}

/**
 * The one place that turns a station into its status line, from the same opening-hours rule the
 * server's `openNow` uses (packages/domain), evaluated at `now` so a page left open stays right.
 * A live state in force that closes the station (staff: 暂停营业 until …) comes first.
 */
export function stationStatus(station: Pick<Station, 'hours'> & Partial<Pick<Station, 'state'>>, now: Date): StationStatus {
  const state = station.state
  if (state?.closed && new Date(state.until).getTime() > now.getTime()) {
    return { open: false, tag: '暂停营业', tone: 'danger', detail: `暂停至 ${formatDateTime(state.until)}`, opensAt: new Date(state.until) }
  }
  const status = openingStatusText(station.hours, now)
  if (!status.open) return { open: false, tag: '休息中', tone: 'muted', detail: status.detail, opensAt: status.changesAt }
  return { open: true, tag: status.closingSoon ? '即将打烊' : '营业中', tone: status.closingSoon ? 'warning' : 'success', detail: status.detail, opensAt: null }
}

/** The station among these that opens soonest (for "nothing open nearby: next to open"). */
export function nextToOpen<T extends Pick<Station, 'hours'>>(stations: T[], now: Date): { station: T; status: StationStatus } | null {
  let best: { station: T; status: StationStatus } | null = null
  for (const station of stations) {
    const status = stationStatus(station, now)
    if (!status.opensAt) continue
    if (!best || status.opensAt.getTime() < best.status.opensAt!.getTime()) best = { station, status }
  }
  return best
}
