import { ApiError } from '@xfqs/api-client'

const storage = new Map<string, unknown>()
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, JSON.parse(JSON.stringify(value))),
    onNetworkStatusChange: jest.fn(),
    onAppShow: jest.fn(),
  },
}))
const stationCheckin = jest.fn()
const activityCheckin = jest.fn()
jest.mock('./api', () => ({
  api: {
    stations: { checkin: (...a: unknown[]) => stationCheckin(...a), get: async () => ({ name: '卢沟桥驿站' }) },
    activities: { checkin: (...a: unknown[]) => activityCheckin(...a), get: async () => ({ title: '志愿服务' }) },
  },
}))
jest.mock('./session', () => ({ refreshMe: jest.fn(async () => undefined) }))
jest.mock('./platform', () => ({ IS_H5: false, IS_WEAPP: true }))

import { flushQueuedScans, queueScan, queuedScans } from './offline-scans'

const scannedAt = new Date('2026-11-25T04:00:00.000Z')
beforeEach(() => {
  storage.clear()
  stationCheckin.mockReset()
  activityCheckin.mockReset()
})

describe('offline scans', () => {
  it('keeps the code, the scan time and the location, once per code', () => {
    queueScan({ kind: 'station', stationId: 's1', code: '1.abc' }, scannedAt, { lat: 39.8, lng: 116.2 })
    queueScan({ kind: 'station', stationId: 's1', code: '1.abc' }, new Date(scannedAt.getTime() + 5000))
    expect(queuedScans()).toEqual([
      expect.objectContaining({ target: { kind: 'station', stationId: 's1', code: '1.abc' }, scannedAt: scannedAt.toISOString(), lat: 39.8, lng: 116.2, status: 'queued' }),
    ])
  })

  it('sends with scannedAt when the network is back and keeps the outcome', async () => {
    queueScan({ kind: 'activity', activityId: 'a1', token: 'k.xyz' }, scannedAt)
    activityCheckin.mockResolvedValue({ duplicate: false, stamp: { amount: 1 }, balance: 1 })
    const [done] = await flushQueuedScans()
    expect(activityCheckin).toHaveBeenCalledWith('a1', { token: 'k.xyz', scannedAt: scannedAt.toISOString() })
    expect(done).toMatchObject({ status: 'done', message: '志愿服务：签到成功，获得 1 枚印章', stamps: 1 })
    // nothing is sent twice
    await flushQueuedScans()
    expect(activityCheckin).toHaveBeenCalledTimes(1)
  })

  it('stays queued on a network failure; the server’s no is final', async () => {
    queueScan({ kind: 'station', stationId: 's1', code: '1.abc' }, scannedAt)
    stationCheckin.mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'offline'))
    const [kept] = await flushQueuedScans()
    expect([kept.status, stationCheckin.mock.calls.length, kept.message]).toEqual(['queued', 1, undefined])
    stationCheckin.mockRejectedValueOnce(new ApiError(410, 'CODE_EXPIRED', 'old'))
    const [failed] = await flushQueuedScans()
    expect(failed.status).toBe('failed')
    expect(failed.message).toContain('24 小时')
  })
})
