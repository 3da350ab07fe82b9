export default definePageConfig({ navigationBarTitleText: '兑换码', navigationBarBackgroundColor: '#D7000F' })
