import Taro from '@tarojs/taro'
import { DEFAULT_HELP_HOTLINE } from '@xfqs/domain'
import { IS_WEAPP } from './platform'

export { DEFAULT_HELP_HOTLINE }

/** Dials the union hotline in one tap: WeChat's phone call sheet, or `tel:` in a browser. */
export function callHotline(phoneNumber: string = DEFAULT_HELP_HOTLINE) {
  if (IS_WEAPP) return Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
  window.location.href = `tel:${phoneNumber}`
}
