export default definePageConfig({ navigationBarTitleText: '骑手求助' })
