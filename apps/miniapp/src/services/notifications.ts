import Taro from '@tarojs/taro'
import type { NotificationKind } from '@xfqs/api-client'
import { api } from './api'
import { IS_WEAPP } from './platform'
import { TAB_PAGES, ROUTES } from './routes'
import { tokenStore } from './api'

/** Index of 我的 in the tab bar (app.config.ts). */
const ME_TAB_INDEX = TAB_PAGES.indexOf(ROUTES.me)

/**
 * The unread count as a badge on 我的 (weapp and H5 alike): a number up to 99, "99+" beyond,
 * none at zero. Returns the count; quiet when signed out or offline.
 */
export async function refreshUnreadBadge(): Promise<number> {
  if (!tokenStore.get()) return 0
  try {
    const { unread } = await api.notifications.unread()
    if (unread > 0) await Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) })
    else await Taro.removeTabBarBadge({ index: ME_TAB_INDEX })
    return unread
  } catch {
    return 0 // not on a tab page, signed out, offline: the badge simply stays as it was
  }
}

/** The moments a rider is asked to allow WeChat reminders, and what each one is about. */
export const SUBSCRIBE_MOMENTS = {
  application: ['application_approved', 'application_rejected'],
  report: ['report_accepted', 'report_rejected'],
  redemption: ['redemption_fulfilled'],
} as const satisfies Record<string, readonly NotificationKind[]>

type Templates = Array<{ kind: NotificationKind; templateId: string }>
let templates: Templates | undefined

/** Loads the template ids the server configured (weapp only), so the ask can happen right in the tap. */
export async function preloadSubscribeTemplates(): Promise<void> {
  if (!IS_WEAPP || templates || !tokenStore.get()) return
  try {
    templates = (await api.notifications.templates()).items
  } catch {
    templates = undefined
  }
}

/**
 * On weapp, asks the rider (one WeChat dialog, at most 3 templates) to allow the reminders of a
 * moment, then records every "accept": each one allows the server one message of that template.
 * Call it inside the tap handler, before any await (WeChat only shows the dialog for a tap).
 * On H5, and when nothing is configured, it does nothing: the inbox holds every message anyway.
 */
export function askToSubscribe(moment: keyof typeof SUBSCRIBE_MOMENTS): void {
  if (!IS_WEAPP || !templates) return
  const wanted = SUBSCRIBE_MOMENTS[moment] as readonly NotificationKind[]
  const byTemplate = new Map<string, NotificationKind>()
  for (const t of templates) if (wanted.includes(t.kind) && !byTemplate.has(t.templateId)) byTemplate.set(t.templateId, t.kind)
  const tmplIds = [...byTemplate.keys()].slice(0, 3)
  if (!tmplIds.length) return
  Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then((res) => {
      const answers = res as unknown as Record<string, string>
      return Promise.all(
        tmplIds.filter((id) => answers[id] === 'accept').map((id) => api.notifications.subscribe({ templateKind: byTemplate.get(id)!, accepted: true })),
      )
    })
    .catch(() => undefined) // refused, banned or unsupported: the inbox still gets every message
}
