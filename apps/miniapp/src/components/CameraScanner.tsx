/**
 * The camera QR reader of the H5 app (`CameraScanner.h5.tsx`, picked by Taro for H5 builds). In
 * the mini-program WeChat's own scanner (`Taro.scanCode`) does the job, so this build has nothing
 * to show and no decoder to ship.
 *
 * It only reads: what a read text means (open a page, fulfil a code…) stays with the caller and
 * the scan-routing service.
 */
export interface CameraScannerProps {
  /** Called once with the text of the first QR code read; the camera stops then. */
  onRead(text: string): void
  /** What the person is about to scan, for the permission explanation ("骑手的兑换码"). */
  subject: string
}

export function CameraScanner(_props: CameraScannerProps) {
  return null
}
