export default definePageConfig({ navigationBarTitleText: '先锋骑士', enablePullDownRefresh: true })
