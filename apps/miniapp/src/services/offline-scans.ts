import Taro from '@tarojs/taro'
import { isApiError } from '@xfqs/api-client'
import type { ScanTarget } from '@xfqs/domain'
import { api } from './api'
import { describeError } from './errors'
import { IS_H5 } from './platform'
import { refreshMe } from './session'

/**
 * Scans made with no signal (basement, lift): the code as read, the phone's time and the location
 * when allowed are kept in Taro storage and sent as soon as the network is back
 * (`Taro.onNetworkStatusChange`, app show, and the browser's `online` event on H5) with `scannedAt`,
 * so the server dates the check-in or stamp at the scan. Each outcome is kept for the rider to see.
 *
 * Called from the scan result handling (scanner.ts `openTarget`, the check-in page), never from
 * camera code.
 */

const KEY = 'xfqs.offline-scans'
/** Outcomes stay visible for a day; older ones are dropped. */
const KEEP_DONE_MS = 24 * 3600_000
const MAX_ITEMS = 50

export type QueuedScanTarget = Extract<ScanTarget, { kind: 'station' } | { kind: 'activity' }>

export interface QueuedScan {
  id: string
  target: QueuedScanTarget
  /** The phone's clock at the scan (ISO). */
  scannedAt: string
  lat?: number
  lng?: number
  status: 'queued' | 'sending' | 'done' | 'failed'
  /** What the rider reads once it was sent. */
  message?: string
  /** Stamps earned (activity), for the result line. */
  stamps?: number
  sentAt?: string
}

const listeners = new Set<(scans: QueuedScan[]) => void>()
let flushing: Promise<QueuedScan[]> | null = null

function read(): QueuedScan[] {
  try {
    const value = Taro.getStorageSync(KEY)
    return Array.isArray(value) ? (value as QueuedScan[]) : []
  } catch {
    return []
  }
}

function write(scans: QueuedScan[]) {
  const now = Date.now()
  const kept = scans.filter((s) => s.status === 'queued' || s.status === 'sending' || now - Date.parse(s.sentAt ?? s.scannedAt) < KEEP_DONE_MS).slice(-MAX_ITEMS)
  try {
    Taro.setStorageSync(KEY, kept)
  } catch {
    // storage full: nothing more we can keep
  }
  listeners.forEach((l) => l(kept))
}

export function queuedScans(): QueuedScan[] {
  return read()
}

export function onQueuedScansChange(listener: (scans: QueuedScan[]) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether the scan target is one that can wait for the network (station and activity check-ins). */
export function isQueueable(target: ScanTarget): target is QueuedScanTarget {
  return target.kind === 'station' || target.kind === 'activity'
}

/** A network failure (no answer at all), as opposed to the server saying no. */
export function isNetworkFailure(err: unknown): boolean {
  if (isApiError(err)) return err.code === 'NETWORK_ERROR' || err.code === 'TIMEOUT'
  return /network|request:fail|Failed to fetch|timeout/i.test(String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? ''))
}

/** No network right now (weapp: getNetworkType says none; H5: navigator.onLine is false). */
export async function isOffline(): Promise<boolean> {
  if (IS_H5) return typeof navigator !== 'undefined' && navigator.onLine === false
  try {
    const { networkType } = await Taro.getNetworkType()
    return networkType === 'none'
  } catch {
    return false
  }
}

/** Keeps a scan for later; the same code queued twice is kept once (the server would answer once anyway). */
export function queueScan(target: QueuedScanTarget, scannedAt: Date, point?: { lat: number; lng: number }): QueuedScan {
  const scans = read()
  const code = codeOf(target)
  const existing = scans.find((s) => s.status === 'queued' && codeOf(s.target) === code && idOf(s.target) === idOf(target))
  if (existing) return existing
  const scan: QueuedScan = {
    id: `${scannedAt.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    target,
    scannedAt: scannedAt.toISOString(),
    ...(point ? { lat: point.lat, lng: point.lng } : {}),
    status: 'queued',
  }
  write([...scans, scan])
  return scan
}

const codeOf = (t: QueuedScanTarget) => (t.kind === 'station' ? t.code : t.token)
const idOf = (t: QueuedScanTarget) => (t.kind === 'station' ? t.stationId : t.activityId)

async function send(scan: QueuedScan): Promise<Pick<QueuedScan, 'message' | 'stamps'>> {
  const near = scan.lat !== undefined && scan.lng !== undefined ? { lat: scan.lat, lng: scan.lng } : {}
  if (scan.target.kind === 'station') {
    const [result, station] = await Promise.all([
      api.stations.checkin(scan.target.stationId, { code: scan.target.code, scannedAt: scan.scannedAt, ...near }),
      api.stations.get(scan.target.stationId).catch(() => undefined),
    ])
    const where = station?.name ?? '驿站'
    return { message: result.duplicate ? `${where}：已签到过（这次不重复计）` : `${where}：签到成功` }
  }
  const [result, activity] = await Promise.all([
    api.activities.checkin(scan.target.activityId, { token: scan.target.token, scannedAt: scan.scannedAt, ...near }),
    api.activities.get(scan.target.activityId).catch(() => undefined),
  ])
  const what = activity?.title ?? '活动'
  if (result.duplicate) return { message: `${what}：已签到过（不重复盖章）` }
  return { message: `${what}：签到成功，获得 ${result.stamp?.amount ?? 1} 枚印章`, stamps: result.stamp?.amount ?? 1 }
}

const OFFLINE_ERRORS = {
  CODE_EXPIRED: '离线记录超过 24 小时或二维码已过期，未能签到',
  INVALID_CODE: '二维码在扫码时无效，未能签到',
  ACTIVITY_CLOSED: '扫码时不在活动签到时间内',
}

/**
 * Sends every queued scan, oldest first. A network failure leaves it queued (and stops the round);
 * any answer of the server is final and kept as the outcome. Concurrent calls share one round.
 */
export function flushQueuedScans(): Promise<QueuedScan[]> {
  if (flushing) return flushing
  const round = sendQueued()
  flushing = round
  // cleared after the round (it may have finished synchronously, with nothing to send)
  round.then(
    () => (flushing === round ? (flushing = null) : undefined),
    () => (flushing === round ? (flushing = null) : undefined),
  )
  return round
}

async function sendQueued(): Promise<QueuedScan[]> {
  let earned = false
  for (const pending of read().filter((s) => s.status === 'queued' || s.status === 'sending')) {
    update(pending.id, { status: 'sending' })
    try {
      const outcome = await send(pending)
      earned ||= Boolean(outcome.stamps)
      update(pending.id, { status: 'done', ...outcome, sentAt: new Date().toISOString() })
    } catch (err) {
      if (isNetworkFailure(err) || (isApiError(err) && err.code === 'UNAUTHENTICATED')) {
        update(pending.id, { status: 'queued' })
        break
      }
      update(pending.id, { status: 'failed', message: describeError(err, OFFLINE_ERRORS), sentAt: new Date().toISOString() })
    }
  }
  // the stamp count on home and 我的 follows
  if (earned) refreshMe().catch(() => undefined)
  return read()
}

function update(id: string, patch: Partial<QueuedScan>) {
  write(read().map((s) => (s.id === id ? { ...s, ...patch } : s)))
}

/** Removes an outcome the rider has seen. */
export function dismissScan(id: string) {
  write(read().filter((s) => s.id !== id))
}

let installed = false

/** Once per launch: send the queue now and whenever the network comes back or the app is shown again. */
export function installOfflineScanSync() {
  if (installed) return
  installed = true
  const flushIfAny = () => {
    if (read().some((s) => s.status === 'queued' || s.status === 'sending')) flushQueuedScans().catch(() => undefined)
  }
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) flushIfAny()
    })
  } catch {
    // not available on this platform
  }
  try {
    Taro.onAppShow?.(flushIfAny)
  } catch {
    // not available on this platform
  }
  if (IS_H5 && typeof window !== 'undefined') window.addEventListener('online', flushIfAny)
  flushIfAny()
}
