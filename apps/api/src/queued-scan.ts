import { QUEUED_SCAN_FUTURE_LEEWAY_MS } from '@xfqs/domain';
import { ApiError } from './errors';

/**
 * The instant a check-in counts at. Without `scannedAt` it is now. A scan queued on a phone without
 * a network carries `scannedAt`: it counts at that instant when it is not in the future (beyond a
 * minute of clock drift: 422 INVALID_CODE) and not older than the queued-scan window (410
 * CODE_EXPIRED). Whether the code itself was valid at that instant is the caller's check, made
 * with the instant returned here.
 */
export function effectiveScanTime(scannedAt: string | undefined, now: Date, windowHours: number): Date {
  if (scannedAt === undefined) return now;
  const at = new Date(scannedAt);
  if (at.getTime() > now.getTime() + QUEUED_SCAN_FUTURE_LEEWAY_MS) throw new ApiError('INVALID_CODE', '扫码时间晚于当前时间，请校准手机时间后重新扫码');
  if (now.getTime() - at.getTime() > windowHours * 3600_000) {
    throw new ApiError('CODE_EXPIRED', `离线扫码记录已超过 ${windowHours} 小时，不能再签到`);
  }
  return at > now ? now : at;
}
