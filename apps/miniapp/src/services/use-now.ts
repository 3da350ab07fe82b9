import { useEffect, useState } from 'react'

/** The current time, re-rendering every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

/** Calls `tick` every `intervalMs` while `active`. */
export function useInterval(tick: () => void, intervalMs: number, active = true) {
  useEffect(() => {
    if (!active) return
    const timer = setInterval(tick, intervalMs)
    return () => clearInterval(timer)
  }, [tick, intervalMs, active])
}
