import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ApiError, isApiError, toStoredTokens, type Me, type Role, type TokenPair } from '@xfqs/api-client'
import { api, client, onSessionExpired, tokenStore } from './api'
import { IS_WEAPP } from './platform'
import { ROUTES, toUrl } from './routes'

export interface SessionState {
  /** `unknown` until the first /me answers (or we know there is no session). */
  status: 'unknown' | 'signedOut' | 'signedIn'
  me: Me | null
  error: ApiError | null
}

let state: SessionState = { status: tokenStore.get() ? 'unknown' : 'signedOut', me: null, error: null }
const listeners = new Set<(s: SessionState) => void>()

function setState(next: Partial<SessionState>) {
  state = { ...state, ...next }
  listeners.forEach((l) => l(state))
}

export function getSession(): SessionState {
  return state
}

onSessionExpired(() => setState({ status: 'signedOut', me: null }))

/** Re-reads `/me` (roles, membership, stamp balance). */
export async function refreshMe(): Promise<Me | null> {
  if (!tokenStore.get()) {
    setState({ status: 'signedOut', me: null })
    return null
  }
  try {
    const me = await api.auth.me()
    setState({ status: 'signedIn', me, error: null })
    return me
  } catch (err) {
    const error = isApiError(err) ? err : new ApiError(0, 'NETWORK_ERROR', String(err))
    if (error.status === 401) setState({ status: 'signedOut', me: null, error })
    else setState({ error })
    throw error
  }
}

async function storePair(pair: TokenPair) {
  tokenStore.set(toStoredTokens(pair))
  return refreshMe()
}

/** weapp: `Taro.login` gives a 5-minute, one-use code that the server exchanges with WeChat. */
export async function signInWithWechat(): Promise<Me | null> {
  const { code } = await Taro.login()
  if (!code) throw new ApiError(0, 'UNAVAILABLE', '微信登录失败')
  return storePair(await api.auth.wechat({ code }))
}

/** Development sign-in as one of the demo users (H5 only, when the server has it on). */
export async function signInAsDemo(openid: string): Promise<Me | null> {
  return storePair(await api.auth.dev({ openid }))
}

/**
 * True when the server answers `/auth/dev` (400 for the empty body), false when it says the route
 * does not exist (404). Anything else — no network, the server down — is thrown, so the sign-in
 * page says the network failed instead of sending the rider to WeChat.
 */
export async function isDevLoginAvailable(): Promise<boolean> {
  try {
    await client.post('/auth/dev', {}, { auth: false })
    return true
  } catch (err) {
    if (isApiError(err) && err.status === 400) return true
    if (isApiError(err) && err.status === 404) return false
    throw err
  }
}

export async function signOut() {
  const refreshToken = tokenStore.get()?.refreshToken
  tokenStore.set(null)
  setState({ status: 'signedOut', me: null, error: null })
  if (refreshToken) await api.auth.logout({ refreshToken }).catch(() => undefined)
}

/**
 * Makes sure there is a session before a page that needs one loads its data. weapp signs in
 * silently with WeChat; H5 sends the user to the sign-in page and back. Returns false when the
 * caller should stop (the user is being redirected).
 */
export async function ensureSignedIn(): Promise<boolean> {
  if (tokenStore.get()) return true
  if (IS_WEAPP) {
    await signInWithWechat()
    return true
  }
  const page = Taro.getCurrentInstance().router
  // Taro's H5 router adds its own bookkeeping params (`$taroTimestamp`, `stamp`): leave them out.
  const params = Object.fromEntries(Object.entries(page?.params ?? {}).filter(([k]) => !k.startsWith('$taro') && k !== 'stamp'))
  const back = page ? toUrl(`/${page.path.replace(/^\//, '').split('?')[0]}`, params as Record<string, string>) : ROUTES.home
  Taro.redirectTo({ url: toUrl(ROUTES.login, { redirect: back }) })
  return false
}

export function hasRole(me: Me | null | undefined, ...roles: Role[]): boolean {
  return !!me?.roles.some((r) => roles.includes(r.role))
}

export function isStaff(me: Me | null | undefined): boolean {
  return hasRole(me, 'station_staff', 'org_admin', 'super_admin')
}

/** The session, re-rendering when it changes. */
export function useSession(): SessionState {
  const [current, setCurrent] = useState(state)
  useEffect(() => {
    listeners.add(setCurrent)
    setCurrent(state)
    return () => {
      listeners.delete(setCurrent)
    }
  }, [])
  return current
}
