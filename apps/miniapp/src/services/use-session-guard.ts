import { useEffect, useState } from 'react'
import { describeError } from './errors'
import { ensureSignedIn } from './session'
import { useLoader, type Loader } from './use-loader'

/**
 * For pages that need a signed-in rider: signs in silently on weapp, sends H5 users to the
 * sign-in page. `ready` turns true once API calls can be made.
 */
export function useSignedIn(): { ready: boolean; error?: string } {
  const [state, setState] = useState<{ ready: boolean; error?: string }>({ ready: false })
  useEffect(() => {
    ensureSignedIn().then(
      (ok) => ok && setState({ ready: true }),
      (err) => setState({ ready: false, error: describeError(err) }),
    )
  }, [])
  return state
}

/**
 * `useLoader` for pages that need a signed-in rider: loads once sign-in is done, and its `loading`
 * and `error` cover the sign-in as well, so a page hands one loader to its StateView.
 */
export function useSignedInLoader<T>(load: () => Promise<T>, deps: unknown[] = [], options: { reloadOnShow?: boolean } = {}): Loader<T> {
  const session = useSignedIn()
  const loader = useLoader(() => (session.ready ? load() : Promise.resolve(undefined as T)), [session.ready, ...deps], options)
  return { ...loader, loading: loader.loading || !session.ready, error: session.error ?? loader.error }
}
