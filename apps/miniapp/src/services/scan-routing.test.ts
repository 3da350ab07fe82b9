import { parseScanContent } from '@xfqs/domain'
import { decideScan, parseTyped } from './scan-routing'
import { ROUTES } from './routes'

const rider = { isStaff: false }
const staff = { isStaff: true }

describe('decideScan', () => {
  it('opens the meeting page for a meeting link', () => {
    expect(decideScan(parseScanContent('https://x.cn/#/pages/join/meeting?meetingId=M1'), rider)).toEqual({
      kind: 'open',
      path: ROUTES.meeting,
      params: { meetingId: 'M1' },
    })
  })

  it('opens check-in for station and activity codes', () => {
    expect(decideScan(parseScanContent('s=S1&c=abc'), rider)).toEqual({ kind: 'open', path: ROUTES.stationCheckin, params: { stationId: 'S1', code: 'abc' } })
    expect(decideScan(parseScanContent('a=A1&t=123456'), rider)).toEqual({ kind: 'open', path: ROUTES.checkin, params: { activityId: 'A1', token: '123456' } })
  })

  it('sends staff to fulfilment and tells riders what a redemption code is', () => {
    expect(decideScan(parseScanContent('r=RC1'), staff)).toMatchObject({ kind: 'open', path: ROUTES.staffFulfil, params: { code: 'RC1' } })
    expect(decideScan(parseScanContent('r=RC1'), rider)).toMatchObject({ kind: 'explain', title: '这是礼品兑换码' })
  })

  it('sends staff to member verification and tells riders what a member card code is', () => {
    const link = 'https://xfqs.example.cn/#/staff/member/index?memberNo=M-1&memberCode=1795000000.sig'
    expect(decideScan(parseScanContent(link), staff)).toEqual({ kind: 'open', path: ROUTES.staffMemberVerify, params: { memberNo: 'M-1', memberCode: '1795000000.sig' } })
    expect(decideScan(parseScanContent(link), rider)).toMatchObject({ kind: 'explain', title: '这是工会会员证' })
  })

  it('explains unknown, empty and incomplete codes in Chinese', () => {
    expect(decideScan(parseScanContent('https://www.baidu.com'), rider)).toMatchObject({ kind: 'explain', title: '不是先锋骑士的二维码' })
    expect(decideScan(parseScanContent(''), rider)).toMatchObject({ kind: 'explain', title: '没有识别到内容' })
    expect(decideScan(parseScanContent('stationId=S1'), rider)).toMatchObject({ kind: 'explain', title: '二维码不完整' })
  })
})

describe('parseTyped', () => {
  it('reads pasted links and scenes as the scanner does', () => {
    expect(parseTyped('http://127.0.0.1:3000/#/pages/stations/checkin?stationId=S1&code=1.abc')).toEqual({ kind: 'station', stationId: 'S1', code: '1.abc' })
    expect(parseTyped('/pages/stations/checkin?stationId=S1&code=1.abc')).toEqual({ kind: 'station', stationId: 'S1', code: '1.abc' })
  })

  it('takes a typed meeting code, in any case and with look-alike letters', () => {
    expect(parseTyped(' dem02026 ')).toEqual({ kind: 'meeting', meetingId: 'DEM02026' })
    expect(parseTyped('DEMO2O26')).toEqual({ kind: 'meeting', meetingId: 'DEM02026' })
  })

  it('leaves anything else unknown', () => {
    expect(parseTyped('hello').kind).toBe('unknown')
    expect(parseTyped('DEM0202').kind).toBe('unknown')
  })
})
