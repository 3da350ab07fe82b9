import { fireEvent, render, screen } from '@testing-library/react'
import type { Station } from '@xfqs/api-client'
import { StationCard } from './StationCard'

const station = (over: Partial<Station> = {}): Station =>
  ({
    id: 's1',
    orgId: 'o1',
    name: '巴厘岛快递公寓工会驿站',
    kind: 'union_station',
    address: '北京市丰台区新丰路88号',
    lat: 39.857,
    lng: 116.28,
    services: ['hot_water', 'microwave'],
    openNow: true,
    hours: { weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '22:00' }] },
    phone: null,
    ...over,
  }) as Station

/** The card reads the clock: fix it at a Beijing wall-clock time (2026-11-23 is a Monday). */
const at = (local: string) => jest.useFakeTimers({ now: new Date(`${local}+08:00`) })

describe('<StationCard>', () => {
  afterEach(() => jest.useRealTimers())

  it('shows name, kind, open badge with its closing time, address and a readable distance', () => {
    at('2026-11-23T10:00')
    render(<StationCard station={station({ distanceM: 1234 })} />)
    expect(screen.getByText('巴厘岛快递公寓工会驿站')).toBeTruthy()
    expect(screen.getByText('工会驿站')).toBeTruthy()
    expect(screen.getByText('营业中')).toBeTruthy()
    expect(screen.getByText('营业至 22:00')).toBeTruthy()
    expect(screen.getByText('1.2 公里')).toBeTruthy()
  })

  it('says 休息中 and when it opens next when closed, and shows no distance without a location', () => {
    at('2026-11-23T23:03')
    const { container } = render(<StationCard station={station({ openNow: false })} />)
    expect(screen.getByText('休息中')).toBeTruthy()
    expect(screen.getByText('明天 07:00 开门')).toBeTruthy()
    expect(container.querySelector('.xf-station__distance')).toBeNull()
  })

  it('warns when it closes within half an hour', () => {
    at('2026-11-23T21:45')
    render(<StationCard station={station()} />)
    expect(screen.getByText('即将打烊')).toBeTruthy()
    expect(screen.getByText('营业至 22:00')).toBeTruthy()
  })

  it('shows at most seven service icons and counts the rest', () => {
    const services: Station['services'] = ['hot_water', 'microwave', 'charging', 'rest_area', 'restroom', 'fridge', 'wifi', 'reading', 'air_pump']
    const { container } = render(<StationCard station={station({ services })} />)
    expect(container.querySelectorAll('.xf-station__services > :not(.muted)')).toHaveLength(7)
    expect(screen.getByText('+2')).toBeTruthy()
  })

  it('opens the station on tap', () => {
    const onClick = jest.fn()
    render(<StationCard station={station()} onClick={onClick} />)
    fireEvent.click(screen.getByText('巴厘岛快递公寓工会驿站'))
    expect(onClick).toHaveBeenCalled()
  })

  it('shows the live state staff set (closed until …, paused services, the note) and recent visits', () => {
    const until = '2026-11-25T10:30:00.000Z'
    at('2026-11-25T15:00') // Asia/Shanghai, before the state ends at 18:30
    render(<StationCard station={station({ openNow: false, recentVisits: 3, state: { closed: true, pausedServices: ['hot_water'], note: '今天有绿豆汤', until } })} />)
    expect(screen.getByText('暂停营业')).toBeTruthy()
    expect(screen.getByText(/^暂停营业，至 .*18:30$/)).toBeTruthy()
    expect(screen.getByText(/^热水 暂停，至/)).toBeTruthy()
    expect(screen.getByText('提示：今天有绿豆汤')).toBeTruthy()
    expect(screen.getByText('近 1 小时 3 人到访')).toBeTruthy()
  })

  it('says nothing extra without a state or visits', () => {
    const { container } = render(<StationCard station={station({ state: null, recentVisits: 0 })} />)
    expect(container.querySelector('.xf-live')).toBeNull()
  })
})

