import Taro from '@tarojs/taro'
import { IS_WEAPP } from './platform'

type Resolve = (result: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void

let pending: Resolve | null = null
const listeners = new Set<(open: boolean) => void>()

/**
 * WeChat privacy flow: when an API that touches personal data (location, camera, album) needs
 * consent, WeChat calls our handler; we show `PrivacyPopup` and resolve when the rider taps the
 * agree button (open-type agreePrivacyAuthorization) or declines.
 */
export function installPrivacyHandler() {
  if (!IS_WEAPP) return
  const wx = Taro as unknown as { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void }
  wx.onNeedPrivacyAuthorization?.((resolve) => {
    pending = resolve
    listeners.forEach((l) => l(true))
    resolve({ event: 'exposureAuthorization' })
  })
}

export function onPrivacyRequest(listener: (open: boolean) => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function answerPrivacy(agree: boolean, buttonId?: string) {
  pending?.(agree ? { event: 'agree', buttonId } : { event: 'disagree' })
  pending = null
  listeners.forEach((l) => l(false))
}

export function openPrivacyContract() {
  const wx = Taro as unknown as { openPrivacyContract?: (o: object) => void }
  wx.openPrivacyContract?.({})
}
