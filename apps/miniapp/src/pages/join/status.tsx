import { View, Text } from '@tarojs/components'
import { api } from '@/services/api'
import { formatDateTime } from '@/services/format'
import { OCCUPATION_NAMES, PLATFORM_NAMES } from '@/services/labels'
import { go, replace } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { scanAndOpen } from '@/services/scanner'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { Button } from '@/components/nut'
import { Info } from '@/components/Info'
import './join.scss'

const LOOK = {
  none: { icon: '会', color: '#8c8c8c', title: '还没有申请入会', text: '扫描职工沟通会的二维码，就能在线申请加入工会。' },
  pending: { icon: '审', color: '#f08a24', title: '待审核', text: '申请已提交，工会工作人员一般当天就会审核，请留意。' },
  approved: { icon: '✓', color: '#1f9d55', title: '已通过', text: '欢迎加入工会大家庭！' },
  rejected: { icon: '!', color: '#d7000f', title: '未通过', text: '您的申请没有通过审核。' },
} as const

/** 待审核 / 已通过 / 未通过 (with the reason), pulled to refresh. */
export default function JoinStatusPage() {
  const loader = useSignedInLoader(() => api.membership.mine(), [], { reloadOnShow: true })
  const data = loader.data
  const look = LOOK[data?.status ?? 'none']
  const application = data?.application

  return (
    <Screen>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
        {data && (
          <>
            <View className='join__status'>
              <View className='join__status-icon' style={{ background: look.color }}>
                {look.icon}
              </View>
              <Text className='join__status-title'>{look.title}</Text>
              <Text className='hint'>{look.text}</Text>
              {data.status === 'rejected' && application?.rejectReason && <View className='join__reason'>原因：{application.rejectReason}</View>}
            </View>
            {application && (
              <Card title='申请信息'>
                <Info label='工会' value={application.orgName} />
                <Info label='提交' value={formatDateTime(application.submittedAt)} />
                <Info label='平台' value={PLATFORM_NAMES[application.platform] ?? application.platform} />
                <Info label='职业' value={OCCUPATION_NAMES[application.occupation] ?? application.occupation} />
              </Card>
            )}
            {data.status === 'approved' && (
              <Button type='primary' size='large' block onClick={() => replace(ROUTES.memberCard)}>
                查看电子会员证
              </Button>
            )}
            {data.status === 'rejected' && application && (
              <Button type='primary' size='large' block onClick={() => go(ROUTES.apply, { orgId: application.orgId })}>
                修改后重新申请
              </Button>
            )}
            {data.status === 'none' && (
              <Button type='primary' size='large' block onClick={scanAndOpen}>
                扫沟通会二维码入会
              </Button>
            )}
          </>
        )}
      </StateView>
    </Screen>
  )
}
