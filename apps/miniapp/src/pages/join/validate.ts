import type { ApplicationBody, Occupation, Platform } from '@xfqs/api-client'
import {
  ageOn,
  ID_CARD_REASON_MESSAGES,
  isMainlandMobile,
  isValidRealName,
  MIN_MEMBER_AGE,
  normalizeIdCardNumber,
  normalizeMobile,
  validateIdCardNumber,
} from '@xfqs/domain'

export interface ApplicationForm {
  realName: string
  phone: string
  idCardNumber: string
  platform?: Platform
  platformOther: string
  occupation?: Occupation
  occupationOther: string
  workArea: string
  consent: boolean
}

export type FormErrors = Partial<Record<keyof ApplicationForm, string>>

export const EMPTY_FORM: ApplicationForm = {
  realName: '',
  phone: '',
  idCardNumber: '',
  platformOther: '',
  occupationOther: '',
  workArea: '',
  consent: false,
}

export const FIELD_LABELS: Record<string, string> = {
  realName: '姓名',
  phone: '手机号',
  idCardNumber: '身份证号',
  platform: '所在平台',
  platformOther: '平台名称',
  occupation: '职业',
  occupationOther: '职业名称',
  workArea: '工作区域',
  consent: '隐私授权',
}

/** Inline messages for one field (used on blur) — the same rules the server applies. */
export function validateField(field: keyof ApplicationForm, form: ApplicationForm, today = new Date()): string | undefined {
  switch (field) {
    case 'realName':
      if (!form.realName.trim()) return '请填写真实姓名'
      return isValidRealName(form.realName) ? undefined : '请填写身份证上的姓名（2 个字以上的中文）'
    case 'phone':
      if (!form.phone.trim()) return '请填写手机号'
      return isMainlandMobile(form.phone) ? undefined : '请填写 11 位手机号'
    case 'idCardNumber': {
      const id = validateIdCardNumber(form.idCardNumber, today)
      if (!id.ok) return ID_CARD_REASON_MESSAGES[id.reason]
      return ageOn(id.birthDate, today) < MIN_MEMBER_AGE ? `需年满 ${MIN_MEMBER_AGE} 周岁才能申请入会` : undefined
    }
    case 'platform':
      return form.platform ? undefined : '请选择所在平台'
    case 'platformOther':
      return form.platform === 'other' && !form.platformOther.trim() ? '请填写平台或公司名称' : undefined
    case 'occupation':
      return form.occupation ? undefined : '请选择职业'
    case 'occupationOther':
      return form.occupation === 'other' && !form.occupationOther.trim() ? '请填写您的职业' : undefined
    case 'consent':
      return form.consent ? undefined : '请阅读并同意隐私保护说明'
    default:
      return undefined
  }
}

const CHECKED: (keyof ApplicationForm)[] = ['realName', 'phone', 'idCardNumber', 'platform', 'platformOther', 'occupation', 'occupationOther', 'consent']

/** Every problem in the form; empty when it can be sent. */
export function validateApplication(form: ApplicationForm, today = new Date()): FormErrors {
  const errors: FormErrors = {}
  for (const field of CHECKED) {
    const message = validateField(field, form, today)
    if (message) errors[field] = message
  }
  return errors
}

/** The request body for a valid form (normalised number formats, optional text left out when blank). */
export function toApplicationBody(form: ApplicationForm, where: { meetingId?: string; orgId?: string }): ApplicationBody {
  return {
    ...(where.meetingId ? { meetingId: where.meetingId } : { orgId: where.orgId }),
    realName: form.realName.trim(),
    phone: normalizeMobile(form.phone),
    idCardNumber: normalizeIdCardNumber(form.idCardNumber),
    platform: form.platform!,
    ...(form.platform === 'other' ? { platformOther: form.platformOther.trim() } : {}),
    occupation: form.occupation!,
    ...(form.occupation === 'other' ? { occupationOther: form.occupationOther.trim() } : {}),
    ...(form.workArea.trim() ? { workArea: form.workArea.trim() } : {}),
    consent: true,
  }
}
