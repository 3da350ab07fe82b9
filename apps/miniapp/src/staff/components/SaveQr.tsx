import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { qrDataUrl } from '@/services/qr'
import { IS_H5 } from '@/services/platform'
import { Button } from '@/components/nut'

/** A file name people recognise in their downloads or album: `先锋骑士-<what>.gif`. */
const fileName = (name: string) => `先锋骑士-${name.replace(/[\\/:*?"<>|\s]+/g, '')}`

/** H5: downloads the image (the server's PNG when there is one, else the QR drawn here). */
function download(image: string, name: string) {
  const link = document.createElement('a')
  link.href = image
  link.download = `${fileName(name)}.${image.startsWith('data:image/gif') ? 'gif' : 'png'}`
  document.body.appendChild(link)
  link.click()
  link.remove()
}

/** weapp: writes the image to a file and saves it to the album (WeChat asks for the permission). */
async function saveToAlbum(image: string, name: string) {
  const [, base64 = ''] = image.split(',')
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName(name)}.${image.startsWith('data:image/gif') ? 'gif' : 'png'}`
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64')
    await Taro.saveImageToPhotosAlbum({ filePath })
    Taro.showToast({ title: '已保存到相册', icon: 'success' })
  } catch {
    Taro.showToast({ title: '没能保存，请允许保存到相册后重试', icon: 'none' })
  }
}

/**
 * Save or print a QR page's code, never showing the raw link: on H5 "保存图片" and "打印" (the print
 * sheet keeps only the title, code and tip, see staff.scss `@media print`); on weapp "保存到相册".
 */
export function SaveQr({ content, image, name }: { content: string; image?: string; name: string }) {
  const picture = () => image || qrDataUrl(content, 16)
  return (
    <View className='staff__qr-actions no-print'>
      {IS_H5 ? (
        <>
          <Button className='staff__qr-action' onClick={() => download(picture(), name)}>
            保存图片
          </Button>
          <Button className='staff__qr-action' onClick={() => window.print()}>
            打印
          </Button>
        </>
      ) : (
        <Button className='staff__qr-action' onClick={() => void saveToAlbum(picture(), name)}>
          保存到相册
        </Button>
      )}
    </View>
  )
}
