import { Image, View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { REPORT_CATEGORIES, type ReportCategory, type UploadFile } from '@xfqs/api-client'
import { api } from '@/services/api'
import { describeError, isUserCancel } from '@/services/errors'
import { REPORT_CATEGORY_NAMES } from '@/services/labels'
import { getRiderLocation, type RiderLocation } from '@/services/location'
import { go, replace } from '@/services/navigation'
import { ROUTES } from '@/services/routes'
import { useSignedIn } from '@/services/use-session-guard'
import { Card } from '@/components/Card'
import { Choices, Field } from '@/components/Field'
import { Screen } from '@/components/Screen'
import { LoadingBlock } from '@/components/StateView'
import { Button, Input, Progress, TextArea } from '@/components/nut'
import './index.scss'
import { askToSubscribe } from '@/services/notifications'

const CATEGORY_OPTIONS = REPORT_CATEGORIES.map((value) => ({ value, label: REPORT_CATEGORY_NAMES[value] }))
const MAX_PHOTO_BYTES = 5 * 1024 * 1024

interface Photo extends UploadFile {
  preview: string
  size: number
}

/** 随手拍: photo, category, description and location; one stamp once staff accept it. */
export default function ReportPage() {
  const session = useSignedIn()
  const [photo, setPhoto] = useState<Photo>()
  const [category, setCategory] = useState<ReportCategory>()
  const [description, setDescription] = useState('')
  const [address, setAddress] = useState('')
  const [location, setLocation] = useState<RiderLocation>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [progress, setProgress] = useState<number | null>(null)
  const [submitError, setSubmitError] = useState<string>()

  useEffect(() => {
    getRiderLocation({ fresh: true }).then(setLocation)
  }, [])

  const choosePhoto = async () => {
    try {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
      const file = res.tempFiles?.[0] as (Taro.chooseMedia.ChooseMedia & { originalFileObj?: File }) | undefined
      if (!file?.tempFilePath) return
      if (file.size > MAX_PHOTO_BYTES) return setErrors({ ...errors, photo: '照片超过 5MB，请重新拍一张' })
      setPhoto({ preview: file.tempFilePath, filePath: file.tempFilePath, blob: file.originalFileObj, fileName: file.originalFileObj?.name, size: file.size })
      setErrors({ ...errors, photo: '' })
    } catch (err) {
      if (!isUserCancel(err)) setErrors({ ...errors, photo: describeError(err) })
    }
  }

  const submit = async () => {
    const found: Record<string, string> = {}
    if (!photo) found.photo = '请拍一张现场照片'
    if (!category) found.category = '请选择类别'
    if (description.trim().length < 5) found.description = '请用几句话描述一下情况（至少 5 个字）'
    setErrors(found)
    if (Object.values(found).some(Boolean) || !photo || !category) return
    askToSubscribe('report') // weapp: ask for the review result reminder while this is still the tap
    setSubmitError(undefined)
    setProgress(0)
    try {
      const point = (location ?? (await getRiderLocation())).point
      await api.reports.create({ category, description: description.trim(), lat: point.lat, lng: point.lng, address: address.trim() || undefined }, photo, setProgress)
      setProgress(100)
      Taro.showToast({ title: '提交成功', icon: 'success' })
      setTimeout(() => replace(ROUTES.myReports), 600)
    } catch (err) {
      setProgress(null)
      setSubmitError(describeError(err))
    }
  }

  if (!session.ready) return <Screen>{session.error ? <Text className='error-text'>{session.error}</Text> : <LoadingBlock />}</Screen>

  return (
    <Screen>
      <View className='notice'>发现安全隐患、环境问题、交通乱象？拍下来告诉工会。工作人员采纳后，您将获得 1 枚先锋骑士印章。</View>
      <Card>
        <Field label='现场照片' required error={errors.photo}>
          <View className='report__photo' onClick={choosePhoto}>
            {photo ? <Image className='report__preview' src={photo.preview} mode='aspectFill' /> : <Text className='report__add'>＋ 拍照 / 从相册选</Text>}
          </View>
        </Field>
        <Field label='类别' required error={errors.category}>
          <Choices options={CATEGORY_OPTIONS} value={category} onChange={setCategory} />
        </Field>
        <Field label='情况描述' required error={errors.description}>
          <TextArea value={description} onChange={(v: string) => setDescription(v)} placeholder='例如：XX路口井盖破损，电动车容易摔倒' maxLength={500} showCount rows={4} />
        </Field>
        <Field label='位置' hint={location?.source === 'default' ? '未能获取定位，将使用默认位置；请在下方写清地点' : location ? '已获取您当前的位置' : '正在获取位置…'}>
          <Input value={address} onChange={(v: string) => setAddress(v)} placeholder='补充地点（选填）' maxLength={100} />
        </Field>
      </Card>
      {submitError && <View className='notice'>{submitError}</View>}
      {progress !== null && (
        <View className='report__progress'>
          <Progress percent={progress} showText color='#D7000F' />
          <Text className='muted'>{progress < 100 ? '正在上传照片…' : '上传完成'}</Text>
        </View>
      )}
      <Button type='primary' size='large' block loading={progress !== null && progress < 100} onClick={submit}>
        提交随手拍
      </Button>
      <Text className='link report__mine' onClick={() => go(ROUTES.myReports)}>
        查看我提交过的随手拍 ›
      </Text>
    </Screen>
  )
}
