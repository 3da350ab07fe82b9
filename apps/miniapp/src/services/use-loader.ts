import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'

export interface Loader<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Loads data for a screen: loading and error state, reload, pull-to-refresh (enable
 * `enablePullDownRefresh` in the page config) and, optionally, reload when the page shows again.
 */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[] = [], options: { reloadOnShow?: boolean } = {}): Loader<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>()
  const [loading, setLoading] = useState(true)
  const loadRef = useRef(load)
  loadRef.current = load
  const firstShow = useRef(true)

  const reload = useCallback(async () => {
    setLoading(true)
    setError(undefined)
    try {
      setData(await loadRef.current())
    } catch (err) {
      setError(err)
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    if (options.reloadOnShow) void reload()
  })

  return { data, error, loading, reload }
}
