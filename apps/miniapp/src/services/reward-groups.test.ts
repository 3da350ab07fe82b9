import type { Reward, Station } from '@xfqs/api-client'
import { groupRewards } from './reward-groups'

const reward = (id: string, name: string, stationId: string, cost = 10, stock = 5): Reward => ({ id, name, stationId, cost, stock }) as Reward
const station = (id: string, distanceM: number) => ({ id, name: `驿站${id}`, distanceM }) as Station

describe('groupRewards', () => {
  it('lists each gift once with the stations that stock it, nearest first (stocked before sold out)', () => {
    const stations = new Map([['A', station('A', 3000)], ['B', station('B', 500)], ['C', station('C', 100)]])
    const groups = groupRewards(
      [reward('1', '冰袖', 'A'), reward('2', '保温杯', 'A', 15), reward('3', '冰袖', 'B'), reward('4', '冰袖', 'C', 10, 0)],
      stations,
      12,
    )
    expect(groups.map((g) => g.name)).toEqual(['冰袖', '保温杯'])
    expect(groups[0].offers.map((o) => o.stationId)).toEqual(['B', 'A', 'C'])
    expect(groups[0]).toMatchObject({ affordable: true, inStock: 10, cost: 10 })
    expect(groups[1]).toMatchObject({ affordable: false, cost: 15 })
  })

  it('puts gifts the rider can redeem now first, then the cheapest', () => {
    const groups = groupRewards([reward('1', '充电宝', 'A', 30), reward('2', '雨衣', 'A', 20), reward('3', '毛巾', 'A', 5, 0), reward('4', '冰袖', 'A', 8)], new Map(), 9)
    expect(groups.map((g) => g.name)).toEqual(['冰袖', '毛巾', '雨衣', '充电宝'])
  })
})
