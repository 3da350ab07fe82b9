import { View, Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import QrScanner from 'qr-scanner'
import { CAMERA_PROBLEM_TEXT, cameraProblemOf, cameraWasAllowed, rememberCameraAllowed, type CameraProblem } from '@/services/camera'
import type { CameraScannerProps } from './CameraScanner'
import { Button } from './nut'
import './CameraScanner.scss'

type Phase = { kind: 'ask' } | { kind: 'running' } | { kind: 'read' } | { kind: 'problem'; problem: CameraProblem }

/**
 * The H5 camera QR reader: explains why it wants the camera before the browser asks, shows the
 * live picture with a frame to aim at, and hands the first code read to `onRead` (then stops the
 * camera, also when the page is left). The decoder is qr-scanner (a worker; the browser's own
 * BarcodeDetector where there is one).
 */
export function CameraScanner({ onRead, subject }: CameraScannerProps) {
  const [phase, setPhase] = useState<Phase>(() => ({ kind: cameraWasAllowed() ? 'running' : 'ask' }))
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const onReadRef = useRef(onRead)
  onReadRef.current = onRead

  useEffect(() => {
    if (phase.kind !== 'running' || !videoRef.current) return
    const video = videoRef.current
    let scanner: QrScanner | undefined
    let stopped = false
    const start = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' })
        // Ask first ourselves: qr-scanner reports every failure as "Camera not found", and a
        // refused permission deserves its own explanation.
        const probe = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
        probe.getTracks().forEach((t) => t.stop())
        if (stopped) return
        rememberCameraAllowed(true)
        scanner = new QrScanner(
          video,
          (result) => {
            if (stopped || !result.data) return
            stopped = true
            scanner?.stop()
            setPhase({ kind: 'read' })
            onReadRef.current(result.data)
          },
          { returnDetailedScanResult: true, preferredCamera: 'environment', maxScansPerSecond: 10, highlightScanRegion: false },
        )
        await scanner.start()
      } catch (err) {
        if (stopped) return
        const problem = cameraProblemOf(err)
        if (problem === 'denied') rememberCameraAllowed(false)
        setPhase({ kind: 'problem', problem })
      }
    }
    void start()
    // Taro's H5 router keeps a left page in the DOM: stop the camera when the page hides too.
    const onHide = () => {
      if (document.visibilityState === 'hidden') scanner?.stop()
    }
    document.addEventListener('visibilitychange', onHide)
    return () => {
      stopped = true
      document.removeEventListener('visibilitychange', onHide)
      scanner?.stop()
      scanner?.destroy()
    }
  }, [phase.kind])

  if (phase.kind === 'ask') {
    return (
      <View className='camera camera--ask'>
        <Text className='camera__title'>用摄像头扫码</Text>
        <Text className='camera__text'>扫{subject}需要使用手机摄像头。摄像头只在这个页面用来识别二维码，不拍照、不录像、不上传。</Text>
        <Text className='camera__text'>点下方按钮后，浏览器会询问是否允许使用摄像头，请选择“允许”。</Text>
        <Button type='primary' size='large' block onClick={() => setPhase({ kind: 'running' })}>
          打开摄像头扫码
        </Button>
      </View>
    )
  }
  if (phase.kind === 'problem') {
    const text = CAMERA_PROBLEM_TEXT[phase.problem]
    return (
      <View className='camera camera--problem' role='alert'>
        <Text className='camera__title'>{text.title}</Text>
        <Text className='camera__text'>{text.message}</Text>
        <Button block onClick={() => setPhase({ kind: 'running' })}>
          再试一次
        </Button>
      </View>
    )
  }
  return (
    <View className='camera camera--live'>
      <View className='camera__view'>
        <video ref={videoRef} className='camera__video' muted playsInline autoPlay aria-label='摄像头画面' />
        <View className='camera__frame' />
        {phase.kind === 'read' && <View className='camera__done'>已识别</View>}
      </View>
      {phase.kind === 'read' ? (
        <Button block className='camera__again' onClick={() => setPhase({ kind: 'running' })}>
          再扫一个
        </Button>
      ) : (
        <Text className='camera__text camera__aim'>把{subject}放进框内，识别后自动打开</Text>
      )}
    </View>
  )
}
