import { isApiError, type ErrorCode } from '@xfqs/api-client'

/** What a rider reads for each contract (and client) error code: plain words and what to do next. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的信息有误，请检查标红的项目后再提交',
  UNAUTHENTICATED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限进行这个操作',
  NOT_FOUND: '没有找到相关内容，可能已经删除或链接有误',
  ALREADY_APPLIED: '您已经提交过入会申请了，请耐心等待审核',
  ALREADY_FULFILLED: '这个兑换码已经用过了，礼品已领取',
  OUT_OF_STOCK: '这件礼品刚刚兑完了，换一件试试吧',
  CONFLICT: '这条记录已经被处理过了，请刷新后再看',
  CODE_EXPIRED: '二维码已过期，请让工作人员刷新后重新扫码',
  PAYLOAD_TOO_LARGE: '照片太大了（不能超过 5MB），请重新拍一张',
  UNSUPPORTED_MEDIA_TYPE: '只能上传 JPG、PNG 或 WebP 格式的照片',
  INVALID_CODE: '这个二维码无效，请确认扫的是工会张贴或工作人员出示的二维码',
  ACTIVITY_CLOSED: '现在不在活动签到时间内',
  OUT_OF_RANGE: '您不在活动现场附近，请到现场后再签到（需要允许获取位置）',
  INSUFFICIENT_STAMPS: '印章还不够，多参加活动、多随手拍再来兑换吧',
  NOT_A_MEMBER: '这项服务仅限工会会员，请先申请入会',
  RULE_VIOLATION: '这个操作不符合活动规则',
  RATE_LIMITED: '操作太频繁了，请稍等一会儿再试',
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
  NETWORK_ERROR: '网络不给力，请检查网络后重试',
  TIMEOUT: '网络超时了，请稍后重试',
  INTERNAL: '系统开小差了，请稍后再试',
  BAD_RESPONSE: '系统开小差了，请稍后再试',
}

export type ErrorOverrides = Partial<Record<ErrorCode, string>>

/** A helpful Chinese sentence for any thrown value; never a raw code. `overrides` tailor it to a screen. */
export function describeError(err: unknown, overrides: ErrorOverrides = {}): string {
  if (isApiError(err)) return overrides[err.code] ?? ERROR_MESSAGES[err.code] ?? ERROR_MESSAGES.INTERNAL
  const text = String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? '')
  if (/cancel/i.test(text)) return '已取消'
  if (/auth deny|authorize|permission|privacy/i.test(text)) return '需要您的授权才能继续，请在设置中允许后重试'
  if (/timeout/i.test(text)) return ERROR_MESSAGES.TIMEOUT
  if (/network|request:fail|Failed to fetch/i.test(text)) return ERROR_MESSAGES.NETWORK_ERROR
  return ERROR_MESSAGES.INTERNAL
}

/** True when the user simply backed out of a WeChat dialog (scan, photo picker): not an error to show. */
export function isUserCancel(err: unknown): boolean {
  return /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? ''))
}

/**
 * Field names the server named in a `VALIDATION_FAILED`, mapped to short inline hints for a form.
 * Unknown fields are kept with a generic hint so nothing is lost.
 */
export function fieldHints(err: unknown, labels: Record<string, string>): Record<string, string> {
  if (!isApiError(err) || err.code !== 'VALIDATION_FAILED') return {}
  const hints: Record<string, string> = {}
  for (const { field } of err.fieldErrors) {
    const key = field.replace(/^\/?body[./]?/, '').replace(/^\//, '')
    hints[key] = `${labels[key] ?? '此项'}填写有误，请检查`
  }
  return hints
}
