import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Me, Role } from '@xfqs/api-client'
import { hasRole, useSession } from '@/services/session'
import { useSignedIn } from '@/services/use-session-guard'
import { Screen } from '@/components/Screen'
import { LoadingBlock } from '@/components/StateView'

/** Renders its children only for users holding one of `roles` (super_admin always passes). */
export function RoleGate({ roles, children }: { roles: Role[]; children: (me: Me) => ReactNode }) {
  const guard = useSignedIn()
  const { me, status } = useSession()
  if (guard.error) return <Screen><Text className='error-text'>{guard.error}</Text></Screen>
  if (!guard.ready || (status === 'unknown' && !me)) return <Screen><LoadingBlock /></Screen>
  if (!me || !hasRole(me, ...roles, 'super_admin')) {
    return (
      <Screen>
        <Text className='hint'>这里是工会工作人员的工作台，您的账号还没有开通相应权限。如需开通，请联系所在街道总工会。</Text>
      </Screen>
    )
  }
  return <>{children(me)}</>
}
