import { View, Text } from '@tarojs/components'
import { ApiError } from '@xfqs/api-client'
import { parseScanContent } from '@xfqs/domain'
import { api } from '@/services/api'
import { useParam } from '@/services/entry'
import { openableLink, qrContentFor } from '@/services/links'
import { useLoader } from '@/services/use-loader'
import { QrCode } from '@/components/QrCode'
import { StateView } from '@/components/StateView'
import { RoleGate } from '../components/RoleGate'
import '../staff.scss'

/** The station's check-in QR, to show on a phone or print and post at the door. */
export default function StationQrPage() {
  const stationId = useParam('stationId')
  return (
    <RoleGate roles={['station_staff', 'org_admin']}>
      {(me) => <StationQr stationId={stationId ?? me.roles.find((r) => r.stationId)?.stationId} />}
    </RoleGate>
  )
}

function StationQr({ stationId }: { stationId?: string }) {
  const loader = useLoader(async () => {
    if (!stationId) throw new ApiError(404, 'NOT_FOUND', 'no station')
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
            <Text className='staff__qr-link'>{loader.data.content}</Text>
          </>
        )}
      </StateView>
    </View>
  )
}
