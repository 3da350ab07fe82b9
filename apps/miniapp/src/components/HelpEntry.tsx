import { View, Text } from '@tarojs/components'
import { callHotline, DEFAULT_HELP_HOTLINE } from '@/services/hotline'
import { go } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import './HelpEntry.scss'

/**
 * 一键求助, always on home and 我的: the left part dials the union hotline in one tap; the right
 * opens the help page (the hotline of the rider's own union, a short request, its status).
 */
export function HelpEntry({ hotline = DEFAULT_HELP_HOTLINE }: { hotline?: string }) {
  return (
    <View className='xf-help'>
      <View className='xf-help__call' onClick={() => callHotline(hotline)}>
        <Text className='xf-help__title'>一键求助</Text>
        <Text className='xf-help__sub'>拨打工会热线 {hotline}</Text>
      </View>
      <View className='xf-help__ask' onClick={() => go(ROUTES.help)}>
        <Text className='xf-help__ask-title'>留言求助 ›</Text>
        <Text className='xf-help__sub'>欠薪·事故·纠纷</Text>
      </View>
    </View>
  )
}
