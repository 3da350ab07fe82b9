import { Text } from '@tarojs/components'
import { Card } from '@/components/Card'
import { Screen } from '@/components/Screen'

const SECTIONS = [
  {
    title: '我们收集哪些信息',
    text: '· 微信登录标识（openid）：用于识别您的账号，不会获取您的微信头像和通讯录。\n· 入会申请：真实姓名、手机号、身份证号、所在平台和职业、常跑区域。仅在您主动申请入会时收集。\n· 位置：查找附近驿站、活动签到和随手拍时使用，只在您使用这些功能时获取，不在后台持续定位。\n· 照片：仅在您提交随手拍时上传您选择的那一张。',
  },
  {
    title: '我们如何使用',
    text: '· 姓名、手机号和身份证号只用于工会入会审核和会员管理；身份证号加密保存，工作人员在审核列表中只能看到打码后的号码。\n· 位置用于计算您与驿站的距离、确认您在活动现场；不会用于其他目的。\n· 随手拍照片只提供给处理线索的工会工作人员。',
  },
  {
    title: '我们如何保护',
    text: '依照《中华人民共和国个人信息保护法》，我们只收集必要的信息；工作人员查看完整个人信息、导出数据都会被记录在审计日志中；数据存储在境内服务器。',
  },
  {
    title: '您的权利',
    text: '您可以随时查看自己的入会申请和随手拍记录；如需更正或删除个人信息、撤回同意，请联系您所在街道的工会工作人员，我们会在 15 个工作日内处理。',
  },
]

/** The privacy notice riders consent to when they apply (PIPL: what, why, how long, their rights). */
export default function PrivacyPage() {
  return (
    <Screen>
      <Card title='先锋骑士隐私保护说明'>
        <Text className='hint'>我们非常重视您的个人信息。请在使用前仔细阅读本说明。</Text>
      </Card>
      {SECTIONS.map((s) => (
        <Card key={s.title} title={s.title}>
          <Text className='hint'>{s.text}</Text>
        </Card>
      ))}
    </Screen>
  )
}
