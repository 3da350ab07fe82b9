import { View, Text } from '@tarojs/components'
import { parseScanContent } from '@xfqs/domain'
import { api } from '@/services/api'
import { useParam } from '@/services/entry'
import { openableLink, qrContentFor } from '@/services/links'
import { useLoader } from '@/services/use-loader'
import { QrCode } from '@/components/QrCode'
import { StateView } from '@/components/StateView'
import { RoleGate } from '../components/RoleGate'
import { SaveQr } from '../components/SaveQr'
import { Button } from '@/components/nut'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { Screen } from '@/components/Screen'
import { hasRole } from '@/services/session'
import '../staff.scss'

/** The station's check-in QR, to show on a phone or print and post at the door. */
export default function StationQrPage() {
  const stationId = useParam('stationId')
  return (
    <RoleGate roles={['station_staff', 'org_admin']}>
      {(me) => {
        const id = stationId ?? me.roles.find((r) => r.stationId)?.stationId
        return id ? <StationQr stationId={id} /> : <NoStation admin={hasRole(me, 'org_admin', 'super_admin')} />
      }}
    </RoleGate>
  )
}

/**
 * Opened without a station (an admin's link, or a staff member not yet bound to one): say what
 * this page is for and where to go, on the usual light page, not an error on the red QR page.
 */
function NoStation({ admin }: { admin: boolean }) {
  return (
    <Screen>
      <View className='staff__empty'>
        <Text className='staff__empty-title'>请先选择驿站</Text>
        <Text className='hint'>
          {admin
            ? '驿站签到码属于某一个驿站。请在驿站列表里打开要出示的驿站，在驿站详情里出示或打印它的签到码。'
            : '您的账号还没有绑定驿站，所以这里没有签到码可以出示。请联系所在街道总工会为您开通驿站工作人员权限。'}
        </Text>
        {admin && (
          <Button type='primary' size='large' block className='gap-top' onClick={() => go(ROUTES.stations)}>
            去驿站列表
          </Button>
        )}
      </View>
    </Screen>
  )
}

function StationQr({ stationId }: { stationId: string }) {
  const loader = useLoader(async () => {
    const [code, station] = await Promise.all([api.stations.checkinCode(stationId), api.stations.get(stationId)])
    // Prefer the server's link (made openable by a phone camera on H5); if it is not one our parser
    // understands, build our own from the code.
    const fromUrl = parseScanContent(code.url)
    const content = fromUrl.kind === 'station' ? openableLink(code.url) : qrContentFor({ kind: 'station', stationId, code: code.code })
    return { content, station }
  }, [stationId])
  return (
    <View className='staff__qr-page'>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} errorOverrides={{ NOT_FOUND: '没有找到驿站，请从工作台进入。' }}>
        {loader.data && (
          <>
            <Text className='staff__qr-title'>{loader.data.station.name}</Text>
            <Text className='staff__qr-tip'>骑手扫码签到</Text>
            <View className='staff__qr-box'>
              <QrCode value={loader.data.content} size={600} />
            </View>
            <Text className='staff__qr-tip'>请打印张贴在驿站门口。骑手用“先锋骑士”扫一扫即可签到，4 小时内重复签到只算一次。</Text>
            <SaveQr content={loader.data.content} name={`驿站签到码-${loader.data.station.name}`} />
          </>
        )}
      </StateView>
    </View>
  )
}
