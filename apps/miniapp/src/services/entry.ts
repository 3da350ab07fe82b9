import Taro, { useRouter } from '@tarojs/taro'
import { parseEnterQuery, type ScanTarget } from '@xfqs/domain'
import { useMemo } from 'react'

/**
 * What the current page was opened for: named params (`meetingId=…`), a mini-program code's
 * `scene`, or a plain-URL QR code's `q`, read the same way the scanner reads codes.
 * Falls back to the app's enter options (cold start from a code on some clients).
 */
export function useEntryTarget(): ScanTarget {
  const router = useRouter()
  return useMemo(() => {
    const fromPage = parseEnterQuery(router.params as Record<string, string>)
    if (fromPage.kind !== 'unknown') return fromPage
    try {
      const enter = Taro.getEnterOptionsSync?.()
      const fromEnter = parseEnterQuery((enter?.query ?? {}) as Record<string, string>)
      if (fromEnter.kind !== 'unknown') return fromEnter
    } catch {
      // H5 has no enter options.
    }
    return fromPage
  }, [router.params])
}

/** One page parameter, decoded once (Taro passes options through as WeChat gives them). */
export function useParam(name: string): string | undefined {
  const router = useRouter()
  const value = router.params[name]
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
