import { View, Text } from '@tarojs/components'
import type { Me } from '@xfqs/api-client'
import { describeError } from '@/services/errors'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { refreshMe, type SessionState } from '@/services/session'
import { stampCards, stampCardsLine } from '@/services/stamp-cards'
import { Progress } from '@/components/nut'

/**
 * The stamp progress on home. It shows numbers only when it has them: while `/me` is loading it
 * says so, when it failed it says why with 重试 (never a made-up 0/10), signed out it invites to sign in.
 */
export function StampProgress({ session }: { session: SessionState }) {
  const me: Me | null = session.me
  if (!me) {
    const failed = session.status !== 'signedOut' && session.error
    return (
      <View className='home__progress home__progress--empty'>
        <Text className='home__progress-label'>先锋骑士印章</Text>
        {session.status === 'signedOut' ? (
          <Text className='home__progress-tip' onClick={() => go(ROUTES.login)}>
            登录后开始集章 ›
          </Text>
        ) : failed ? (
          <View className='row home__progress-error'>
            <Text className='home__progress-tip'>{describeError(session.error)}</Text>
            <View className='spacer' />
            <Text className='home__retry' onClick={() => refreshMe().catch(() => undefined)}>
              重试
            </Text>
          </View>
        ) : (
          <Text className='home__progress-tip'>正在读取印章…</Text>
        )}
      </View>
    )
  }
  const { balance, goal } = me.stamps
  const cards = stampCards(balance, goal)
  return (
    <View className='home__progress' onClick={() => go(ROUTES.stamps)}>
      <View className='row'>
        <Text className='home__progress-label'>先锋骑士印章{cards.full > 0 ? ` · 第 ${cards.cardNo} 张` : ''}</Text>
        <View className='spacer' />
        {cards.full > 0 && <Text className='home__progress-full'>集满 {cards.full} 张</Text>}
        <Text className='home__progress-count'>
          {cards.current}/{goal}
        </Text>
      </View>
      <Progress percent={(cards.current / Math.max(1, goal)) * 100} strokeWidth='10' color='#F5B400' background='rgba(255,255,255,0.35)' />
      <Text className='home__progress-tip'>{stampCardsLine(balance, goal)}</Text>
    </View>
  )
}
