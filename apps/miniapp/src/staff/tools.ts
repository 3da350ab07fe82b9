import type { Me } from '@xfqs/api-client'
import { ROUTES } from '../services/routes'

export interface StaffTool {
  key: 'fulfil' | 'station-qr' | 'station-live' | 'activities' | 'meetings' | 'applications' | 'reports' | 'help' | 'dashboard'
  glyph: string
  title: string
  subtitle: string
  color: string
  path: string
  params?: Record<string, string>
}

/**
 * The staff tools a user may use, in the order staff reach for them: showing a QR and scanning
 * first, then reviews, then figures. Mirrors the API's guards, so no tile leads to "您没有权限":
 * a station's own QR is its staff's (an admin without a station finds station QR codes in the
 * station list), fulfilling a gift is its staff's and the admins' above it; activities, meetings, reviews and the dashboard are org
 * admins'.
 */
export function staffTools(me: Me): StaffTool[] {
  const admin = me.roles.some((r) => r.role === 'org_admin' || r.role === 'super_admin')
  const station = me.roles.find((r) => r.role === 'station_staff' && r.stationId)
  const tools: StaffTool[] = []
  if (station) {
    tools.push({ key: 'station-qr', glyph: '签', title: '驿站签到码', subtitle: '出示或打印张贴', color: '#F08A24', path: ROUTES.staffStationQr, params: { stationId: station.stationId! } })
  }
  const fulfil: StaffTool = { key: 'fulfil', glyph: '核', title: '核销兑换', subtitle: '扫骑手的兑换码', color: '#D7000F', path: ROUTES.staffFulfil }
  if (station) tools.push(fulfil)
  if (station) {
    tools.push({ key: 'station-live', glyph: '状', title: '实时状态', subtitle: '暂停·提示·骑手反馈', color: '#C0392B', path: ROUTES.staffStationLive, params: { stationId: station.stationId! } })
  }
  if (admin) {
    tools.push({ key: 'activities', glyph: '活', title: '活动签到', subtitle: '出示动态签到码', color: '#2E86DE', path: ROUTES.staffActivities })
    tools.push({ key: 'meetings', glyph: '会', title: '沟通会', subtitle: '出示入会码', color: '#16A085', path: ROUTES.staffMeetings })
    if (!station) tools.push(fulfil)
    if (!station) tools.push({ key: 'station-qr', glyph: '签', title: '驿站签到码', subtitle: '在驿站详情里出示', color: '#F08A24', path: ROUTES.stations })
    tools.push({ key: 'applications', glyph: '审', title: '入会审核', subtitle: '当天审核', color: '#8E6C8A', path: ROUTES.staffApplications })
    tools.push({ key: 'reports', glyph: '拍', title: '随手拍审核', subtitle: '采纳发印章', color: '#5C6BC0', path: ROUTES.staffReports })
    tools.push({ key: 'help', glyph: '助', title: '骑手求助', subtitle: '认领·办结', color: '#C0392B', path: ROUTES.staffHelp })
    tools.push({ key: 'dashboard', glyph: '数', title: '数据看板', subtitle: '每日统计', color: '#37474F', path: ROUTES.staffDashboard })
  }
  return tools
}
