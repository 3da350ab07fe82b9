import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { PrivacyPopup } from './PrivacyPopup'

/** The frame of every page: padding, background and the WeChat privacy sheet. */
export function Screen({ children, className = '' }: { children?: ReactNode; className?: string }) {
  return (
    <View className={`page ${className}`}>
      {children}
      <PrivacyPopup />
    </View>
  )
}
