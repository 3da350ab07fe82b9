import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { enableLocation, isRiderPosition, type RiderLocation } from '@/services/location'
import { Button } from './nut'
import './LocationNotice.scss'

/**
 * Says plainly that location is off (so no distance on screen is the rider's) and offers to turn
 * it on; `onEnabled` reloads the page's data once a fix arrives.
 */
export function LocationNotice({ location, onEnabled }: { location: RiderLocation | undefined; onEnabled: () => void }) {
  const [busy, setBusy] = useState(false)
  const [stillOff, setStillOff] = useState(false)
  if (!location || isRiderPosition(location)) return null
  const enable = async () => {
    setBusy(true)
    const fresh = await enableLocation()
    setBusy(false)
    if (isRiderPosition(fresh)) onEnabled()
    else setStillOff(true)
  }
  return (
    <View className='xf-location-off'>
      <View className='xf-location-off__text'>
        <Text className='xf-location-off__title'>定位未开启</Text>
        <Text className='xf-location-off__body'>
          {stillOff ? '仍未获得位置：请在浏览器或微信的设置里允许“先锋骑士”使用位置。' : '开启后才能按离您的距离排序、显示骑行时间。'}
        </Text>
      </View>
      <Button size='small' type='primary' loading={busy} onClick={enable}>
        开启定位
      </Button>
    </View>
  )
}
