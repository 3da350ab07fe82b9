import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { describeError, type ErrorOverrides } from '@/services/errors'
import { Button } from './nut'
import './StateView.scss'

interface Props {
  loading?: boolean
  error?: unknown
  /** Show the empty state instead of children. */
  empty?: boolean
  emptyText?: string
  emptyAction?: ReactNode
  onRetry?: () => void
  errorOverrides?: ErrorOverrides
  children?: ReactNode
}

/** Loading, error (with retry) and empty states, so every screen handles all three the same way. */
export function StateView({ loading, error, empty, emptyText = '这里还没有内容', emptyAction, onRetry, errorOverrides, children }: Props) {
  if (error && !loading) {
    return (
      <View className='xf-state'>
        <View className='xf-state__icon xf-state__icon--error'>!</View>
        <Text className='xf-state__text'>{describeError(error, errorOverrides)}</Text>
        {onRetry && (
          <Button type='primary' fill='outline' className='xf-state__button' onClick={onRetry}>
            重新加载
          </Button>
        )}
      </View>
    )
  }
  if (loading && !children) return <LoadingBlock />
  if (loading && empty) return <LoadingBlock />
  if (empty) {
    return (
      <View className='xf-state'>
        <View className='xf-state__icon'>空</View>
        <Text className='xf-state__text'>{emptyText}</Text>
        {emptyAction}
      </View>
    )
  }
  return <>{children}</>
}

export function LoadingBlock({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='xf-state'>
      <View className='xf-spinner' />
      <Text className='xf-state__text'>{text}</Text>
    </View>
  )
}
