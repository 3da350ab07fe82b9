import Taro from '@tarojs/taro'
import { useState } from 'react'
import { describeError, type ErrorOverrides } from '@/services/errors'

/**
 * Runs one review action on a list item (approve, reject, accept …): marks it busy, toasts the
 * outcome the action returns, explains a failure in Chinese, and reloads the list either way.
 * Resolves to whether the action succeeded.
 */
export function useReviewAction(reload: () => Promise<void>, errors: ErrorOverrides = {}) {
  const [busy, setBusy] = useState<string>()
  const act = async (key: string, run: () => Promise<string>): Promise<boolean> => {
    setBusy(key)
    try {
      Taro.showToast({ title: await run(), icon: 'none' })
      return true
    } catch (err) {
      Taro.showModal({ title: '操作没有完成', content: describeError(err, errors), showCancel: false })
      return false
    } finally {
      setBusy(undefined)
      await reload()
    }
  }
  return { busy, act }
}
