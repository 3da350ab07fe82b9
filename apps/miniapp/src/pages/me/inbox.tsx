import { View, Text, Switch } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Notification } from '@xfqs/api-client'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { formatDateTime } from '@/services/format'
import { go } from '@/services/navigation'
import { refreshUnreadBadge } from '@/services/notifications'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './inbox.scss'

const PAGE = 20

/** 消息: every notification of the rider, newest first, whether or not WeChat delivered it. */
export default function InboxPage() {
  const [more, setMore] = useState<Notification[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [readIds, setReadIds] = useState<Set<string>>(new Set())
  const [error, setError] = useState<string>()
  const loader = useSignedInLoader(
    async () => {
      const page = await api.notifications.list({ limit: PAGE })
      setMore([])
      setCursor(page.nextCursor)
      setReadIds(new Set())
      void refreshUnreadBadge()
      return page
    },
    [],
    { reloadOnShow: true },
  )
  const [activitySoon, setActivitySoon] = useState<boolean>()
  useEffect(() => {
    if (loader.data) api.notifications.settings().then((s) => setActivitySoon(s.activitySoon)).catch(() => undefined)
  }, [loader.data])
  const toggleActivitySoon = async (on: boolean) => {
    setActivitySoon(on)
    try {
      setActivitySoon((await api.notifications.saveSettings({ activitySoon: on })).activitySoon)
    } catch (err) {
      setActivitySoon(!on)
      setError(describeError(err))
    }
  }
  const items = [...(loader.data?.items ?? []), ...more]
  const isRead = (n: Notification) => Boolean(n.readAt) || readIds.has(n.id)
  const unread = items.filter((n) => !isRead(n)).length

  const loadMore = async () => {
    if (!cursor) return
    try {
      const page = await api.notifications.list({ limit: PAGE, cursor })
      setMore([...more, ...page.items])
      setCursor(page.nextCursor)
    } catch (err) {
      setError(describeError(err))
    }
  }

  const markRead = async (ids: string[] | 'all') => {
    try {
      await api.notifications.read(ids === 'all' ? { all: true } : { ids })
      setReadIds(new Set([...readIds, ...(ids === 'all' ? items.map((n) => n.id) : ids)]))
      void refreshUnreadBadge()
    } catch (err) {
      setError(describeError(err))
    }
  }

  const open = (n: Notification) => {
    if (!isRead(n)) void markRead([n.id])
    if (n.link) {
      const [path, query = ''] = n.link.split('?')
      go(path, Object.fromEntries(query.split('&').filter(Boolean).map((kv) => kv.split('=').map(decodeURIComponent))))
    }
  }

  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={!!loader.data && items.length === 0} emptyText='还没有消息。审核结果、兑换和活动提醒会出现在这里'>
        {unread > 0 && (
          <View className='row inbox__bar'>
            <Text className='muted'>{unread} 条未读</Text>
            <View className='spacer' />
            <Text className='inbox__all' onClick={() => markRead('all')}>
              全部已读
            </Text>
          </View>
        )}
        <Card>
          {items.map((n) => (
            <View key={n.id} className={`inbox-item ${isRead(n) ? '' : 'inbox-item--unread'}`} onClick={() => open(n)}>
              <View className='row'>
                {!isRead(n) && <View className='inbox-item__dot' />}
                <Text className='inbox-item__title'>{n.title}</Text>
                <View className='spacer' />
                <Text className='muted inbox-item__time'>{formatDateTime(n.createdAt)}</Text>
              </View>
              <Text className='inbox-item__body'>{n.body}</Text>
              {n.link && <Text className='inbox-item__link'>查看 ›</Text>}
            </View>
          ))}
        </Card>
        {error && <Text className='error-text'>{error}</Text>}
        {cursor && (
          <Button block className='gap-top' onClick={loadMore}>
            加载更多
          </Button>
        )}
      </StateView>
      {activitySoon !== undefined && (
        <Card>
          <View className='row'>
            <View>
              <Text className='inbox-setting__title'>活动开始提醒</Text>
              <Text className='muted inbox-setting__hint'>我所在工会的活动开始前 1 小时提醒我</Text>
            </View>
            <View className='spacer' />
            <Switch checked={activitySoon} color='#D7000F' onChange={(e) => toggleActivitySoon(e.detail.value)} />
          </View>
        </Card>
      )}
    </Screen>
  )
}
