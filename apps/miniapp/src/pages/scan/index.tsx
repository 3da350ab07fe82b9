import { View, Text } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { useEntryTarget } from '@/services/entry'
import { IS_WEAPP } from '@/services/platform'
import { decideScan, parseTyped } from '@/services/scan-routing'
import { openTarget, scanAndOpen } from '@/services/scanner'
import { getSession, isStaff } from '@/services/session'
import { CameraScanner } from '@/components/CameraScanner'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { Button, Input } from '@/components/nut'
import './index.scss'

/**
 * The scan router. Opened by a mini-program code or link (scene / q / named params) it forwards
 * at once; opened from the app it offers WeChat's scanner (weapp) or the camera (H5), and a field
 * to paste a link or type a meeting code. What a read text means is decided by scan-routing.
 */
export default function ScanPage() {
  const entry = useEntryTarget()
  const [text, setText] = useState('')
  const [explanation, setExplanation] = useState<{ title: string; message: string }>()

  useLoad(() => {
    if (entry.kind !== 'unknown') openTarget(entry, 'replace')
  })

  const handle = (read: string) => {
    const target = parseTyped(read)
    const decision = decideScan(target, { isStaff: isStaff(getSession().me) })
    if (decision.kind === 'explain') return setExplanation(decision)
    setExplanation(undefined)
    openTarget(target)
  }

  return (
    <Screen>
      {IS_WEAPP && (
        <Button type='primary' size='large' block className='scan__button' onClick={scanAndOpen}>
          打开扫一扫
        </Button>
      )}
      {!IS_WEAPP && <CameraScanner subject='二维码' onRead={handle} />}
      <Card title={IS_WEAPP ? '或者输入链接' : '扫不了？手动输入'}>
        {!IS_WEAPP && <Text className='hint'>把二维码下方的链接或 8 位沟通会码填到这里。</Text>}
        <View className='scan__input'>
          <Input value={text} onChange={(v: string) => setText(v)} placeholder='粘贴链接，或输入 8 位沟通会码' clearable />
        </View>
        <Button type='primary' block disabled={!text.trim()} onClick={() => handle(text)}>
          识别并打开
        </Button>
        {explanation && (
          <View className='scan__explain'>
            <Text className='scan__explain-title'>{explanation.title}</Text>
            <Text className='hint'>{explanation.message}</Text>
          </View>
        )}
      </Card>
      <Card title='可以扫什么'>
        <View className='scan__kinds'>
          <Text className='scan__kind'>· 职工沟通会入会码：在线申请加入工会</Text>
          <Text className='scan__kind'>· 驿站签到码：贴在工会驿站门口</Text>
          <Text className='scan__kind'>· 活动签到码：工作人员手机上每 30 秒刷新的二维码，签到得印章</Text>
        </View>
      </Card>
    </Screen>
  )
}
