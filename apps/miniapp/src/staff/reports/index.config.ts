export default definePageConfig({ navigationBarTitleText: '随手拍审核', enablePullDownRefresh: true })
