import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { IS_WEAPP } from './platform'

const seenKey = (userId: string) => `xf:stamps-seen:${userId}`

/** A short buzz as a stamp lands (weapp; browsers without it stay silent). */
export function buzz() {
  if (IS_WEAPP) Taro.vibrateShort({ type: 'medium' }).catch(() => undefined)
}

/**
 * How many of the rider's stamps arrived since they last looked (by `total` ever earned, which
 * redemptions do not lower), to stamp them in with an animation and a buzz. The first look
 * remembers the total without animating anything.
 */
export function useFreshStamps(userId: string | undefined, total: number | undefined): number {
  const [fresh, setFresh] = useState(0)
  useEffect(() => {
    if (!userId || total === undefined) return
    const seen = Taro.getStorageSync(seenKey(userId))
    const arrived = typeof seen === 'number' ? Math.max(0, total - seen) : 0
    Taro.setStorageSync(seenKey(userId), total)
    setFresh(arrived)
    if (arrived > 0) buzz()
  }, [userId, total])
  return fresh
}
