export default definePageConfig({ navigationBarTitleText: '职工沟通会', enablePullDownRefresh: true })
