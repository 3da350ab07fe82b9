import { Text, View } from '@tarojs/components'
import type { Me } from '@xfqs/api-client'
import { api } from '@/services/api'
import { go } from '@/services/navigation'
import { hasRole } from '@/services/session'
import { useLoader } from '@/services/use-loader'
import { ActionTile } from '@/components/ActionTile'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { RoleGate } from './components/RoleGate'
import { staffTools } from './tools'
import './staff.scss'

/** How many are waiting, as a tile badge: `3 待审`, `50+ 待审`, nothing at zero. */
function waiting(page: { items: unknown[]; nextCursor?: string | null } | undefined): string | undefined {
  if (!page || page.items.length === 0) return undefined
  return `${page.items.length}${page.nextCursor ? '+' : ''} 待审`
}

/** Pending applications and reports for an admin's tiles (none fetched for station staff). */
function usePendingCounts(admin: boolean) {
  return useLoader(async () => {
    if (!admin) return {}
    const [applications, reports] = await Promise.all([
      api.membership.applications({ status: 'pending', limit: 50 }),
      api.reports.list({ status: 'pending', limit: 50 }),
    ])
    return { applications: waiting(applications), reports: waiting(reports) }
  }, [admin])
}

/**
 * Staff home: only the tools this user's roles may use (staffTools), the ones used most first
 * (show a QR, scan), with what is waiting for review counted on its tile.
 */
export default function StaffHomePage() {
  return <RoleGate roles={['station_staff', 'org_admin']}>{(me) => <StaffHome me={me} />}</RoleGate>
}

function StaffHome({ me }: { me: Me }) {
  const admin = hasRole(me, 'org_admin', 'super_admin')
  const counts = usePendingCounts(admin).data ?? {}
  const tools = staffTools(me)
  return (
    <Screen>
      <Card>
        <Text className='hint'>
          {me.roles
            .filter((r) => r.role !== 'rider')
            .map((r) => (r.orgName ? `${r.orgName}` : r.stationName ?? ''))
            .filter(Boolean)
            .join('、') || '工作人员'}
          ，辛苦了！
        </Text>
      </Card>
      <View className='staff__tiles'>
        {tools.map((tool) => (
          <ActionTile
            key={tool.key}
            glyph={tool.glyph}
            title={tool.title}
            subtitle={tool.subtitle}
            color={tool.color}
            badge={tool.key === 'applications' ? counts.applications : tool.key === 'reports' ? counts.reports : undefined}
            onClick={() => go(tool.path, tool.params)}
          />
        ))}
      </View>
    </Screen>
  )
}
