import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { HelpCategory, MyHelpRequest } from '@xfqs/api-client'
import { HELP_CATEGORY, HELP_CATEGORIES, HELP_STATUS, HELP_TEXT_MAX } from '@xfqs/domain'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { formatDateTime } from '@/services/format'
import { callHotline, DEFAULT_HELP_HOTLINE } from '@/services/hotline'
import { getRiderLocation } from '@/services/location'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Choices, Field } from '@/components/Field'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { Button, TextArea } from '@/components/nut'
import '@/components/ServiceIcon.scss'
import './index.scss'

const CATEGORY_OPTIONS = HELP_CATEGORIES.map((value) => ({ value, label: HELP_CATEGORY.labels[value] }))
const STATUS_TONE = { open: 'warning', claimed: 'primary', closed: 'success' } as const

/** 一键求助: call the union's hotline in one tap, or leave a short request and follow its status. */
export default function HelpPage() {
  const loader = useSignedInLoader(async () => {
    const location = await getRiderLocation()
    const near = location.source === 'device' ? location.point : undefined
    const [hotline, mine] = await Promise.all([api.help.hotline(near).catch(() => undefined), api.help.mine()])
    return { hotline, mine: mine.items, near }
  }, [], { reloadOnShow: true })
  const hotline = loader.data?.hotline?.hotline ?? DEFAULT_HELP_HOTLINE

  return (
    <Screen>
      <View className='help__call' onClick={() => callHotline(hotline)}>
        <Text className='help__call-title'>拨打工会热线 {hotline}</Text>
        <Text className='help__call-sub'>{loader.data?.hotline?.orgName ? `${loader.data.hotline.orgName} · 一键拨号` : '职工服务热线 · 一键拨号'}</Text>
      </View>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
        {loader.data && (
          <>
            <HelpForm near={loader.data.near} onSent={loader.reload} />
            <Card title='我的求助'>
              {loader.data.mine.length === 0 && <Text className='hint'>还没有求助记录。</Text>}
              {loader.data.mine.map((r) => (
                <HelpItem key={r.id} item={r} />
              ))}
            </Card>
          </>
        )}
      </StateView>
    </Screen>
  )
}

function HelpForm({ near, onSent }: { near?: { lat: number; lng: number }; onSent: () => void }) {
  const [category, setCategory] = useState<HelpCategory>()
  const [text, setText] = useState('')
  const [withLocation, setWithLocation] = useState(Boolean(near))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  useEffect(() => setWithLocation(Boolean(near)), [near])

  const submit = async () => {
    const found: Record<string, string> = {}
    if (!category) found.category = '请选择求助类别'
    if (!text.trim()) found.text = '请简单说明情况'
    setErrors(found)
    if (Object.keys(found).length || busy) return
    setBusy(true)
    try {
      const created = await api.help.create({ category: category!, text: text.trim(), ...(withLocation && near ? near : {}) })
      setText('')
      setCategory(undefined)
      await Taro.showModal({
        title: '求助已送达',
        content: `已转给${created.orgName}，工作人员会尽快联系您。紧急情况请直接拨打 ${created.hotline}。`,
        showCancel: false,
        confirmText: '知道了',
        confirmColor: '#D7000F',
      })
      onSent()
    } catch (err) {
      Taro.showToast({ title: describeError(err, { RULE_VIOLATION: '无法确定您所在的工会，请允许定位或直接拨打热线' }), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title='留言求助'>
      <Field label='遇到了什么问题' required error={errors.category}>
        <Choices options={CATEGORY_OPTIONS} value={category} onChange={setCategory} />
      </Field>
      <Field label='简单说明' required error={errors.text} hint='只有您所在工会的工作人员能看到，内容加密保存'>
        <TextArea value={text} onChange={(v: string) => setText(v)} placeholder='例如：某站点拖欠 10 月工资 3000 元' maxLength={HELP_TEXT_MAX} showCount />
      </Field>
      {near && (
        <View className={`xf-chip ${withLocation ? 'xf-chip--on' : ''} help__location`} onClick={() => setWithLocation(!withLocation)}>
          <Text>{withLocation ? '✓ 附上我的位置' : '不附位置'}</Text>
        </View>
      )}
      <Button type='primary' size='large' block className='big-button' disabled={busy} onClick={submit}>
        提交求助
      </Button>
    </Card>
  )
}

function HelpItem({ item }: { item: MyHelpRequest }) {
  return (
    <View className='help__item'>
      <View className='row'>
        <Text className='help__item-title'>{HELP_CATEGORY.labels[item.category]}</Text>
        <View className='spacer' />
        <StatusTag tone={STATUS_TONE[item.status]}>{HELP_STATUS.labels[item.status]}</StatusTag>
      </View>
      {item.text && <Text className='help__item-text'>{item.text}</Text>}
      <Text className='muted'>
        {formatDateTime(item.createdAt)} · {item.orgName}
      </Text>
      {item.closeNote && <Text className='help__item-answer'>工会答复：{item.closeNote}</Text>}
    </View>
  )
}
