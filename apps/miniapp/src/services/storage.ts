import Taro from '@tarojs/taro'
import type { StoredTokens, TokenStore } from '@xfqs/api-client'

const TOKENS_KEY = 'xfqs.tokens'

/** The session kept across launches with `Taro.setStorageSync` (localStorage on H5). */
export function persistentTokenStore(): TokenStore {
  let cached: StoredTokens | null | undefined
  return {
    get() {
      if (cached === undefined) {
        try {
          const value = Taro.getStorageSync(TOKENS_KEY)
          cached = value && typeof value === 'object' && value.accessToken ? (value as StoredTokens) : null
        } catch {
          cached = null
        }
      }
      return cached
    },
    set(tokens) {
      cached = tokens
      try {
        if (tokens) Taro.setStorageSync(TOKENS_KEY, tokens)
        else Taro.removeStorageSync(TOKENS_KEY)
      } catch {
        // Storage full or unavailable: the session still lives in memory for this launch.
      }
    },
  }
}
