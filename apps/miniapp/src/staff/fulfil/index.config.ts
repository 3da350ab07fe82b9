export default definePageConfig({ navigationBarTitleText: '核销兑换' })
