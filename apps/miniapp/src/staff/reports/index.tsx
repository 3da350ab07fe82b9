import { Image, View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Report, ReportStatus } from '@xfqs/api-client'
import { api } from '@/services/api'
import { formatDistance } from '@xfqs/domain'
import { formatDateTime } from '@/services/format'
import { REPORT_CATEGORY_NAMES, REPORT_STATUS } from '@/services/labels'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { Button } from '@/components/nut'
import { ReasonDialog } from '../components/ReasonDialog'
import { RoleGate } from '../components/RoleGate'
import { useReviewAction } from '../components/use-review-action'
import '../staff.scss'

const FILTERS: { key: ReportStatus; title: string }[] = [
  { key: 'pending', title: '待处理' },
  { key: 'accepted', title: '已采纳' },
  { key: 'rejected', title: '未采纳' },
]
const REJECT_PRESETS = ['照片看不清', '不在本辖区', '重复上报', '与公共事务无关']

/** Review 随手拍 reports: accept (one stamp, within the daily cap) or reject with a reason. */
export default function ReportsReviewPage() {
  return <RoleGate roles={['org_admin']}>{() => <Reports />}</RoleGate>
}

function Reports() {
  const [status, setStatus] = useState<ReportStatus>('pending')
  const [rejecting, setRejecting] = useState<Report>()
  const loader = useLoader(() => api.reports.list({ status, limit: 50 }), [status])
  const items = loader.data?.items ?? []
  const { busy, act } = useReviewAction(loader.reload, { CONFLICT: '这条随手拍已经被处理过了。' })
  const accept = (r: Report) =>
    act(r.id, async () => {
      const res = await api.reports.accept(r.id)
      return res.stampAwarded ? '已采纳，印章已发放' : '已采纳（该骑手今日随手拍印章已达上限）'
    })

  return (
    <Screen>
      <View className='staff__filter'>
        {FILTERS.map((f) => (
          <View key={f.key} className={`staff__filter-item ${status === f.key ? 'staff__filter-item--on' : ''}`} onClick={() => setStatus(f.key)}>
            {f.title}
          </View>
        ))}
      </View>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={!!loader.data && items.length === 0} emptyText='没有需要处理的随手拍'>
        <Card>
          {items.map((r) => (
            <View key={r.id} className='staff__item'>
              <View className='row'>
                <Text className='staff__item-title'>{REPORT_CATEGORY_NAMES[r.category] ?? '随手拍'}</Text>
                <View className='spacer' />
                <StatusTag tone={REPORT_STATUS[r.status].tone}>{REPORT_STATUS[r.status].name}</StatusTag>
              </View>
              <ReportPhoto id={r.id} />
              <Text className='staff__item-line'>{r.description}</Text>
              <Text className='staff__item-line'>
                {placeOf(r)}
                {r.createdAt ? ` · ${formatDateTime(r.createdAt)}` : ''}
              </Text>
              {r.rejectReason && <Text className='error-text'>原因：{r.rejectReason}</Text>}
              {r.status === 'pending' && (
                <View className='staff__actions'>
                  <Button type='primary' loading={busy === r.id} onClick={() => accept(r)}>
                    采纳并发印章
                  </Button>
                  <Button onClick={() => setRejecting(r)}>不采纳</Button>
                </View>
              )}
            </View>
          ))}
        </Card>
      </StateView>
      <ReasonDialog
        visible={!!rejecting}
        title='不采纳的原因'
        presets={REJECT_PRESETS}
        onCancel={() => setRejecting(undefined)}
        onConfirm={(reason) => {
          const r = rejecting!
          setRejecting(undefined)
          void act(r.id, async () => (await api.reports.reject(r.id, reason), '已退回'))
        }}
      />
    </Screen>
  )
}

/** Where the report was made, as a reviewer reads it: the rider's address, else the nearest station. */
export function placeOf(r: Pick<Report, 'address' | 'nearestStation'>): string {
  if (r.address) return r.address
  if (r.nearestStation) return `${r.nearestStation.name}附近（约 ${formatDistance(r.nearestStation.distanceM)}）`
  return '位置未知'
}

/** The report photo needs the staff member's token, so it is downloaded rather than linked. */
function ReportPhoto({ id }: { id: string }) {
  const [src, setSrc] = useState<string>()
  useEffect(() => {
    api.reports.photo(id).then(setSrc, () => setSrc(''))
  }, [id])
  if (!src) return null
  return (
    <Image
      src={src}
      mode='aspectFill'
      nativeProps={{ alt: '随手拍照片' }}
      style={{ width: '100%', height: '180px', borderRadius: '8px', margin: '8px 0' }}
      onClick={() => Taro.previewImage({ urls: [src], current: src }).catch(() => undefined)}
    />
  )
}
