import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { describeError } from '@/services/errors'
import { useParam } from '@/services/entry'
import { DEV_LOGIN_MODE, IS_WEAPP } from '@/services/platform'
import { ROUTES, TAB_PAGES } from '@/services/routes'
import { isDevLoginAvailable, signInAsDemo, signInWithWechat } from '@/services/session'
import { Screen } from '@/components/Screen'
import { LoadingBlock, StateView } from '@/components/StateView'
import { Button, Input } from '@/components/nut'
import './index.scss'

const DEMO_USERS = [
  { openid: 'demo-rider', name: '骑手小王', role: '骑手：入会、集章、找驿站' },
  { openid: 'demo-staff', name: '驿站管理员小李', role: '驿站工作人员：核销兑换、签到码' },
  { openid: 'demo-admin', name: '卢沟桥街道工会', role: '工会管理员：审核、活动、统计' },
  { openid: 'demo-super', name: '系统管理员', role: '全部权限' },
]

export default function LoginPage() {
  const redirect = useParam('redirect')
  const [devAvailable, setDevAvailable] = useState<boolean | null>(IS_WEAPP ? false : null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string>()
  const [otherId, setOtherId] = useState('')
  const [probeError, setProbeError] = useState<unknown>()

  const probe = () => {
    if (IS_WEAPP) return
    if (DEV_LOGIN_MODE === 'off') return setDevAvailable(false)
    setDevAvailable(null)
    setProbeError(undefined)
    isDevLoginAvailable().then(setDevAvailable, setProbeError)
  }
  useEffect(probe, [])

  const finish = () => {
    const target = redirect && redirect.startsWith('/') ? redirect : ROUTES.home
    const path = target.split('?')[0]
    if (TAB_PAGES.includes(path)) Taro.switchTab({ url: path })
    else Taro.redirectTo({ url: target })
  }

  const run = async (key: string, signIn: () => Promise<unknown>) => {
    setBusy(key)
    setError(undefined)
    try {
      await signIn()
      finish()
    } catch (err) {
      setError(describeError(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Screen className='login'>
      <View className='login__brand'>
        <View className='login__logo'>先锋</View>
        <Text className='login__title'>先锋骑士</Text>
        <Text className='login__subtitle'>骑手的工会之家 · 入会 · 集章 · 找驿站</Text>
      </View>

      {IS_WEAPP && (
        <Button type='primary' size='large' block loading={busy === 'wechat'} onClick={() => run('wechat', signInWithWechat)}>
          微信一键登录
        </Button>
      )}

      {!IS_WEAPP && devAvailable === null && (probeError ? <StateView error={probeError} onRetry={probe} /> : <LoadingBlock text='正在连接服务…' />)}

      {!IS_WEAPP && devAvailable && (
        <View className='login__demo'>
          <Text className='login__demo-title'>选择演示账号（开发环境）</Text>
          {DEMO_USERS.map((u) => (
            <View key={u.openid} className={`login__user ${busy === u.openid ? 'login__user--busy' : ''}`} onClick={() => !busy && run(u.openid, () => signInAsDemo(u.openid))}>
              <View className='login__avatar'>{u.name.slice(0, 1)}</View>
              <View>
                <Text className='login__user-name'>{u.name}</Text>
                <Text className='login__user-role'>{u.role}</Text>
              </View>
              <View className='spacer' />
              <Text className='login__go'>{busy === u.openid ? '登录中…' : '登录 ›'}</Text>
            </View>
          ))}
          <View className='login__other'>
            <Text className='login__demo-title'>或用其他演示账号（每个账号是一位新骑手）</Text>
            <View className='login__other-row'>
              <View className='login__other-input'>
                <Input value={otherId} onChange={(v: string) => setOtherId(v)} placeholder='账号，例如 rider-001' maxLength={64} clearable />
              </View>
              <Button type='primary' disabled={!otherId.trim() || !!busy} loading={busy === 'other'} onClick={() => run('other', () => signInAsDemo(otherId.trim()))}>
                登录
              </Button>
            </View>
          </View>
        </View>
      )}

      {!IS_WEAPP && devAvailable === false && (
        <View className='notice'>请在微信中打开“先锋骑士”小程序登录。网页版仅供演示环境使用。</View>
      )}

      {error && <Text className='error-text login__error'>{error}</Text>}

      <Text className='muted login__privacy' onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>
        登录即表示您已阅读并同意《先锋骑士隐私保护指引》
      </Text>
    </Screen>
  )
}
