import { parseScanContent } from '@xfqs/domain'
import { qrContentFor } from './links'

// Under jest TARO_ENV is unset, so this exercises the weapp branch (short scenes).
describe('qrContentFor (weapp)', () => {
  it('uses a short scene when it fits, and it parses back', () => {
    const target = { kind: 'activity', activityId: 'a1', token: '123456' } as const
    expect(qrContentFor(target)).toBe('a=a1&t=123456')
    expect(parseScanContent(qrContentFor(target))).toEqual(target)
  })

  it('falls back to named parameters for long ids, which still parse', () => {
    const target = { kind: 'meeting', meetingId: '0b7c2f0e-6d7a-4c1b-9a55-3f7a2f7c9e11' } as const
    expect(qrContentFor(target)).toBe('?meetingId=0b7c2f0e-6d7a-4c1b-9a55-3f7a2f7c9e11')
    expect(parseScanContent(qrContentFor(target))).toEqual(target)
    const station = { kind: 'station', stationId: '0b7c2f0e-6d7a-4c1b-9a55-3f7a2f7c9e11', code: 'v1.abc.def' } as const
    expect(parseScanContent(qrContentFor(station))).toEqual(station)
  })
})
