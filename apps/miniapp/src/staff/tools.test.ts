import type { Me } from '@xfqs/api-client'
import { staffTools } from './tools'

const me = (roles: Me['roles']) => ({ user: { id: 'u', nickname: null }, roles }) as unknown as Me

describe('staffTools', () => {
  it('offers station staff their station QR, fulfilment and live state only (no 活动签到 they may not use), QR first', () => {
    const tools = staffTools(me([{ role: 'station_staff', stationId: 's1', stationName: '巴厘岛' } as never]))
    expect(tools.map((t) => t.key)).toEqual(['station-qr', 'fulfil', 'station-live'])
    expect(tools[0].params).toEqual({ stationId: 's1' })
  })

  it('offers org admins showing QR codes and scanning before reviews and figures', () => {
    const tools = staffTools(me([{ role: 'org_admin', orgId: 'o1', orgName: '卢沟桥' } as never]))
    expect(tools.map((t) => t.key)).toEqual(['activities', 'meetings', 'fulfil', 'station-qr', 'applications', 'reports', 'help', 'dashboard'])
  })

  it('offers a rider nothing', () => {
    expect(staffTools(me([{ role: 'rider' } as never]))).toEqual([])
  })
})
