import { View, Text } from '@tarojs/components'
import { api } from '@/services/api'
import { formatDateTime } from '@/services/format'
import { REPORT_CATEGORY_NAMES, REPORT_STATUS } from '@/services/labels'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { Button } from '@/components/nut'
import './index.scss'

/** The rider's own reports with their review status. */
export default function MyReportsPage() {
  const loader = useSignedInLoader(() => api.reports.mine({ limit: 50 }), [], { reloadOnShow: true })
  const items = loader.data?.items ?? []
  return (
    <Screen>
      <StateView
        loading={loader.loading}
        error={loader.error}
        onRetry={loader.reload}
        empty={!!loader.data && items.length === 0}
        emptyText='还没有提交过随手拍'
        emptyAction={
          <Button type='primary' className='gap-top' onClick={() => go(ROUTES.report)}>
            去随手拍
          </Button>
        }
      >
        <Card>
          {items.map((r) => (
            <View key={r.id} className='report-item'>
              <View className='report-item__main'>
                <View className='row'>
                  <Text className='report-item__title'>{REPORT_CATEGORY_NAMES[r.category] ?? '随手拍'}</Text>
                  <View className='spacer' />
                  <StatusTag tone={REPORT_STATUS[r.status].tone}>{REPORT_STATUS[r.status].name}</StatusTag>
                </View>
                <Text className='report-item__text'>{r.description}</Text>
                {r.status === 'rejected' && r.rejectReason && <Text className='error-text'>原因：{r.rejectReason}</Text>}
                {r.status === 'accepted' && <Text className='muted'>{r.stampAwarded === false ? '已采纳（今日随手拍印章已达上限）' : '已采纳，印章已发放'}</Text>}
                {r.createdAt && <Text className='muted' style={{ display: 'block' }}>{formatDateTime(r.createdAt)}</Text>}
              </View>
            </View>
          ))}
        </Card>
      </StateView>
    </Screen>
  )
}
