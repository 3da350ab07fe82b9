import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Card } from '@/components/Card'

/**
 * The big answer after staff scan a rider's code (a redemption, a member card): a green tick or a
 * red mark, a title readable at arm's length, and what to do next.
 */
export function ScanResult({ ok, title, children }: { ok: boolean; title: string; children: ReactNode }) {
  return (
    <Card>
      <View className='staff__result'>
        <View className='staff__result-icon' style={{ background: ok ? '#1f9d55' : '#d7000f' }}>
          {ok ? '✓' : '!'}
        </View>
        <Text className='staff__result-title'>{title}</Text>
        {children}
      </View>
    </Card>
  )
}
