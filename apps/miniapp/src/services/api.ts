import Taro from '@tarojs/taro'
import { createApiClient, createEndpoints, createFetchTransport, createTaroTransport, type TaroNetworkApi } from '@xfqs/api-client'
import { API_BASE, IS_H5 } from './platform'
import { persistentTokenStore } from './storage'

export const tokenStore = persistentTokenStore()

const sessionExpiredListeners = new Set<() => void>()
export function onSessionExpired(listener: () => void) {
  sessionExpiredListeners.add(listener)
  return () => sessionExpiredListeners.delete(listener)
}

/** The one API client of the app: fetch on H5, Taro.request/uploadFile on weapp. */
export const client = createApiClient({
  baseUrl: API_BASE,
  transport: IS_H5 ? createFetchTransport() : createTaroTransport(Taro as unknown as TaroNetworkApi),
  tokens: tokenStore,
  onSessionExpired: () => sessionExpiredListeners.forEach((l) => l()),
})

export const api = createEndpoints(client)
