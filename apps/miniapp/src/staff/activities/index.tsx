import { View, Text } from '@tarojs/components'
import { ariaRole } from '@/components/a11y'
import { useState } from 'react'
import { ACTIVITY_KINDS, type ActivityKind } from '@xfqs/api-client'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { currentShanghaiMinute, defaultShanghaiTime, formatDateTime, shanghaiLocalToIso } from '@/services/format'
import { ACTIVITY_KIND_NAMES } from '@/services/labels'
import { getRiderLocation } from '@/services/location'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { hasRole } from '@/services/session'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { Choices, Field } from '@/components/Field'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button, Input } from '@/components/nut'
import { Check } from '@/components/Check'
import { DateTimeField } from '../components/DateTimeField'
import { RoleGate } from '../components/RoleGate'
import '../staff.scss'

const KIND_OPTIONS = ACTIVITY_KINDS.map((value) => ({ value, label: ACTIVITY_KIND_NAMES[value] }))

/**
 * Activities of the org: show an activity's rotating QR (what staff do most, so it comes first) or
 * create one (time window picked, stamps, optional geofence).
 */
export default function ActivitiesPage() {
  return <RoleGate roles={['org_admin', 'station_staff']}>{(me) => <Activities canCreate={hasRole(me, 'org_admin', 'super_admin')} />}</RoleGate>
}

function Activities({ canCreate }: { canCreate: boolean }) {
  const loader = useLoader(() => api.activities.list({ limit: 50 }))
  const [form, setForm] = useState({ title: '', kind: 'volunteer' as ActivityKind, startsAt: currentShanghaiMinute(), endsAt: defaultShanghaiTime(3), stamps: '1', geofence: false, radiusM: '300' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [submitError, setSubmitError] = useState<string>()
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm({ ...form, [key]: value })

  const create = async () => {
    const startsAt = shanghaiLocalToIso(form.startsAt)
    const endsAt = shanghaiLocalToIso(form.endsAt)
    const stamps = Number(form.stamps)
    const radiusM = Number(form.radiusM)
    const found: Record<string, string> = {}
    if (!form.title.trim()) found.title = '请填写活动名称'
    if (!startsAt) found.startsAt = '时间格式不对'
    if (!endsAt) found.endsAt = '时间格式不对'
    else if (startsAt && endsAt <= startsAt) found.endsAt = '结束时间要晚于开始时间'
    if (!Number.isInteger(stamps) || stamps < 1 || stamps > 5) found.stamps = '每次签到可得 1-5 枚'
    if (form.geofence && (!Number.isInteger(radiusM) || radiusM < 50 || radiusM > 5000)) found.radiusM = '范围 50-5000 米'
    setErrors(found)
    if (Object.keys(found).length || !startsAt || !endsAt) return
    setBusy(true)
    setSubmitError(undefined)
    try {
      const fence = form.geofence ? await getRiderLocation({ fresh: true }) : undefined
      if (fence && fence.source !== 'device') throw new Error('需要定位才能设置签到范围，请允许获取位置，或取消“限定签到范围”')
      const activity = await api.activities.create({
        title: form.title.trim(),
        kind: form.kind,
        startsAt,
        endsAt,
        stamps,
        ...(fence ? { lat: fence.point.lat, lng: fence.point.lng, radiusM } : {}),
      })
      go(ROUTES.staffActivityQr, { activityId: activity.id, title: activity.title })
      void loader.reload()
    } catch (err) {
      setSubmitError(err instanceof Error && !('code' in err) ? err.message : describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <Card title='出示活动签到码'>
        <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={loader.data?.items.length === 0} emptyText='还没有活动'>
          {loader.data?.items.map((a) => (
            <View key={a.id} className='staff__item' onClick={() => go(ROUTES.staffActivityQr, { activityId: a.id, title: a.title })}>
              <Text className='staff__item-title'>{a.title}</Text>
              <Text className='staff__item-line'>
                {ACTIVITY_KIND_NAMES[a.kind] ?? a.kind} · {formatDateTime(a.startsAt)} - {formatDateTime(a.endsAt)} · 每次 {a.stamps} 枚
              </Text>
              <View className='staff__show' {...ariaRole('button')}>出示签到码 ›</View>
            </View>
          ))}
        </StateView>
      </Card>
      {canCreate && (
        <Card title='新建活动'>
          <Field label='活动名称' required error={errors.title}>
            <Input value={form.title} onChange={(v: string) => set('title', v)} placeholder='例如：创城志愿服务 · 清理小广告' maxLength={60} />
          </Field>
          <Field label='类型' required>
            <Choices options={KIND_OPTIONS} value={form.kind} onChange={(v) => set('kind', v)} />
          </Field>
          <DateTimeField label='开始时间' value={form.startsAt} error={errors.startsAt} onChange={(v) => set('startsAt', v)} />
          <DateTimeField label='结束时间' value={form.endsAt} error={errors.endsAt} onChange={(v) => set('endsAt', v)} />
          <Field label='每次签到得印章' required error={errors.stamps}>
            <Input type='number' value={form.stamps} onChange={(v: string) => set('stamps', v)} maxLength={1} />
          </Field>
          <View className='staff__check gap-top'>
            <Check checked={form.geofence} label='限定签到范围' onChange={(v) => set('geofence', v)} />
            <Text onClick={() => set('geofence', !form.geofence)}>限定签到范围（以我现在的位置为中心）</Text>
          </View>
          {form.geofence && (
            <Field label='范围（米）' error={errors.radiusM}>
              <Input type='number' value={form.radiusM} onChange={(v: string) => set('radiusM', v)} maxLength={4} />
            </Field>
          )}
          {submitError && <View className='notice gap-top'>{submitError}</View>}
          <Button type='primary' size='large' block className='big-button' loading={busy} onClick={create}>
            创建并出示签到码
          </Button>
        </Card>
      )}
    </Screen>
  )
}
