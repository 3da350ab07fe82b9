import { currentShanghaiMinute, defaultShanghaiTime, formatCountdown, formatDate, formatDateTime, formatDays, formatHours, secondsLeft, shanghaiDayOffset, shanghaiLocalToIso } from './format'

describe('dates in Asia/Shanghai', () => {
  it('shows UTC instants as Shanghai wall-clock time', () => {
    const now = new Date('2026-11-25T00:00:00Z')
    expect(formatDateTime('2026-11-25T06:00:00.000Z', now)).toBe('11月25日 14:00')
    expect(formatDateTime('2026-12-31T16:30:00.000Z', now)).toBe('2027年1月1日 00:30')
    expect(formatDate('2026-11-24T16:00:00.000Z')).toBe('2026-11-25')
    expect(formatDateTime('not a date')).toBe('')
  })

  it('converts a Shanghai local time to UTC and counts days back', () => {
    expect(shanghaiLocalToIso('2026-11-25T14:00')).toBe('2026-11-25T06:00:00.000Z')
    expect(shanghaiLocalToIso('tomorrow')).toBeNull()
    expect(shanghaiDayOffset(1, new Date('2026-11-25T17:00:00Z'))).toBe('2026-11-25')
  })
})

describe('opening hours', () => {
  it('reads days as people say them', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('周一至周五')
    expect(formatDays([6, 7])).toBe('周六、周日')
    expect(formatDays([7, 1, 2, 3, 4, 5, 6])).toBe('每天')
    expect(formatDays([1, 3])).toBe('周一、周三')
  })

  it('formats weekly hours, overnight spans and 24h', () => {
    expect(formatHours({ weekly: [], alwaysOpen: true })).toBe('24小时开放')
    expect(
      formatHours({
        weekly: [
          { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
          { days: [6, 7], open: '10:00', close: '16:00' },
        ],
      }),
    ).toBe('周一至周五 09:00-18:00；周六、周日 10:00-16:00')
    expect(formatHours({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '20:00', close: '02:00' }] })).toBe('每天 20:00-次日02:00')
    expect(formatHours(null)).toBe('营业时间未知')
  })
})

describe('countdown', () => {
  it('counts whole seconds down to zero', () => {
    const now = Date.parse('2026-11-25T06:00:00.000Z')
    expect(secondsLeft('2026-11-25T06:10:00.000Z', now)).toBe(600)
    expect(secondsLeft('2026-11-25T06:00:00.400Z', now)).toBe(1)
    expect(secondsLeft('2026-11-25T05:59:00.000Z', now)).toBe(0)
    expect(secondsLeft('garbage', now)).toBe(0)
    expect(formatCountdown(545)).toBe('09:05')
    expect(formatCountdown(-3)).toBe('00:00')
  })
})

describe('default times of the staff forms', () => {
  const now = new Date('2026-11-25T17:13:42Z') // 01:13:42 on 26 Nov in Shanghai

  it('starts an activity created on the spot at the current minute, so its QR works at once', () => {
    expect(currentShanghaiMinute(now)).toBe('2026-11-26 01:13')
  })

  it('rounds other defaults up to the next half hour', () => {
    expect(defaultShanghaiTime(0, now)).toBe('2026-11-26 01:30')
    expect(defaultShanghaiTime(3, now)).toBe('2026-11-26 04:30')
  })
})
