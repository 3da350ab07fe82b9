import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'

export default function Home() {
  return (
    <View>
      <Text>先锋骑士</Text>
      <Button type="primary">扫一扫</Button>
    </View>
  )
}
