export default definePageConfig({ navigationBarTitleText: '驿站实时状态' })
