export default definePageConfig({ navigationBarTitleText: '沟通会入会码' })
