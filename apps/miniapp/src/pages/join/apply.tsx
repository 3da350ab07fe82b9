import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { OCCUPATIONS, PLATFORMS, isApiError } from '@xfqs/api-client'
import { parseIdCard } from '@xfqs/domain'
import { api } from '@/services/api'
import { describeError, fieldHints } from '@/services/errors'
import { useParam } from '@/services/entry'
import { OCCUPATION_NAMES, PLATFORM_NAMES } from '@/services/labels'
import { go, replace } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { refreshMe } from '@/services/session'
import { useSignedIn } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Choices, Field } from '@/components/Field'
import { Screen } from '@/components/Screen'
import { LoadingBlock } from '@/components/StateView'
import { Button, Input } from '@/components/nut'
import { Check } from '@/components/Check'
import { EMPTY_FORM, FIELD_LABELS, toApplicationBody, validateApplication, validateField, type ApplicationForm, type FormErrors } from './validate'
import './join.scss'
import { askToSubscribe } from '@/services/notifications'

const PLATFORM_OPTIONS = PLATFORMS.map((value) => ({ value, label: PLATFORM_NAMES[value] }))
const OCCUPATION_OPTIONS = OCCUPATIONS.map((value) => ({ value, label: OCCUPATION_NAMES[value] }))

/** The membership application: inline checks as the rider types, the server's checks on submit. */
export default function ApplyPage() {
  const meetingId = useParam('meetingId')
  const orgId = useParam('orgId')
  const session = useSignedIn()
  const [form, setForm] = useState<ApplicationForm>(EMPTY_FORM)
  const [errors, setErrors] = useState<FormErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string>()

  const set = <K extends keyof ApplicationForm>(key: K, value: ApplicationForm[K]) => {
    const next = { ...form, [key]: value }
    setForm(next)
    // Clear an error as soon as the field becomes right; new errors wait for blur or submit.
    if (errors[key] && !validateField(key, next)) setErrors({ ...errors, [key]: undefined })
  }
  const check = (key: keyof ApplicationForm) => setErrors({ ...errors, [key]: validateField(key, form) })

  const submit = async () => {
    const found = validateApplication(form)
    setErrors(found)
    if (Object.keys(found).length) {
      setSubmitError('还有信息没填好，请检查标红的项目')
      // The first red field may be above the fold on a phone: bring it into view.
      setTimeout(() => Taro.pageScrollTo({ selector: '.xf-field--error', duration: 200, offsetTop: -60 }).catch(() => undefined), 50)
      return
    }
    askToSubscribe('application') // weapp: ask for the review result reminder while this is still the tap
    setSubmitting(true)
    setSubmitError(undefined)
    try {
      await api.membership.apply(toApplicationBody(form, { meetingId, orgId }))
      refreshMe().catch(() => undefined)
      replace(ROUTES.joinStatus)
    } catch (err) {
      if (isApiError(err) && err.code === 'ALREADY_APPLIED') {
        Taro.showToast({ title: '您已提交过申请', icon: 'none' })
        return replace(ROUTES.joinStatus)
      }
      setErrors({ ...errors, ...fieldHints(err, FIELD_LABELS) })
      setSubmitError(describeError(err))
    } finally {
      setSubmitting(false)
    }
  }

  if (!session.ready) return <Screen>{session.error ? <Text className='error-text'>{session.error}</Text> : <LoadingBlock />}</Screen>
  if (!meetingId && !orgId) {
    return (
      <Screen>
        <View className='notice'>请先扫描职工沟通会的二维码，再在线申请入会。</View>
        <Button type='primary' size='large' block onClick={() => go(ROUTES.scan)}>
          去扫码
        </Button>
      </Screen>
    )
  }

  const idInfo = parseIdCard(form.idCardNumber)
  return (
    <Screen>
      <Card title='基本信息'>
        <Field label='真实姓名' required error={errors.realName}>
          <Input value={form.realName} onChange={(v: string) => set('realName', v)} onBlur={() => check('realName')} placeholder='与身份证一致' maxLength={20} />
        </Field>
        <Field label='手机号' required error={errors.phone}>
          <Input type='tel' value={form.phone} onChange={(v: string) => set('phone', v)} onBlur={() => check('phone')} placeholder='11 位手机号' maxLength={13} />
        </Field>
        <Field label='身份证号' required error={errors.idCardNumber}>
          <Input type='idcard' value={form.idCardNumber} onChange={(v: string) => set('idCardNumber', v)} onBlur={() => check('idCardNumber')} placeholder='18 位身份证号' maxLength={18} />
          {idInfo.ok && (
            <Text className='join__derived'>
              ✓ 出生日期 {idInfo.birthDate} · {idInfo.gender === 'male' ? '男' : '女'}
            </Text>
          )}
        </Field>
      </Card>

      <Card title='工作信息'>
        <Field label='所在平台 / 公司' required error={errors.platform}>
          <Choices options={PLATFORM_OPTIONS} value={form.platform} onChange={(v) => set('platform', v)} />
        </Field>
        {form.platform === 'other' && (
          <Field label='平台或公司名称' required error={errors.platformOther}>
            <Input value={form.platformOther} onChange={(v: string) => set('platformOther', v)} onBlur={() => check('platformOther')} placeholder='例如：货拉拉' maxLength={30} />
          </Field>
        )}
        <Field label='职业' required error={errors.occupation}>
          <Choices options={OCCUPATION_OPTIONS} value={form.occupation} onChange={(v) => set('occupation', v)} />
        </Field>
        {form.occupation === 'other' && (
          <Field label='职业名称' required error={errors.occupationOther}>
            <Input value={form.occupationOther} onChange={(v: string) => set('occupationOther', v)} onBlur={() => check('occupationOther')} placeholder='请填写' maxLength={30} />
          </Field>
        )}
        <Field label='常跑区域（选填）'>
          <Input value={form.workArea} onChange={(v: string) => set('workArea', v)} placeholder='例如：卢沟桥、丽泽商务区' maxLength={50} />
        </Field>
      </Card>

      <Card>
        <View className='join__consent'>
          <Check checked={form.consent} label='同意工会为办理入会处理我的个人信息' onChange={(v) => set('consent', v)} />
          <Text onClick={() => set('consent', !form.consent)}>
            我已阅读并同意
            <Text className='link' onClick={(e) => (e.stopPropagation(), go(ROUTES.privacy))}>
              《个人信息收集与使用说明》
            </Text>
            ，同意工会为办理入会收集我的姓名、手机号和身份证号。
          </Text>
        </View>
        {errors.consent && <Text className='error-text'>{errors.consent}</Text>}
      </Card>

      {submitError && <View className='notice'>{submitError}</View>}
      <Button type='primary' size='large' block loading={submitting} onClick={submit}>
        提交入会申请
      </Button>
      <Text className='muted' style={{ display: 'block', textAlign: 'center', marginTop: '12px' }}>
        身份证号加密保存，仅用于入会审核
      </Text>
    </Screen>
  )
}
