import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'
import './QrCode.scss'

/**
 * Renders a QR code entirely in JavaScript (qrcode-generator → GIF data URL) so the same code runs
 * on weapp and H5: no canvas, no DOM, no platform-specific drawing API.
 */
export function qrDataUrl(text: string, cellSize = 8, margin = 4): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cellSize, margin)
}

export function QrCode({ value, size = 480, dimmed = false }: { value: string; size?: number; dimmed?: boolean }) {
  const src = useMemo(() => (value ? qrDataUrl(value) : ''), [value])
  return (
    <View className={`xf-qr ${dimmed ? 'xf-qr--dimmed' : ''}`} style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }}>
      {src && <Image className='xf-qr__image' src={src} mode='aspectFit' />}
    </View>
  )
}
