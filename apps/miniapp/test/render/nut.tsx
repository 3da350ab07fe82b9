/** NutUI's Button as a plain button for render tests (NutUI itself needs Taro's runtime). */
import { createElement, type ReactNode } from 'react'

export function Button({ children, onClick, className }: { children?: ReactNode; onClick?: () => void; className?: string }) {
  return createElement('button', { onClick, className }, children)
}
