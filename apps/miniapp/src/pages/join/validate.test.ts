import { ID_CARD_REASON_MESSAGES, idCardCheckChar } from '@xfqs/domain'
import { EMPTY_FORM, toApplicationBody, validateApplication, validateField, type ApplicationForm } from './validate'

const validId = (first17: string) => first17 + idCardCheckChar(first17)
const good: ApplicationForm = {
  ...EMPTY_FORM,
  realName: '王小明',
  phone: '138 0013 8000',
  idCardNumber: validId('11010619900307123').toLowerCase(),
  platform: 'meituan',
  occupation: 'food_delivery',
  workArea: ' 卢沟桥 ',
  consent: true,
}
const today = new Date(2026, 10, 25)

describe('application form validation', () => {
  it('accepts a complete form', () => {
    expect(validateApplication(good, today)).toEqual({})
  })

  it('names every missing or wrong field in Chinese', () => {
    const errors = validateApplication(EMPTY_FORM, today)
    expect(Object.keys(errors).sort()).toEqual(['consent', 'idCardNumber', 'occupation', 'phone', 'platform', 'realName'])
    expect(errors.idCardNumber).toBe(ID_CARD_REASON_MESSAGES.empty)
  })

  it('explains a checksum mistake and a bad mobile', () => {
    const wrongLast = good.idCardNumber.slice(0, 17) + (good.idCardNumber.endsWith('0') ? '1' : '0')
    expect(validateField('idCardNumber', { ...good, idCardNumber: wrongLast }, today)).toMatch(/校验位不正确/)
    expect(validateField('phone', { ...good, phone: '1380013800' }, today)).toBe('请填写 11 位手机号')
  })

  it('refuses an applicant under 16, the rule the server applies, on the day they apply', () => {
    const fifteen = validId('11010620101126123') // born 2010-11-26: 16 only tomorrow
    expect(validateField('idCardNumber', { ...good, idCardNumber: fifteen }, today)).toMatch(/年满 16 周岁/)
    expect(validateField('idCardNumber', { ...good, idCardNumber: fifteen }, new Date(2026, 10, 26))).toBeUndefined()
  })

  it('requires the other-text only when other is chosen', () => {
    expect(validateApplication({ ...good, platform: 'other' }, today).platformOther).toBeDefined()
    expect(validateApplication({ ...good, platform: 'other', platformOther: '货拉拉' }, today)).toEqual({})
    expect(validateApplication({ ...good, occupation: 'other' }, today).occupationOther).toBeDefined()
  })

  it('builds a normalised body', () => {
    expect(toApplicationBody(good, { meetingId: 'M1' })).toEqual({
      meetingId: 'M1',
      realName: '王小明',
      phone: '13800138000',
      idCardNumber: good.idCardNumber.toUpperCase(),
      platform: 'meituan',
      occupation: 'food_delivery',
      workArea: '卢沟桥',
      consent: true,
    })
    expect(toApplicationBody({ ...good, workArea: '' }, { orgId: 'O1' })).not.toHaveProperty('workArea')
  })
})
