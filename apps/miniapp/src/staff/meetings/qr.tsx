import { Image, View, Text } from '@tarojs/components'
import { api } from '@/services/api'
import { useParam } from '@/services/entry'
import { qrContentFor } from '@/services/links'
import { IS_H5 } from '@/services/platform'
import { useLoader } from '@/services/use-loader'
import { QrCode } from '@/components/QrCode'
import { StateView } from '@/components/StateView'
import { RoleGate } from '../components/RoleGate'
import { SaveQr } from '../components/SaveQr'
import '../staff.scss'

/** The meeting's QR: the server's PNG (a mini-program code in production), else one drawn here. */
export default function MeetingQrPage() {
  const meetingId = useParam('meetingId') ?? ''
  const title = useParam('title')
  const loader = useLoader(async () => {
    const [meeting, image] = await Promise.all([api.meetings.get(meetingId), api.meetings.qrcodeImage(meetingId).catch(() => '')])
    // The server's join link carries the meeting's short code; weapp's own code carries the scene.
    const content = IS_H5 ? meeting.url : meeting.scene || qrContentFor({ kind: 'meeting', meetingId: meeting.code })
    return { image, content, meeting }
  }, [meetingId])
  return (
    <RoleGate roles={['org_admin']}>
      {() => (
        <View className='staff__qr-page'>
          <Text className='staff__qr-title'>{loader.data?.meeting.title ?? title ?? '职工沟通会'}</Text>
          <Text className='staff__qr-tip'>扫码参会 · 在线申请入会</Text>
          <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
            {loader.data && (
              <>
                <View className='staff__qr-box'>
                  {loader.data.image ? <Image className='staff__qr-image' src={loader.data.image} mode='scaleToFill' nativeProps={{ alt: '沟通会二维码' }} /> : <QrCode value={loader.data.content} size={600} />}
                </View>
                <Text className='staff__qr-code'>沟通会码 {loader.data.meeting.code}</Text>
                <Text className='staff__qr-tip'>可以截图发到站点群里，或打印出来。骑手扫码（或在“扫一扫”里输入沟通会码）后填写入会申请，请当天审核。</Text>
                <SaveQr content={loader.data.content} image={loader.data.image || undefined} name={`沟通会-${loader.data.meeting.code}`} />
              </>
            )}
          </StateView>
        </View>
      )}
    </RoleGate>
  )
}
