import Taro from '@tarojs/taro'
import { parseScanContent, type ScanTarget } from '@xfqs/domain'
import { isUserCancel } from './errors'
import { go, replace } from './navigation'
import { IS_WEAPP } from './platform'
import { ROUTES } from './routes'
import { decideScan } from './scan-routing'
import { getSession, isStaff } from './session'

/** QR codes and mini-program codes ('wxCode' is missing from Taro's typings). */
const SCAN_TYPES = ['qrCode', 'wxCode'] as unknown as 'qrCode'[]

/** Sends a parsed target to its page, or explains in a dialog why it leads nowhere. */
export function openTarget(target: ScanTarget, how: 'push' | 'replace' = 'push') {
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
