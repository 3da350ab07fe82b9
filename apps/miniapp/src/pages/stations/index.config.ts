export default definePageConfig({ navigationBarTitleText: '找驿站', enablePullDownRefresh: true })
