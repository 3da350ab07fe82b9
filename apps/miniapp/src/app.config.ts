export default defineAppConfig({
  pages: ['pages/home/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#D7000F',
    navigationBarTitleText: '先锋骑士',
    navigationBarTextStyle: 'white',
  },
})
