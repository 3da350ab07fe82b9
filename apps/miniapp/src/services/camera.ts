/**
 * Camera access on H5, kept apart from what a read code means (scan-routing.ts). A person who once
 * allowed the camera is not asked again with our explanation: the browser remembers its own
 * permission, and we remember that we explained it.
 */
const ALLOWED_KEY = 'xf.camera.allowed'

export function cameraWasAllowed(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(ALLOWED_KEY) === '1'
  } catch {
    return false
  }
}

export function rememberCameraAllowed(allowed: boolean): void {
  try {
    if (allowed) localStorage.setItem(ALLOWED_KEY, '1')
    else localStorage.removeItem(ALLOWED_KEY)
  } catch {
    // private mode: we simply explain again next time
  }
}

export type CameraProblem = 'denied' | 'no-camera' | 'insecure' | 'failed'

/** Why the camera did not start, from what getUserMedia (or the decoder) threw. */
export function cameraProblemOf(err: unknown, secure = typeof window === 'undefined' || window.isSecureContext): CameraProblem {
  if (!secure) return 'insecure'
  const name = (err as { name?: string })?.name ?? ''
  const text = String((err as { message?: string })?.message ?? err)
  if (name === 'NotAllowedError' || name === 'SecurityError' || /denied|permission/i.test(text)) return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || /no camera|not found/i.test(text)) return 'no-camera'
  return 'failed'
}

/** What to tell the person, in plain words, with what they can do instead. */
export const CAMERA_PROBLEM_TEXT: Record<CameraProblem, { title: string; message: string }> = {
  denied: { title: '没有摄像头权限', message: '浏览器拒绝了摄像头。可以在浏览器地址栏左侧的设置里允许使用摄像头后再试，或者在下方手动输入。' },
  'no-camera': { title: '没有找到摄像头', message: '这台设备没有可用的摄像头。请在下方手动输入二维码下方的字符或链接。' },
  insecure: { title: '当前网址无法使用摄像头', message: '浏览器只允许 https 网址使用摄像头。请用 https 地址打开，或在下方手动输入。' },
  failed: { title: '摄像头没能打开', message: '可能被其他应用占用。请关闭其他使用摄像头的应用后重试，或在下方手动输入。' },
}
