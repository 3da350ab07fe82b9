import { render } from '@testing-library/react'
import type { RedemptionRecord, StampRecord } from '@xfqs/api-client'
import { ActionRecord } from './ActionRecord'

const stamp = (id: string, awardedAt: string, title: string): StampRecord => ({ id, source: 'activity', title, amount: 1, awardedAt }) as StampRecord
const gift = (id: string, fulfilledAt: string, rewardName: string): RedemptionRecord => ({ id, rewardName, stationName: '巴厘岛驿站', cost: 10, fulfilledAt }) as RedemptionRecord

describe('<ActionRecord>', () => {
  it('puts a redeemed gift at the time it was handed over, among the stamps, newest first', () => {
    const { container } = render(
      <ActionRecord
        items={[stamp('s3', '2026-11-28T10:00:00Z', '第三次活动'), stamp('s2', '2026-11-26T10:00:00Z', '第二次活动'), stamp('s1', '2026-11-20T10:00:00Z', '第一次活动')]}
        redemptions={[gift('r1', '2026-11-27T09:00:00Z', '冰袖')]}
      />,
    )
    const titles = Array.from(container.querySelectorAll('.xf-record__title')).map((n) => n.textContent)
    expect(titles).toEqual(['第三次活动', '兑换 冰袖', '第二次活动', '第一次活动'])
  })
})
