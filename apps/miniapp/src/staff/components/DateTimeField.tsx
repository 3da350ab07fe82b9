import { Picker, Text, View } from '@tarojs/components'
import { ariaRole } from '@/components/a11y'
import { Field } from '@/components/Field'

/**
 * A Shanghai wall-clock time (`YYYY-MM-DD HH:mm`, Beijing time) picked, not typed: one picker for
 * the day and one for the time, each a large tap target (WeChat's native pickers on weapp, Taro's
 * on H5), so one thumb sets it.
 */
export function DateTimeField({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange: (v: string) => void }) {
  const [day = '', time = ''] = value.split(' ')
  return (
    <Field label={label} required error={error} hint='北京时间'>
      <View className='datetime'>
        <Picker mode='date' value={day} onChange={(e) => onChange(`${e.detail.value} ${time || '09:00'}`)}>
          <View className='datetime__part' {...ariaRole('button')} aria-label={`${label}日期 ${day || '未选择'}`}>
            <Text>{day || '选择日期'}</Text>
            <Text className='datetime__chevron'>▾</Text>
          </View>
        </Picker>
        <Picker mode='time' value={time} onChange={(e) => onChange(`${day} ${e.detail.value}`)}>
          <View className='datetime__part datetime__part--time' {...ariaRole('button')} aria-label={`${label}时间 ${time || '未选择'}`}>
            <Text>{time || '选择时间'}</Text>
            <Text className='datetime__chevron'>▾</Text>
          </View>
        </Picker>
      </View>
    </Field>
  )
}
