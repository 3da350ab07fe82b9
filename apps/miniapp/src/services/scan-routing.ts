import { normalizeMeetingCode, parseScanContent, type ScanTarget } from '@xfqs/domain'
import { ROUTES } from './routes'

export type ScanDecision =
  | { kind: 'open'; path: string; params: Record<string, string> }
  | { kind: 'explain'; title: string; message: string }

/** Where a scanned code takes the user, or what to tell them when it leads nowhere. */
export function decideScan(target: ScanTarget, viewer: { isStaff: boolean }): ScanDecision {
  switch (target.kind) {
    case 'meeting':
      return { kind: 'open', path: ROUTES.meeting, params: { meetingId: target.meetingId } }
    case 'station':
      return { kind: 'open', path: ROUTES.stationCheckin, params: { stationId: target.stationId, code: target.code } }
    case 'activity':
      return { kind: 'open', path: ROUTES.checkin, params: { activityId: target.activityId, token: target.token } }
    case 'redemption':
      if (viewer.isStaff) return { kind: 'open', path: ROUTES.staffFulfil, params: { code: target.code } }
      return {
        kind: 'explain',
        title: '这是礼品兑换码',
        message: '兑换码需要由驿站工作人员扫描核销。请把手机出示给工作人员。',
      }
    case 'member':
      if (viewer.isStaff) return { kind: 'open', path: ROUTES.staffMemberVerify, params: { memberNo: target.memberNo, memberCode: target.code } }
      return {
        kind: 'explain',
        title: '这是工会会员证',
        message: '会员证二维码由驿站或工会工作人员扫描核验。您自己的会员证在“我的 · 会员证”里。',
      }
    default:
      if (target.reason === 'empty') return { kind: 'explain', title: '没有识别到内容', message: '请对准二维码重新扫一扫，或者把链接粘贴到输入框里。' }
      if (target.reason === 'incomplete')
        return { kind: 'explain', title: '二维码不完整', message: '这个二维码缺少信息，可能拍得不清楚或被截断了。请让工作人员重新出示。' }
      return {
        kind: 'explain',
        title: '不是先锋骑士的二维码',
        message: '可以扫描：职工沟通会入会码、驿站签到码、活动签到码。其他二维码请用微信扫一扫打开。',
      }
  }
}

/**
 * What a typed or pasted text means on the scan page: a link or scene as a scanner reads it, else an
 * 8-character meeting code read out at a meeting or printed under its QR (`dem02026` works too).
 */
export function parseTyped(text: string): ScanTarget {
  const target = parseScanContent(text)
  if (target.kind !== 'unknown') return target
  const code = normalizeMeetingCode(text)
  return code ? { kind: 'meeting', meetingId: code } : target
}
