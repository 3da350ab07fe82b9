import { View, Text } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { RedemptionState } from '@xfqs/api-client'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { useParam } from '@/services/entry'
import { formatCountdown, formatDateTime, secondsLeft } from '@/services/format'
import { replace } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { refreshMe, useSession } from '@/services/session'
import { useInterval, useNow } from '@/services/use-now'
import { Card } from '@/components/Card'
import { Info } from '@/components/Info'
import { QrCode } from '@/components/QrCode'
import { Screen } from '@/components/Screen'
import { Button } from '@/components/nut'
import './stamps.scss'

/** The short-lived redemption QR with its countdown; notices when the station has scanned it. */
export default function RedeemPage() {
  const reward = useParam('reward') ?? '礼品'
  const station = useParam('station')
  const stationId = useParam('stationId')
  const rewardId = useParam('rewardId')
  const initial = { id: useParam('id') ?? '', code: useParam('code') ?? '', expiresAt: useParam('expiresAt') ?? '' }
  const [code, setCode] = useState(initial)
  const [fulfilled, setFulfilled] = useState<RedemptionState>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const now = useNow(1000)
  const { me } = useSession()
  const left = secondsLeft(code.expiresAt, now)
  const expired = !code.code || left === 0

  // Watch for the staff scan: the redemption's status turns `fulfilled`.
  const poll = useCallback(() => {
    api.redemptions
      .get(code.id)
      .then((r) => {
        if (r.status === 'fulfilled') {
          setFulfilled(r)
          refreshMe().catch(() => undefined)
        }
      })
      .catch(() => undefined)
  }, [code.id])
  useInterval(poll, 3000, !fulfilled && !expired && !!code.id)

  const regenerate = async () => {
    if (!stationId || !rewardId) return replace(ROUTES.rewards)
    setBusy(true)
    setError(undefined)
    try {
      const next = await api.redemptions.create({ stationId, rewardId })
      setCode({ id: next.id, code: next.code, expiresAt: next.expiresAt })
    } catch (err) {
      setError(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  if (fulfilled) {
    return (
      <Screen className='redeem'>
        <View className='redeem__done'>✓</View>
        <Text className='redeem__reward'>兑换成功</Text>
        <Text className='hint'>请向工作人员领取「{fulfilled.rewardName}」。感谢您为城市添一份力！</Text>
        <Card className='redeem__receipt'>
          <Info label='礼品' value={fulfilled.rewardName} />
          <Info label='驿站' value={fulfilled.stationName} />
          <Info label='消耗' value={`${fulfilled.cost} 枚印章`} />
          {fulfilled.fulfilledAt && <Info label='时间' value={formatDateTime(fulfilled.fulfilledAt)} />}
          {me && <Info label='剩余' value={`${me.stamps.balance} 枚印章`} />}
        </Card>
        <Button type='primary' size='large' block className='big-button' onClick={() => replace(ROUTES.stamps)}>
          返回集章卡
        </Button>
      </Screen>
    )
  }

  return (
    <Screen className='redeem'>
      <Card className='redeem'>
        <Text className='muted'>兑换礼品</Text>
        <Text className='redeem__reward'>{reward}</Text>
        {station && <Text className='redeem__station'>领取地点：{station}</Text>}
        <View className='redeem__qr'>
          <QrCode value={`r=${code.code}`} size={440} dimmed={expired} />
          {expired && <View className='redeem__expired'>已过期</View>}
        </View>
        {expired ? (
          <>
            <Text className='hint gap-top'>兑换码已过期（有效期 10 分钟），印章没有扣除。请重新生成后再出示给工作人员。</Text>
            {error && <Text className='error-text'>{error}</Text>}
            <Button type='primary' size='large' block className='big-button' loading={busy} onClick={regenerate}>
              重新生成兑换码
            </Button>
          </>
        ) : (
          <>
            <Text className='redeem__countdown'>{formatCountdown(left)}</Text>
            <Text className='muted'>后失效 · 请出示给驿站工作人员扫码</Text>
            <Text className='redeem__code'>兑换码 {code.code}</Text>
          </>
        )}
      </Card>
      <Text className='muted'>工作人员扫码核销后才会扣除印章，同一个码只能用一次。</Text>
    </Screen>
  )
}
