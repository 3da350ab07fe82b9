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

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index'
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input/index'
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea/index'
export { default as Checkbox } from '@nutui/nutui-react-taro/dist/es/packages/checkbox/index'
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog/index'
export { default as Progress } from '@nutui/nutui-react-taro/dist/es/packages/progress/index'
