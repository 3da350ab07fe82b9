import { buildScene, type ScanTarget } from '@xfqs/domain'
import { IS_H5 } from './platform'
import { ROUTES, toUrl } from './routes'

/**
 * What a QR shown on a staff phone should contain. On H5 a full link to this app (a rider can
 * open it with any camera, and the in-app scanner parses it too); on weapp the short scene that
 * WeChat's in-app scanner hands to the scan router. Both parse with `parseScanContent`.
 */
export function qrContentFor(target: ScanTarget): string {
  if (IS_H5 && typeof window !== 'undefined') {
    const base = `${window.location.origin}${window.location.pathname}`
    if (target.kind === 'meeting') return `${base}#${toUrl(ROUTES.meeting, { meetingId: target.meetingId })}`
    if (target.kind === 'activity') return `${base}#${toUrl(ROUTES.checkin, { activityId: target.activityId, token: target.token })}`
    if (target.kind === 'station') return `${base}#${toUrl(ROUTES.stationCheckin, { stationId: target.stationId, code: target.code })}`
  }
  const scene = buildScene(target)
  if (scene) return scene
  // Too long for a scene: the parser also reads named query parameters.
  if (target.kind === 'meeting') return `?meetingId=${encodeURIComponent(target.meetingId)}`
  if (target.kind === 'activity') return `?activityId=${encodeURIComponent(target.activityId)}&token=${encodeURIComponent(target.token)}`
  if (target.kind === 'station') return `?stationId=${encodeURIComponent(target.stationId)}&code=${encodeURIComponent(target.code)}`
  if (target.kind === 'redemption') return `r=${target.code}`
  return ''
}

/**
 * A link the server hands out as an app path (a station's `checkin-code` `url` is
 * `/pages/stations/checkin?…` unless the server knows its public https origin) made openable: on H5 the
 * hash-router link on this origin, so any phone camera opens it; absolute links and weapp paths
 * (which WeChat's scanner hands to the scan router) stay as they are.
 */
export function openableLink(link: string): string {
  if (!IS_H5 || typeof window === 'undefined' || !link.startsWith('/')) return link
  return `${window.location.origin}${window.location.pathname}#${link}`
}
