import { ApiError, ERROR_CODES } from '@xfqs/api-client'
import { ERROR_MESSAGES, describeError, fieldHints, isUserCancel } from './errors'

describe('describeError', () => {
  it('has a Chinese message for every contract code and never shows the code', () => {
    for (const code of ERROR_CODES) {
      const text = describeError(new ApiError(400, code, 'english text'))
      expect(text).toBe(ERROR_MESSAGES[code])
      expect(text).not.toContain(code)
      expect(text).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('lets a screen tailor a message', () => {
    const err = new ApiError(410, 'CODE_EXPIRED', 'expired')
    expect(describeError(err, { CODE_EXPIRED: '兑换码已过期，请重新生成' })).toBe('兑换码已过期，请重新生成')
  })

  it('explains platform failures', () => {
    expect(describeError({ errMsg: 'request:fail timeout' })).toBe(ERROR_MESSAGES.TIMEOUT)
    expect(describeError(new TypeError('Failed to fetch'))).toBe(ERROR_MESSAGES.NETWORK_ERROR)
    expect(describeError({ errMsg: 'getLocation:fail auth deny' })).toMatch(/授权/)
    expect(describeError(undefined)).toBe(ERROR_MESSAGES.INTERNAL)
    expect(isUserCancel({ errMsg: 'scanCode:fail cancel' })).toBe(true)
  })
})

describe('fieldHints', () => {
  it('maps the fields a VALIDATION_FAILED names to inline hints', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
      { field: 'idCardNumber', message: 'checksum' },
      { field: '/body/phone', message: 'pattern' },
    ])
    expect(fieldHints(err, { idCardNumber: '身份证号', phone: '手机号' })).toEqual({
      idCardNumber: '身份证号填写有误，请检查',
      phone: '手机号填写有误，请检查',
    })
    expect(fieldHints(new ApiError(409, 'ALREADY_APPLIED', 'x'), {})).toEqual({})
  })
})
