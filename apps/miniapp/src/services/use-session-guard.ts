import { useEffect, useState } from 'react'
import { describeError } from './errors'
import { ensureSignedIn } from './session'

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
