import { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { preloadSubscribeTemplates, refreshUnreadBadge } from './services/notifications'
import { installOfflineScanSync } from './services/offline-scans'
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
    // scans kept without a network go out now and whenever the network comes back
    installOfflineScanSync()
  })
  // Coming back to the app: the unread badge on 我的, and the reminder templates for the weapp ask.
  useDidShow(() => {
    void refreshUnreadBadge()
    void preloadSubscribeTemplates()
  })
  return children
}

export default App
