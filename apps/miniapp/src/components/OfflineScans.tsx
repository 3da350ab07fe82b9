import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { dismissScan, onQueuedScansChange, queuedScans, type QueuedScan } from '@/services/offline-scans'
import { formatDateTime } from '@/services/format'
import { Card } from './Card'
import './OfflineScans.scss'

const STATUS_TEXT: Record<QueuedScan['status'], string> = {
  queued: '已记录，联网后自动签到',
  sending: '正在签到…',
  done: '',
  failed: '',
}

/** Scans kept without a network and what became of them; nothing when there are none. */
export function OfflineScans() {
  const [scans, setScans] = useState<QueuedScan[]>(() => queuedScans())
  useEffect(() => onQueuedScansChange(setScans), [])
  if (!scans.length) return null
  return (
    <Card title='离线扫码'>
      {scans
        .slice()
        .reverse()
        .map((s) => (
          <View key={s.id} className={`xf-offline xf-offline--${s.status}`}>
            <View className='xf-offline__main'>
              <Text className='xf-offline__what'>{s.target.kind === 'station' ? '驿站签到' : '活动签到'} · 扫码于 {formatDateTime(s.scannedAt)}</Text>
              <Text className='xf-offline__result'>{s.message ?? STATUS_TEXT[s.status]}</Text>
            </View>
            {(s.status === 'done' || s.status === 'failed') && (
              <Text className='xf-offline__dismiss' onClick={() => dismissScan(s.id)}>
                ✕
              </Text>
            )}
          </View>
        ))}
    </Card>
  )
}
