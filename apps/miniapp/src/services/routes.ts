/** Every page path in one place, so links never drift from app.config.ts. */
export const ROUTES = {
  home: '/pages/home/index',
  login: '/pages/login/index',
  scan: '/pages/scan/index',
  /** Activity check-in (the rotating QR). */
  checkin: '/pages/checkin/index',
  /** Station check-in: the page the server's `checkin-code` link names (`/pages/stations/checkin?stationId=…&code=…`). */
  stationCheckin: '/pages/stations/checkin',
  meeting: '/pages/join/meeting',
  apply: '/pages/join/apply',
  joinStatus: '/pages/join/status',
  memberCard: '/pages/join/card',
  stamps: '/pages/stamps/index',
  rewards: '/pages/stamps/rewards',
  redeem: '/pages/stamps/redeem',
  stations: '/pages/stations/index',
  station: '/pages/stations/detail',
  report: '/pages/report/index',
  myReports: '/pages/report/mine',
  handbook: '/pages/handbook/index',
  me: '/pages/me/index',
  privacy: '/pages/me/privacy',
  inbox: '/pages/me/inbox',
  help: '/pages/help/index',
  staffHome: '/staff/index',
  staffFulfil: '/staff/fulfil/index',
  staffStationQr: '/staff/station-qr/index',
  staffMeetings: '/staff/meetings/index',
  staffMeetingQr: '/staff/meetings/qr',
  staffApplications: '/staff/applications/index',
  staffActivities: '/staff/activities/index',
  staffActivityQr: '/staff/activities/qr',
  staffReports: '/staff/reports/index',
  staffDashboard: '/staff/dashboard/index',
  staffStationLive: '/staff/station-live/index',
  staffHelp: '/staff/help/index',
  /** Staff check a member card (the card's QR opens it: `?memberNo=…&memberCode=…`). */
  staffMemberVerify: '/staff/member/index',
} as const

export type RoutePath = (typeof ROUTES)[keyof typeof ROUTES]

/** Pages in the tab bar: they are opened with switchTab and take no query. */
export const TAB_PAGES: readonly string[] = [ROUTES.home, ROUTES.stations, ROUTES.handbook, ROUTES.me]

/** `/pages/x/index?a=1&b=2`, leaving out empty values. */
export function toUrl(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return query ? `${path}?${query}` : path
}
