/**
 * Taro's host components as plain DOM elements, so components render under jsdom in tests. Only the
 * props the app's components use are passed through (className, style, onClick, src, children).
 */
import { createElement, type ReactNode } from 'react'

interface HostProps {
  className?: string
  style?: object
  onClick?: () => void
  src?: string
  children?: ReactNode
  [prop: string]: unknown
}

const host = (tag: string) =>
  function Host({ className, style, onClick, src, children }: HostProps) {
    return createElement(tag, { className, style, onClick, ...(src !== undefined ? { src } : {}) }, children)
  }

export const View = host('div')
export const Text = host('span')
export const Image = host('img')
export const Button = host('button')
export const ScrollView = host('div')
