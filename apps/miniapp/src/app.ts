import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { installPrivacyHandler } from './services/privacy'
import { refreshMe } from './services/session'
import { tokenStore } from './services/api'
import { makePagesKeyboardScrollable } from './services/page-focus'
import { IS_H5 } from './services/platform'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installPrivacyHandler()
    if (IS_H5) makePagesKeyboardScrollable()
    // A stored session: load roles, membership and stamps in the background.
    if (tokenStore.get()) refreshMe().catch(() => undefined)
  })
  return children
}

export default App
