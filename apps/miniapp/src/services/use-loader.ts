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
 *
 * Fresh answers only: every load gets a number, and an answer (or failure) of a load that a newer
 * one has superseded — a filter toggled again before the first answer came — is dropped, so a
 * slow old response can never overwrite the answer to what the rider asked for last.
 */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[] = [], options: { reloadOnShow?: boolean } = {}): Loader<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>()
  const [loading, setLoading] = useState(true)
  const loadRef = useRef(load)
  loadRef.current = load
  const firstShow = useRef(true)
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const request = ++latest.current
    const isCurrent = () => request === latest.current
    setLoading(true)
    setError(undefined)
    try {
      const result = await loadRef.current()
      if (isCurrent()) setData(result)
    } catch (err) {
      if (isCurrent()) setError(err)
    } finally {
      if (isCurrent()) setLoading(false)
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
