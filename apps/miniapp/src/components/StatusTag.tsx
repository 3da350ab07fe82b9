import { Text } from '@tarojs/components'
import type { Tone } from '@/services/labels'
import './StatusTag.scss'

/** A small coloured pill: 待审核, 已通过, 营业中 … */
export function StatusTag({ tone, children }: { tone: Tone; children: string }) {
  return <Text className={`xf-tag xf-tag--${tone}`}>{children}</Text>
}
