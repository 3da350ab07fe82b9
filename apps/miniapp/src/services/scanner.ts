import Taro from '@tarojs/taro'
import { parseScanContent, type ScanTarget } from '@xfqs/domain'
import { isUserCancel } from './errors'
import { getRiderLocation } from './location'
import { isOffline, isQueueable, queueScan } from './offline-scans'
import { go, replace } from './navigation'
import { IS_WEAPP } from './platform'
import { ROUTES } from './routes'
import { decideScan } from './scan-routing'
import { getSession, isStaff } from './session'

/** QR codes and mini-program codes ('wxCode' is missing from Taro's typings). */
const SCAN_TYPES = ['qrCode', 'wxCode'] as unknown as 'qrCode'[]

/** The rider is told at once that a scan made without a network is kept and will be sent. */
export const QUEUED_SCAN_NOTICE = '已记录，联网后自动签到'

/**
 * A check-in code scanned with no network: kept on the phone (code, time, location if we have a fix)
 * and sent when the network is back (services/offline-scans.ts).
 */
export async function queueOfflineScan(target: ScanTarget, scannedAt = new Date()): Promise<boolean> {
  if (!isQueueable(target)) return false
  const location = await getRiderLocation({ fresh: true }).catch(() => undefined)
  queueScan(target, scannedAt, location?.source === 'device' ? location.point : undefined)
  await Taro.showModal({
    title: QUEUED_SCAN_NOTICE,
    content: '现在没有网络。扫码时间和位置已保存在手机上，恢复网络后会自动签到，结果在首页和“我的”里查看。',
    showCancel: false,
    confirmText: '知道了',
    confirmColor: '#D7000F',
  })
  return true
}

/** Sends a parsed target to its page, or explains in a dialog why it leads nowhere. */
export async function openTarget(target: ScanTarget, how: 'push' | 'replace' = 'push') {
  const scannedAt = new Date()
  if (isQueueable(target) && (await isOffline())) return queueOfflineScan(target, scannedAt)
  const decision = decideScan(target, { isStaff: isStaff(getSession().me) })
  if (decision.kind === 'open') return (how === 'push' ? go : replace)(decision.path, decision.params)
  return Taro.showModal({ title: decision.title, content: decision.message, showCancel: false, confirmText: '知道了', confirmColor: '#D7000F' })
}

/**
 * The 扫一扫 button. weapp opens WeChat's scanner (a mini-program code gives `path`, a plain QR
 * gives `result`); H5 has no scanner outside WeChat, so it opens the scan page with a text field.
 */
export async function scanAndOpen() {
  if (!IS_WEAPP) return go(ROUTES.scan)
  try {
    const res = await Taro.scanCode({ scanType: SCAN_TYPES })
    const content = (res as { path?: string }).path || res.result
    return openTarget(parseScanContent(content))
  } catch (err) {
    if (!isUserCancel(err)) Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
  }
}

/** Raw text from WeChat's scanner (staff fulfilment wants the code itself, not navigation). */
export async function scanText(): Promise<string | null> {
  if (!IS_WEAPP) return null
  try {
    const res = await Taro.scanCode({ scanType: SCAN_TYPES })
    return (res as { path?: string }).path || res.result || null
  } catch (err) {
    if (!isUserCancel(err)) Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
    return null
  }
}
