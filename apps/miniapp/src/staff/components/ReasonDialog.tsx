import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Dialog, TextArea } from '@/components/nut'

/** Asks for a rejection reason (required) before calling `onConfirm`. */
export function ReasonDialog({ visible, title, presets, onConfirm, onCancel }: { visible: boolean; title: string; presets: string[]; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  useEffect(() => {
    if (visible) setReason('')
  }, [visible])
  return (
    <Dialog
      visible={visible}
      title={title}
      confirmText='确定'
      cancelText='取消'
      disableConfirmButton={!reason.trim()}
      onConfirm={() => {
        if (reason.trim()) onConfirm(reason.trim())
      }}
      onCancel={onCancel}
      onClose={onCancel}
    >
      <View className='xf-choices' style={{ marginBottom: '8px' }}>
        {presets.map((p) => (
          <View key={p} className={`xf-choice ${reason === p ? 'xf-choice--on' : ''}`} onClick={() => setReason(p)}>
            {p}
          </View>
        ))}
      </View>
      <TextArea value={reason} onChange={(v: string) => setReason(v)} placeholder='请写明原因，骑手会看到' maxLength={200} rows={3} />
    </Dialog>
  )
}
