import { Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { FulfilResult } from '@xfqs/api-client'
import { parseScanContent } from '@xfqs/domain'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { useParam } from '@/services/entry'
import { IS_WEAPP } from '@/services/platform'
import { scanText } from '@/services/scanner'
import { CameraScanner } from '@/components/CameraScanner'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { Button, Input } from '@/components/nut'
import { RoleGate } from '../components/RoleGate'
import { ScanResult } from '../components/ScanResult'
import '../staff.scss'

const FULFIL_ERRORS = {
  ALREADY_FULFILLED: '这个兑换码已经核销过了，请勿重复发放礼品。',
  CODE_EXPIRED: '兑换码已过期（10 分钟有效），请骑手在手机上重新生成。',
  INVALID_CODE: '无法识别的兑换码，请让骑手打开“兑换码”页面重新出示。',
  OUT_OF_STOCK: '这件礼品库存不足，请骑手换一件礼品。',
  INSUFFICIENT_STAMPS: '骑手的印章已经不够兑换这件礼品了。',
  FORBIDDEN: '这个兑换码不是在本驿站兑换的礼品，请骑手到对应驿站领取。',
}

/** The redemption code from a scanned text: `r=<code>` or the bare code typed in. */
function codeFrom(text: string): string {
  const target = parseScanContent(text)
  return target.kind === 'redemption' ? target.code : text.trim()
}

/**
 * Station staff scan a rider's redemption QR (WeChat's scanner, or the camera on H5) or type its
 * code; stamps and stock are taken exactly once by the server.
 */
export default function FulfilPage() {
  const initial = useParam('code')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: true; result: FulfilResult } | { ok: false; message: string }>()
  const autoRan = useRef(false)

  const fulfil = async (code: string) => {
    if (!code) return
    setBusy(true)
    setOutcome(undefined)
    try {
      setOutcome({ ok: true, result: await api.redemptions.fulfil(code) })
      setText('')
    } catch (err) {
      setOutcome({ ok: false, message: describeError(err, FULFIL_ERRORS) })
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (initial && !autoRan.current) {
      autoRan.current = true
      void fulfil(initial)
    }
  }, [initial])

  const scan = async () => {
    const scanned = await scanText()
    if (scanned) await fulfil(codeFrom(scanned))
  }

  return (
    <RoleGate roles={['station_staff', 'org_admin']}>
      {() => (
        <Screen>
          {outcome && (
            <ScanResult ok={outcome.ok} title={outcome.ok ? '核销成功，请发放礼品' : '没能核销'}>
              {outcome.ok && <Text className='staff__result-gift'>{outcome.result.redemption.rewardName}</Text>}
              <Text className='hint'>
                {outcome.ok ? `扣除 ${outcome.result.redemption.cost} 枚印章，骑手剩余 ${outcome.result.balanceAfter} 枚` : outcome.message}
              </Text>
            </ScanResult>
          )}
          {IS_WEAPP && (
            <Button type='primary' size='large' block loading={busy} onClick={scan}>
              扫描骑手兑换码
            </Button>
          )}
          {!IS_WEAPP && <CameraScanner subject='骑手的兑换码' onRead={(read) => void fulfil(codeFrom(read))} />}
          <Card title='或手动输入兑换码' className='gap-top'>
            <Input value={text} onChange={(v: string) => setText(v)} placeholder='兑换码下方的字符' clearable />
            <Button type='primary' block className='big-button' loading={busy} disabled={!text.trim()} onClick={() => fulfil(codeFrom(text))}>
              核销
            </Button>
          </Card>
        </Screen>
      )}
    </RoleGate>
  )
}
