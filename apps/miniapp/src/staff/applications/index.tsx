import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { ApplicationForReview, ApplicationStatus } from '@xfqs/api-client'
import { api } from '@/services/api'
import { formatDateTime } from '@/services/format'
import { APPLICATION_STATUS, OCCUPATION_NAMES, PLATFORM_NAMES } from '@/services/labels'
import { useLoader } from '@/services/use-loader'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { Button } from '@/components/nut'
import { Check } from '@/components/Check'
import { ReasonDialog } from '../components/ReasonDialog'
import { RoleGate } from '../components/RoleGate'
import { useReviewAction } from '../components/use-review-action'
import '../staff.scss'

const FILTERS: { key: ApplicationStatus; title: string }[] = [
  { key: 'pending', title: '待审核' },
  { key: 'approved', title: '已通过' },
  { key: 'rejected', title: '未通过' },
]
const REJECT_PRESETS = ['身份信息与证件不符', '不在本街道工作', '已在其他工会入会', '信息不完整']
const REVIEW_ERRORS = { CONFLICT: '这条申请已经被其他工作人员处理过了。' }

/** Pending applications (PII masked by the server): approve, reject with a reason, or bulk approve. */
export default function ApplicationsPage() {
  return <RoleGate roles={['org_admin']}>{() => <Applications />}</RoleGate>
}

function Applications() {
  const [status, setStatus] = useState<ApplicationStatus>('pending')
  const [selected, setSelected] = useState<string[]>([])
  const [rejecting, setRejecting] = useState<ApplicationForReview>()
  const loader = useLoader(() => api.membership.applications({ status, limit: 100 }), [status])
  const items = loader.data?.items ?? []
  const review = useReviewAction(loader.reload, REVIEW_ERRORS)
  const busy = review.busy
  const act = async (key: string, run: () => Promise<string>) => {
    if (await review.act(key, run)) setSelected([])
  }

  const approve = (a: ApplicationForReview) => act(a.id, async () => `已通过，会员号 ${(await api.membership.approve(a.id)).memberNo}`)
  const reject = (a: ApplicationForReview, reason: string) => act(a.id, async () => (await api.membership.reject(a.id, reason), '已退回'))
  const approveSelected = () =>
    act('bulk', async () => {
      const { results } = await api.membership.approveMany(selected)
      const failed = results.filter((r) => r.status === 'failed').length
      return failed ? `通过 ${results.length - failed} 条，${failed} 条未成功` : `已通过 ${results.length} 条`
    })
  const toggle = (id: string) => setSelected((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]))

  return (
    <Screen>
      <View className='staff__filter'>
        {FILTERS.map((f) => (
          <View key={f.key} className={`staff__filter-item ${status === f.key ? 'staff__filter-item--on' : ''}`} onClick={() => (setStatus(f.key), setSelected([]))}>
            {f.title}
          </View>
        ))}
      </View>
      {status === 'pending' && items.length > 0 && (
        <View className='row' style={{ marginBottom: '12px' }}>
          <Text className='muted'>已选 {selected.length} 条</Text>
          <View className='spacer' />
          <Button size='small' onClick={() => setSelected(selected.length === items.length ? [] : items.map((a) => a.id))}>
            {selected.length === items.length ? '取消全选' : '全选'}
          </Button>
          <Button type='primary' size='small' disabled={!selected.length} loading={busy === 'bulk'} onClick={approveSelected} style={{ marginLeft: '8px' }}>
            批量通过
          </Button>
        </View>
      )}
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload} empty={!!loader.data && items.length === 0} emptyText={status === 'pending' ? '没有待审核的申请，辛苦了！' : '暂无记录'}>
        <Card>
          {items.map((a) => (
            <View key={a.id} className='staff__item'>
              <View className='row'>
                {status === 'pending' && <Check checked={selected.includes(a.id)} label='选中' onChange={() => toggle(a.id)} />}
                <Text className='staff__item-title'>{a.realName}</Text>
                <View className='spacer' />
                <StatusTag tone={APPLICATION_STATUS[a.status].tone}>{APPLICATION_STATUS[a.status].name}</StatusTag>
              </View>
              <Text className='staff__item-line'>
                {PLATFORM_NAMES[a.platform] ?? a.platform}
                {a.platformOther ? `（${a.platformOther}）` : ''} · {OCCUPATION_NAMES[a.occupation] ?? a.occupation}
                {a.workArea ? ` · ${a.workArea}` : ''}
              </Text>
              <Text className='staff__item-line'>手机 {a.phone} · 身份证 {a.idCardNumber}</Text>
              <Text className='staff__item-line'>提交于 {formatDateTime(a.submittedAt)}{a.memberNo ? ` · 会员号 ${a.memberNo}` : ''}</Text>
              {a.rejectReason && <Text className='error-text'>原因：{a.rejectReason}</Text>}
              {a.status === 'pending' && (
                <View className='staff__actions'>
                  <Button type='primary' loading={busy === a.id} onClick={() => approve(a)}>
                    通过
                  </Button>
                  <Button onClick={() => setRejecting(a)}>不通过</Button>
                </View>
              )}
            </View>
          ))}
        </Card>
      </StateView>
      <ReasonDialog
        visible={!!rejecting}
        title={`不通过：${rejecting?.realName ?? ''}`}
        presets={REJECT_PRESETS}
        onCancel={() => setRejecting(undefined)}
        onConfirm={(reason) => {
          const a = rejecting!
          setRejecting(undefined)
          void reject(a, reason)
        }}
      />
    </Screen>
  )
}
