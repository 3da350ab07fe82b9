export default definePageConfig({ navigationBarTitleText: '先锋骑士手册', enablePullDownRefresh: true })
