import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { HelpDetail, HelpListItem, HelpStatus } from '@xfqs/api-client'
import { HELP_CATEGORY, HELP_STATUS } from '@xfqs/domain'
import { api } from '@/services/api'
import { describeError } from '@/services/errors'
import { formatDateTime } from '@/services/format'
import { useSignedInLoader } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Choices } from '@/components/Field'
import { Screen } from '@/components/Screen'
import { StateView } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { Button, TextArea } from '@/components/nut'
import { RoleGate } from '../components/RoleGate'
import '../staff.scss'

const FILTERS: Array<{ value: HelpStatus | 'all'; label: string }> = [
  { value: 'open', label: '待处理' },
  { value: 'claimed', label: '处理中' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
]
const STATUS_TONE = { open: 'warning', claimed: 'primary', closed: 'success' } as const

/** Riders' help requests routed to this admin's unions: masked in the list, full (and audited) when opened. */
export default function StaffHelpPage() {
  return <RoleGate roles={['org_admin']}>{() => <HelpInbox />}</RoleGate>
}

function HelpInbox() {
  const [filter, setFilter] = useState<HelpStatus | 'all'>('open')
  const [openId, setOpenId] = useState<string>()
  const loader = useSignedInLoader(() => api.help.list({ status: filter === 'all' ? undefined : filter, limit: 50 }), [filter])
  return (
    <Screen>
      <Choices options={FILTERS} value={filter} onChange={setFilter} />
      {openId && (
        <Card title='正在处理' extra='收起' onExtraClick={() => setOpenId(undefined)}>
          <HelpCase id={openId} onChanged={loader.reload} />
        </Card>
      )}
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
        {loader.data && (
          <Card>
            {loader.data.items.length === 0 && <Text className='hint'>没有{filter === 'all' ? '' : HELP_STATUS.labels[filter]}的求助。</Text>}
            {loader.data.items
              .filter((item) => item.id !== openId)
              .map((item) => (
                <HelpRow key={item.id} item={item} onOpen={() => setOpenId(item.id)} />
              ))}
          </Card>
        )}
      </StateView>
    </Screen>
  )
}

function HelpRow({ item, onOpen }: { item: HelpListItem; onOpen: () => void }) {
  return (
    <View className='staff__item' onClick={onOpen}>
      <View className='row'>
        <Text className='staff__item-title'>{HELP_CATEGORY.labels[item.category]}</Text>
        <View className='spacer' />
        <StatusTag tone={STATUS_TONE[item.status]}>{HELP_STATUS.labels[item.status]}</StatusTag>
      </View>
      {item.textPreview && (
        <View>
          <Text className='staff__item-line'>{item.textPreview}</Text>
        </View>
      )}
      <View>
        <Text className='muted'>
          {item.rider} · {formatDateTime(item.createdAt)} · {item.stationName ? `近 ${item.stationName}` : item.orgName}
        </Text>
      </View>
      <View>
        <Text className='hint'>点开查看完整内容（查看将记入审计）</Text>
      </View>
    </View>
  )
}

/** One request opened: full text and location (audited read), claim, close with an answer. */
function HelpCase({ id, onChanged }: { id: string; onChanged: () => void }) {
  const loader = useSignedInLoader(() => api.help.get(id), [id])
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const act = async (action: () => Promise<HelpDetail>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      await action()
      Taro.showToast({ title: done, icon: 'success' })
      onChanged()
      loader.reload()
    } catch (err) {
      Taro.showToast({ title: describeError(err, { CONFLICT: '已被其他工作人员处理，请刷新' }), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const detail = loader.data
  return (
    <View className='staff__item'>
      <StateView loading={loader.loading} error={loader.error} onRetry={loader.reload}>
        {detail && (
          <>
            <View className='row'>
              <Text className='staff__item-title'>{HELP_CATEGORY.labels[detail.category]}</Text>
              <View className='spacer' />
              <StatusTag tone={STATUS_TONE[detail.status]}>{HELP_STATUS.labels[detail.status]}</StatusTag>
            </View>
            <View>
              <Text className='staff__item-line'>{detail.text ?? '（内容已按保存期限删除）'}</Text>
            </View>
            <View>
              <Text className='muted'>
                {detail.rider} · {formatDateTime(detail.createdAt)}
                {detail.location ? ` · 位置 ${detail.location.lat.toFixed(4)}, ${detail.location.lng.toFixed(4)}` : ''}
              </Text>
            </View>
            {detail.closeNote && (
              <View>
                <Text className='staff__item-line'>答复：{detail.closeNote}</Text>
              </View>
            )}
            {detail.status === 'open' && (
              <Button block className='big-button' disabled={busy} onClick={() => act(() => api.help.claim(id), '已认领')}>
                认领，我来处理
              </Button>
            )}
            {detail.status !== 'closed' && (
              <>
                <TextArea value={note} onChange={(v: string) => setNote(v)} placeholder='给骑手的答复，例如：已联系劳动监察，工资本周发放' maxLength={300} />
                <Button type='primary' block className='big-button' disabled={busy || !note.trim()} onClick={() => act(() => api.help.close(id, note.trim()), '已办结')}>
                  办结并答复骑手
                </Button>
              </>
            )}
          </>
        )}
      </StateView>
    </View>
  )
}
