import { Text, View } from '@tarojs/components'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { hasRole } from '@/services/session'
import { ActionTile } from '@/components/ActionTile'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { RoleGate } from './components/RoleGate'
import './staff.scss'

/** Staff home: the tools this user's roles open. */
export default function StaffHomePage() {
  return (
    <RoleGate roles={['station_staff', 'org_admin']}>
      {(me) => {
        const admin = hasRole(me, 'org_admin', 'super_admin')
        const stationRole = me.roles.find((r) => r.role === 'station_staff' && r.stationId)
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
              <ActionTile glyph='核' title='核销兑换' subtitle='扫骑手的兑换码' onClick={() => go(ROUTES.staffFulfil)} />
              {stationRole ? (
                <ActionTile glyph='签' title='驿站签到码' subtitle='张贴或出示' color='#F08A24' onClick={() => go(ROUTES.staffStationQr, { stationId: stationRole.stationId })} />
              ) : (
                admin && <ActionTile glyph='签' title='驿站签到码' subtitle='在驿站详情里出示' color='#F08A24' onClick={() => go(ROUTES.stations)} />
              )}
              {stationRole ? (
                <ActionTile glyph='状' title='实时状态' subtitle='暂停·提示·骑手反馈' color='#C0392B' onClick={() => go(ROUTES.staffStationLive, { stationId: stationRole.stationId })} />
              ) : null}
              {admin && <ActionTile glyph='助' title='骑手求助' subtitle='认领·办结' color='#C0392B' onClick={() => go(ROUTES.staffHelp)} />}
              <ActionTile glyph='活' title='活动签到' subtitle='动态二维码' color='#2E86DE' onClick={() => go(ROUTES.staffActivities)} />
              {admin && <ActionTile glyph='会' title='沟通会' subtitle='创建并出示入会码' color='#16A085' onClick={() => go(ROUTES.staffMeetings)} />}
              {admin && <ActionTile glyph='审' title='入会审核' subtitle='当天审核' color='#8E6C8A' onClick={() => go(ROUTES.staffApplications)} />}
              {admin && <ActionTile glyph='拍' title='随手拍审核' subtitle='采纳发印章' color='#5C6BC0' onClick={() => go(ROUTES.staffReports)} />}
              {admin && <ActionTile glyph='数' title='数据看板' subtitle='每日统计' color='#37474F' onClick={() => go(ROUTES.staffDashboard)} />}
            </View>
          </Screen>
        )
      }}
    </RoleGate>
  )
}
