import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { answerPrivacy, onPrivacyRequest, openPrivacyContract } from '@/services/privacy'
import { IS_WEAPP } from '@/services/platform'
import './PrivacyPopup.scss'

/**
 * WeChat's privacy consent sheet (weapp only). Shown when WeChat asks for consent before a
 * location, camera or album API; the agree button must be a native button with
 * open-type="agreePrivacyAuthorization".
 */
export function PrivacyPopup() {
  const [open, setOpen] = useState(false)
  useEffect(() => onPrivacyRequest(setOpen), [])
  if (!IS_WEAPP || !open) return null
  return (
    <View className='xf-privacy'>
      <View className='xf-privacy__sheet'>
        <Text className='xf-privacy__title'>用户隐私保护提示</Text>
        <Text className='xf-privacy__text'>
          为了给您找到附近的驿站、完成活动签到和随手拍上报，先锋骑士需要使用您的位置信息和相册/相机。请阅读
          <Text className='link' onClick={openPrivacyContract}>
            《先锋骑士隐私保护指引》
          </Text>
          ，同意后继续。
        </Text>
        <View className='xf-privacy__actions'>
          <Button className='xf-privacy__no' onClick={() => answerPrivacy(false)}>
            不同意
          </Button>
          <Button
            id='agree-privacy'
            className='xf-privacy__yes'
            openType={'agreePrivacyAuthorization' as never}
            onAgreePrivacyAuthorization={() => answerPrivacy(true, 'agree-privacy')}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
