export default definePageConfig({ navigationBarTitleText: '活动签到码', navigationBarBackgroundColor: '#D7000F' })
