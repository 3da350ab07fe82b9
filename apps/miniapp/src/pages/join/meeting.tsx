import { View, Text } from '@tarojs/components'
import { ApiError } from '@xfqs/api-client'
import { api } from '@/services/api'
import { useEntryTarget } from '@/services/entry'
import { formatDateTime } from '@/services/format'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Info } from '@/components/Info'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import './join.scss'

/** The page a meeting QR opens: who, where, when, then the way into the application form. */
export default function MeetingPage() {
  const target = useEntryTarget()
  const meetingId = target.kind === 'meeting' ? target.meetingId : undefined
  const loader = useSignedInLoader(async () => {
    if (!meetingId) throw new ApiError(404, 'NOT_FOUND', 'no meeting id')
    const [meeting, membership] = await Promise.all([api.meetings.get(meetingId), api.membership.mine()])
    return { meeting, membership }
  }, [meetingId])

  const status = loader.data?.membership.status
  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} errorOverrides={{ NOT_FOUND: '没有找到这场沟通会，可能二维码已失效，请联系组织者。' }}>
        {loader.data && (
          <>
            <View className='join__banner'>
              <Text className='join__banner-org'>{loader.data.meeting.orgName ?? '工会'}</Text>
              <Text className='join__banner-title'>{loader.data.meeting.title}</Text>
            </View>
            <Card>
              <Info label='时间' value={`${formatDateTime(loader.data.meeting.startsAt)} - ${formatDateTime(loader.data.meeting.endsAt)}`} />
              {loader.data.meeting.location && <Info label='地点' value={loader.data.meeting.location} />}
              {loader.data.meeting.host && <Info label='主持' value={loader.data.meeting.host} />}
            </Card>
            <Card title='加入工会，您能得到'>
              <Text className='hint'>· 职工互助保障，生病、意外有帮扶{'\n'}· 工会驿站热水、热饭、充电、歇脚{'\n'}· 免费法律咨询与心理疏导{'\n'}· 夏送清凉、冬送温暖，节日慰问</Text>
            </Card>
            {status === 'approved' ? (
              <Button type='primary' size='large' block onClick={() => go(ROUTES.memberCard)}>
                您已是工会会员 · 查看会员证
              </Button>
            ) : status === 'pending' ? (
              <Button type='primary' size='large' block onClick={() => go(ROUTES.joinStatus)}>
                申请审核中 · 查看进度
              </Button>
            ) : (
              // The link carries the meeting's short code (`DEM02026`); applications take its id.
              <Button type='primary' size='large' block onClick={() => go(ROUTES.apply, { meetingId: loader.data!.meeting.id })}>
                {status === 'rejected' ? '重新申请入会' : '在线申请入会'}
              </Button>
            )}
          </>
        )}
      </StateView>
    </Screen>
  )
}
