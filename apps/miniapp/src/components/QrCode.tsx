import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { qrDataUrl } from '@/services/qr'
import { useMemo } from 'react'
import './QrCode.scss'

/** A QR code image (see services/qr.ts); `dimmed` greys it out once the code has expired. */
export function QrCode({ value, size = 480, dimmed = false }: { value: string; size?: number; dimmed?: boolean }) {
  const src = useMemo(() => (value ? qrDataUrl(value) : ''), [value])
  return (
    <View className={`xf-qr ${dimmed ? 'xf-qr--dimmed' : ''}`} style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }}>
      {src && <Image className='xf-qr__image' src={src} mode='scaleToFill' nativeProps={{ alt: '二维码' }} />}
    </View>
  )
}
