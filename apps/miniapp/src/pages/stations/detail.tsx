import { View, Text } from '@tarojs/components'
import { ApiError } from '@xfqs/api-client'
import { formatDistance, formatRidingTime } from '@xfqs/domain'
import { api } from '@/services/api'
import { useParam } from '@/services/entry'
import { formatHours } from '@/services/format'
import { STATION_KIND_NAMES } from '@/services/labels'
import { getRiderLocation, isRiderPosition } from '@/services/location'
import { callStation, openInMaps } from '@/services/station-actions'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { scanAndOpen } from '@/services/scanner'
import { isStaff, useSession } from '@/services/session'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { ServiceIcon } from '@/components/ServiceIcon'
import { StateView } from '@/components/StateView'
import { StationConfirmations, StationLiveLines } from '@/components/StationLive'
import { StationStatusLine } from '@/components/StationStatusLine'
import { Button } from '@/components/nut'
import './index.scss'

/** One station: services, hours, call, navigate, check in, and the gifts it stocks. */
export default function StationDetailPage() {
  const id = useParam('id')
  const loader = useLoader(async () => {
    if (!id) throw new ApiError(404, 'NOT_FOUND', 'no station id')
    const location = await getRiderLocation()
    // Without the rider's own position there is no distance worth showing (not the district centre's).
    const [station, rewards] = await Promise.all([api.stations.get(id, isRiderPosition(location) ? location.point : undefined), api.rewards.list(id).catch(() => ({ items: [] }))])
    return { station, rewards: rewards.items }
  }, [id])

  const station = loader.data?.station
  const { me } = useSession()

  const navigate = () => station && openInMaps(station)
  const call = () => station?.phone && callStation(station.phone)

  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} errorOverrides={{ NOT_FOUND: '没有找到这个驿站，可能已经关闭。' }}>
        {station && (
          <>
            <Card>
              <View className='station-detail__head'>
                <Text className='station-detail__name'>{station.name}</Text>
                <StationStatusLine station={station} />
                <Text className='muted station-detail__sub'>
                  {STATION_KIND_NAMES[station.kind]}
                  {station.distanceM !== undefined ? ` · 距您 ${formatDistance(station.distanceM)} · ${formatRidingTime(station.distanceM)}` : ''}
                </Text>
                <StationLiveLines station={station} />
              </View>
              <View className='station-detail__line'>
                <Text className='station-detail__label'>地址</Text>
                <Text>{station.address}</Text>
              </View>
              <View className='station-detail__line'>
                <Text className='station-detail__label'>开放</Text>
                <Text>{formatHours(station.hours)}</Text>
              </View>
              {station.phone && (
                <View className='station-detail__line'>
                  <Text className='station-detail__label'>电话</Text>
                  <Text>{station.phone}</Text>
                </View>
              )}
            </Card>
            <View className='station-detail__actions'>
              <Button type='primary' className='station-detail__action' onClick={navigate}>
                导航
              </Button>
              {station.phone && (
                <Button className='station-detail__action' onClick={call}>
                  打电话
                </Button>
              )}
            </View>
            <Card title='提供的服务'>
              <View className='station-detail__services'>
                {station.services.map((s) => (
                  <ServiceIcon key={s} service={s} withName />
                ))}
              </View>
            </Card>
            {(station.confirmations?.length ?? 0) > 0 && (
              <Card title='骑手最新反馈'>
                <StationConfirmations items={station.confirmations!} />
              </Card>
            )}
            {loader.data!.rewards.length > 0 && (
              <Card title='可兑换礼品'>
                {loader.data!.rewards.map((r) => (
                  <View key={r.id} className='station-detail__line'>
                    <Text style={{ flex: 1 }}>{r.name}</Text>
                    <Text className='muted'>
                      {r.cost} 枚印章 · {r.stock > 0 ? `剩 ${r.stock} 件` : '已兑完'}
                    </Text>
                  </View>
                ))}
              </Card>
            )}
            <Button size='large' block onClick={scanAndOpen}>
              到站签到：扫门口的签到码
            </Button>
            {isStaff(me) && (
              <Button size='large' block fill='none' className='big-button' onClick={() => go(ROUTES.staffStationQr, { stationId: station.id })}>
                工作人员：出示本站签到码
              </Button>
            )}
            {isStaff(me) && (
              <Button size='large' block fill='none' className='big-button' onClick={() => go(ROUTES.staffStationLive, { stationId: station.id })}>
                工作人员：设置实时状态
              </Button>
            )}
          </>
        )}
      </StateView>
    </Screen>
  )
}
