import { Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { MemberCardVerification } from '@xfqs/api-client'
import { parseScanContent } from '@xfqs/domain'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { useParam } from '@/services/entry'
import { formatDate, formatDateTime } from '@/services/format'
import { IS_WEAPP } from '@/services/platform'
import { scanText } from '@/services/scanner'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { Button, Input } from '@/components/nut'
import { RoleGate } from '../components/RoleGate'
import { ScanResult } from '../components/ScanResult'
import '../staff.scss'

const VERIFY_ERRORS = {
  INVALID_CODE: '这不是有效的会员证二维码，请会员打开“会员证”页面重新出示。',
  CODE_EXPIRED: '会员证核验码已过期（5 分钟有效），可能是截图：请会员打开“会员证”页面当场出示。',
  NOT_A_MEMBER: '该会员证已失效，持证人目前不是工会会员。',
}

/** Staff check a rider's member card: the scanned card link opens this page and checks it at once. */
export default function MemberVerifyPage() {
  const memberNo = useParam('memberNo')
  const code = useParam('memberCode')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: true; result: MemberCardVerification } | { ok: false; message: string }>()
  const autoRan = useRef(false)

  const check = async (scanned: { memberNo: string; code: string } | null) => {
    if (!scanned) return setOutcome({ ok: false, message: '没有识别到会员证二维码，请对准会员证上的二维码重新扫描。' })
    setBusy(true)
    setOutcome(undefined)
    try {
      setOutcome({ ok: true, result: await api.membership.verifyCard(scanned) })
      setText('')
    } catch (err) {
      setOutcome({ ok: false, message: describeError(err, VERIFY_ERRORS) })
    } finally {
      setBusy(false)
    }
  }
  const fromText = (value: string) => {
    const target = parseScanContent(value)
    return target.kind === 'member' ? { memberNo: target.memberNo, code: target.code } : null
  }

  useEffect(() => {
    if (memberNo && code && !autoRan.current) {
      autoRan.current = true
      void check({ memberNo, code })
    }
  }, [memberNo, code])

  const scan = async () => {
    const scanned = await scanText()
    if (scanned) await check(fromText(scanned))
  }

  return (
    <RoleGate roles={['station_staff', 'org_admin']}>
      {() => (
        <Screen>
          {outcome && (
            <ScanResult ok={outcome.ok} title={outcome.ok ? '有效会员' : '核验未通过'}>
              {outcome.ok ? (
                <>
                  <Text className='staff__result-gift'>{outcome.result.name}</Text>
                  <Text className='hint'>
                    会员编号 {outcome.result.memberNo}
                    {'\n'}
                    {outcome.result.orgName} · {formatDate(outcome.result.memberSince)} 入会
                    {'\n'}
                    核验时间 {formatDateTime(outcome.result.checkedAt)}
                  </Text>
                </>
              ) : (
                <Text className='hint'>{outcome.message}</Text>
              )}
            </ScanResult>
          )}
          {IS_WEAPP && (
            <Button type='primary' size='large' block loading={busy} onClick={scan}>
              扫描会员证
            </Button>
          )}
          <Card title={IS_WEAPP ? '或粘贴会员证链接' : '粘贴会员证链接'} className='gap-top'>
            <Input value={text} onChange={(v: string) => setText(v)} placeholder='会员证二维码里的链接' clearable />
            <Button type='primary' block className='big-button' loading={busy} disabled={!text.trim()} onClick={() => check(fromText(text))}>
              核验
            </Button>
          </Card>
        </Screen>
      )}
    </RoleGate>
  )
}
