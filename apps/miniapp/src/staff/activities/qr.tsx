import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActivityToken } from '@xfqs/api-client'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { useParam } from '@/services/entry'
import { secondsLeft } from '@/services/format'
import { qrContentFor } from '@/services/links'
import { nextTokenFetchDelay, tokenUsable } from '@/services/rotation'
import { useNow } from '@/services/use-now'
import { QrCode } from '@/components/QrCode'
import { Button } from '@/components/nut'
import { RoleGate } from '../components/RoleGate'
import '../staff.scss'

/** Full-screen rotating check-in QR: a forwarded screenshot stops working within a minute. */
export default function ActivityQrPage() {
  return <RoleGate roles={['org_admin', 'station_staff']}>{() => <RotatingQr />}</RoleGate>
}

function RotatingQr() {
  const activityId = useParam('activityId') ?? ''
  const title = useParam('title')
  const [token, setToken] = useState<ActivityToken>()
  const [error, setError] = useState<string>()
  const [visible, setVisible] = useState(true)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const now = useNow(1000)

  const fetchToken = useCallback(async () => {
    clearTimeout(timer.current)
    try {
      const next = await api.activities.token(activityId)
      setToken(next)
      setError(undefined)
      timer.current = setTimeout(fetchToken, nextTokenFetchDelay(next.expiresAt, Date.now()))
    } catch (err) {
      setError(describeError(err))
      timer.current = setTimeout(fetchToken, 5000)
    }
  }, [activityId])

  useEffect(() => {
    if (visible) void fetchToken()
    return () => clearTimeout(timer.current)
  }, [fetchToken, visible])
  useDidShow(() => {
    setVisible(true)
    // Keep the phone awake while the QR is on show (not available on H5).
    Promise.resolve()
      .then(() => Taro.setKeepScreenOn({ keepScreenOn: true }))
      .catch(() => undefined)
  })
  useDidHide(() => setVisible(false))

  const left = token ? secondsLeft(token.expiresAt, now) : 0
  // Still accepted for one step after `expiresAt`: only a code that could not be renewed is greyed out.
  const usable = !!token && tokenUsable(token.expiresAt, now)
  return (
    <View className='staff__qr-page'>
      <Text className='staff__qr-title'>{title ?? '活动签到'}</Text>
      <Text className='staff__qr-tip'>用“先锋骑士”扫一扫，签到得印章</Text>
      <View className='staff__qr-box'>
        {token ? <QrCode value={qrContentFor({ kind: 'activity', activityId, token: token.token })} size={600} dimmed={!usable} /> : <View style={{ width: '300px', height: '300px' }} />}
      </View>
      {error ? (
        <>
          <Text className='staff__qr-tip'>{usable ? `暂时无法换码（${error}），当前二维码仍可签到` : error}</Text>
          <Button className='gap-top' onClick={fetchToken}>
            重试
          </Button>
        </>
      ) : (
        <>
          {token && <Text className='staff__qr-countdown'>{left > 0 ? `${left} 秒后自动换码` : '正在换码…'}</Text>}
          <Text className='staff__qr-tip'>二维码每 30 秒刷新一次，截图转发无效</Text>
        </>
      )}
    </View>
  )
}
