import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './Card.scss'

interface Props {
  title?: ReactNode
  extra?: ReactNode
  onExtraClick?: () => void
  children?: ReactNode
  className?: string
  onClick?: () => void
}

/** A white rounded section with an optional title row. */
export function Card({ title, extra, onExtraClick, children, className = '', onClick }: Props) {
  return (
    <View className={`xf-card ${className}`} onClick={onClick}>
      {(title || extra) && (
        <View className='xf-card__head'>
          <Text className='xf-card__title'>{title}</Text>
          {extra && (
            <Text className='xf-card__extra' onClick={onExtraClick}>
              {extra}
            </Text>
          )}
        </View>
      )}
      {children}
    </View>
  )
}
