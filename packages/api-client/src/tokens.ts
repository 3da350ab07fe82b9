/** Where the client keeps the session. The app persists it with Taro storage; tests keep it in memory. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires (informational; a 401 is what triggers a refresh). */
  accessExpiresAt?: number;
}

export interface TokenStore {
  get(): StoredTokens | null;
  set(tokens: StoredTokens | null): void;
}

export function memoryTokenStore(initial: StoredTokens | null = null): TokenStore {
  let current = initial;
  return {
    get: () => current,
    set: (tokens) => {
      current = tokens;
    },
  };
}

/** Converts a `TokenPair` response into what the store keeps. */
export function toStoredTokens(pair: { accessToken: string; refreshToken: string; expiresIn: number }, now = Date.now()): StoredTokens {
  return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: now + pair.expiresIn * 1000 };
}
