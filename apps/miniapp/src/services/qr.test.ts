import { qrDataUrl, qrModuleCount } from './qr'

describe('qrDataUrl', () => {
  it('draws a GIF data URL without any DOM or canvas', () => {
    const url = qrDataUrl('r=F630CDFA3A77')
    expect(url.startsWith('data:image/gif;base64,')).toBe(true)
    const bytes = Buffer.from(url.split(',')[1], 'base64')
    expect(bytes.subarray(0, 6).toString('ascii')).toBe('GIF87a')
    // width = (modules + 2 × 4 quiet-zone modules) × cell size
    expect(bytes.readUInt16LE(6)).toBe((qrModuleCount('r=F630CDFA3A77') + 8) * 8)
  })

  it('is deterministic, and grows with the content', () => {
    expect(qrDataUrl('m=abc')).toBe(qrDataUrl('m=abc'))
    expect(qrModuleCount('http://127.0.0.1:3000/#/pages/checkin/index?activityId=0b7c2f0e-6d7a-4c1b-9a55-3f7a2f7c9e11&token=123456')).toBeGreaterThan(qrModuleCount('a=1&t=2'))
  })
})
