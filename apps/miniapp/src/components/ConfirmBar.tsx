import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ConfirmationKind, Station } from '@xfqs/api-client'
import { SERVICE } from '@xfqs/domain'
import { describeError } from '@/services/errors'
import { Button } from './nut'
import './StationLive.scss'

/** The one-tap buttons a rider sees right after checking in: 开着门 / 没开门 and, for hot water etc., 有 / 没有. */
export function ConfirmBar({ station, onConfirm }: { station: Pick<Station, 'id' | 'services'>; onConfirm: (body: { kind: ConfirmationKind; service?: Station['services'][number] }) => Promise<unknown> }) {
  const [done, setDone] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const services = station.services.filter((s) => ASKED_SERVICES.includes(s)).slice(0, 2)
  const choices: Array<{ key: string; text: string; body: { kind: ConfirmationKind; service?: Station['services'][number] } }> = [
    { key: 'open', text: '开着门', body: { kind: 'open' } },
    { key: 'closed', text: '没开门', body: { kind: 'closed' } },
    ...services.flatMap((s) => [
      { key: `ok-${s}`, text: `有${SERVICE.labels[s]}`, body: { kind: 'service_ok' as const, service: s } },
      { key: `missing-${s}`, text: `没有${SERVICE.labels[s]}`, body: { kind: 'service_missing' as const, service: s } },
    ]),
  ]
  const tap = async (choice: (typeof choices)[number]) => {
    if (busy) return
    setBusy(true)
    try {
      await onConfirm(choice.body)
      setDone((d) => [...d, choice.key])
      Taro.showToast({ title: '谢谢反馈', icon: 'success' })
    } catch (err) {
      Taro.showToast({ title: describeError(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='xf-confirm'>
      {choices.map((c) => (
        <Button key={c.key} className='xf-confirm__button' type={done.includes(c.key) ? 'success' : 'default'} onClick={() => tap(c)}>
          {done.includes(c.key) ? `✓ ${c.text}` : c.text}
        </Button>
      ))}
    </View>
  )
}

/** Services riders are asked about after a check-in (the ones that run out or break). */
const ASKED_SERVICES: Station['services'] = ['hot_water', 'charging', 'microwave']
