import { View, Text } from '@tarojs/components'
import type { ServiceKey } from '@xfqs/api-client'
import { SERVICES } from '@/services/labels'
import './ServiceIcon.scss'

/** A round coloured badge with one character (水, 电, 热 …) and, optionally, the service name under it. */
export function ServiceIcon({ service, withName = false, small = false }: { service: ServiceKey; withName?: boolean; small?: boolean }) {
  const info = SERVICES[service]
  if (!info) return null
  return (
    <View className={`xf-service ${small ? 'xf-service--small' : ''}`}>
      <View className='xf-service__badge' style={{ background: info.color }}>
        {info.glyph}
      </View>
      {withName && <Text className='xf-service__name'>{info.name}</Text>}
    </View>
  )
}

/** Filter chips for services: big enough to tap with gloves. */
export function ServiceChips({ services, selected, onToggle }: { services: ServiceKey[]; selected: ServiceKey[]; onToggle: (s: ServiceKey) => void }) {
  return (
    <View className='xf-chips'>
      {services.map((s) => {
        const on = selected.includes(s)
        return (
          <View key={s} className={`xf-chip ${on ? 'xf-chip--on' : ''}`} onClick={() => onToggle(s)}>
            <View className='xf-chip__glyph' style={{ background: on ? '#fff' : SERVICES[s].color, color: on ? SERVICES[s].color : '#fff' }}>
              {SERVICES[s].glyph}
            </View>
            <Text>{SERVICES[s].name}</Text>
          </View>
        )
      })}
    </View>
  )
}
