import { View, Text } from '@tarojs/components'
import { ariaRole } from '@/components/a11y'
import { useState } from 'react'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { defaultShanghaiTime, formatDateTime, shanghaiLocalToIso } from '@/services/format'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { Field } from '@/components/Field'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button, Input } from '@/components/nut'
import { DateTimeField } from '../components/DateTimeField'
import { RoleGate } from '../components/RoleGate'
import '../staff.scss'

/** Create a meeting and open its QR; the list of recent meetings. */
export default function MeetingsPage() {
  return <RoleGate roles={['org_admin']}>{() => <Meetings />}</RoleGate>
}

function Meetings() {
  const loader = useLoader(() => api.meetings.list({ limit: 50 }))
  const [form, setForm] = useState({ title: '', location: '', host: '', startsAt: defaultShanghaiTime(0), endsAt: defaultShanghaiTime(2) })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [submitError, setSubmitError] = useState<string>()
  const set = (key: keyof typeof form, value: string) => setForm({ ...form, [key]: value })

  const create = async () => {
    const startsAt = shanghaiLocalToIso(form.startsAt)
    const endsAt = shanghaiLocalToIso(form.endsAt)
    const found: Record<string, string> = {}
    if (!form.title.trim()) found.title = '请填写会议名称'
    if (!startsAt) found.startsAt = '时间格式不对'
    if (!endsAt) found.endsAt = '时间格式不对'
    else if (startsAt && endsAt <= startsAt) found.endsAt = '结束时间要晚于开始时间'
    setErrors(found)
    if (Object.keys(found).length || !startsAt || !endsAt) return
    setBusy(true)
    setSubmitError(undefined)
    try {
      const meeting = await api.meetings.create({
        title: form.title.trim(),
        startsAt,
        endsAt,
        ...(form.location.trim() ? { location: form.location.trim() } : {}),
        ...(form.host.trim() ? { host: form.host.trim() } : {}),
      })
      go(ROUTES.staffMeetingQr, { meetingId: meeting.id, title: meeting.title })
      void loader.reload()
    } catch (err) {
      setSubmitError(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <Card title='最近的沟通会'>
        <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={loader.data?.items.length === 0} emptyText='还没有沟通会'>
          {loader.data?.items.map((m) => (
            <View key={m.id} className='staff__item' onClick={() => go(ROUTES.staffMeetingQr, { meetingId: m.id, title: m.title })}>
              <Text className='staff__item-title'>{m.title}</Text>
              <Text className='staff__item-line'>{formatDateTime(m.startsAt)}{m.location ? ` · ${m.location}` : ''}</Text>
              <View className='staff__show' {...ariaRole('button')}>出示入会码 ›</View>
            </View>
          ))}
        </StateView>
      </Card>
      <Card title='新建沟通会'>
        <Field label='会议名称' required error={errors.title}>
          <Input value={form.title} onChange={(v: string) => set('title', v)} placeholder='例如：顺丰丰体服务部职工沟通会' maxLength={60} />
        </Field>
        <DateTimeField label='开始时间' value={form.startsAt} error={errors.startsAt} onChange={(v) => set('startsAt', v)} />
        <DateTimeField label='结束时间' value={form.endsAt} error={errors.endsAt} onChange={(v) => set('endsAt', v)} />
        <Field label='地点（选填）'>
          <Input value={form.location} onChange={(v: string) => set('location', v)} placeholder='例如：梅市口路183号' maxLength={100} />
        </Field>
        <Field label='主持人（选填）'>
          <Input value={form.host} onChange={(v: string) => set('host', v)} maxLength={30} />
        </Field>
        {submitError && <View className='notice gap-top'>{submitError}</View>}
        <Button type='primary' size='large' block className='big-button' loading={busy} onClick={create}>
          创建并生成入会码
        </Button>
      </Card>
    </Screen>
  )
}
