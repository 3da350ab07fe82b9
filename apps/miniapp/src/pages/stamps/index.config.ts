export default definePageConfig({ navigationBarTitleText: '先锋骑士集章卡', enablePullDownRefresh: true })
