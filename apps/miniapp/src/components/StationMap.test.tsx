import type { Station } from '@xfqs/api-client'
import { calloutText } from './StationMap'

const station = (over: Partial<Station> = {}): Station =>
  ({
    id: 's1',
    orgId: 'o1',
    name: '新丰路驿站',
    kind: 'union_station',
    address: '北京市丰台区新丰路88号',
    lat: 39.857,
    lng: 116.28,
    services: ['hot_water'],
    openNow: true,
    hours: { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '22:00' }] },
    phone: null,
    state: null,
    recentVisits: 0,
    ...over,
  }) as Station

/** 2026-11-23 is a Monday; times are Beijing wall clock. */
const at = (local: string) => new Date(`${local}+08:00`)

describe('weapp map callout', () => {
  it('says open and until when, from the same opening-hours rule as the cards', () => {
    expect(calloutText(station(), at('2026-11-23T10:00'))).toBe('新丰路驿站 · 营业中 营业至 22:00')
  })

  it('says closed and when it opens next at night', () => {
    expect(calloutText(station({ openNow: false }), at('2026-11-23T23:03'))).toBe('新丰路驿站 · 休息中 明天 07:00 开门')
  })

  it('puts a live closure first and adds the staff note on its own line', () => {
    const state = { closed: true, pausedServices: [], note: '今天有绿豆汤', until: '2026-11-23T18:00:00+08:00', setAt: '2026-11-23T09:00:00+08:00' }
    const text = calloutText(station({ state } as Partial<Station>), at('2026-11-23T10:00'))
    expect(text.startsWith('新丰路驿站 · 暂停营业 暂停至')).toBe(true)
    expect(text.endsWith('\n今天有绿豆汤')).toBe(true)
  })
});
