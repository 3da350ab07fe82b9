/**
 * The NutUI components the app uses, each with only its own stylesheet (the full sheet is 233 KB).
 * Import NutUI from here, never from the package root.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css'

import { createElement, forwardRef } from 'react'
import NutButton from '@nutui/nutui-react-taro/dist/es/packages/button/index'

/**
 * NutUI's Button, telling assistive technology when it cannot be pressed: NutUI keeps `disabled`
 * (and `loading`) to itself and only greys the button, so a screen reader would announce a button
 * that does nothing, and axe would hold its greyed colours (app.scss) to the contrast of an active one.
 */
type ButtonProps = Parameters<typeof NutButton>[0]
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(props, ref) {
  const inactive = Boolean(props.disabled || props.loading)
  return createElement(NutButton, { ...props, ref, 'aria-disabled': inactive ? 'true' : undefined } as ButtonProps)
})
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input/index'
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea/index'
export { default as Checkbox } from '@nutui/nutui-react-taro/dist/es/packages/checkbox/index'
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog/index'
export { default as Progress } from '@nutui/nutui-react-taro/dist/es/packages/progress/index'
