import { stampCards, stampCardsLine } from './stamp-cards'

describe('stampCards', () => {
  it('splits a balance into full cards and the card being filled', () => {
    expect(stampCards(0, 10)).toEqual({ full: 0, current: 0, cardNo: 1, canRedeem: false, missing: 10 })
    expect(stampCards(7, 10)).toMatchObject({ full: 0, current: 7, cardNo: 1, canRedeem: false, missing: 3 })
    expect(stampCards(10, 10)).toMatchObject({ full: 1, current: 0, cardNo: 2, canRedeem: true })
    expect(stampCards(12, 10)).toMatchObject({ full: 1, current: 2, cardNo: 2, canRedeem: true })
    expect(stampCards(25, 10)).toMatchObject({ full: 2, current: 5, cardNo: 3 })
  })

  it('says it in one line', () => {
    expect(stampCardsLine(7, 10)).toBe('再集 3 枚就能兑换礼品')
    expect(stampCardsLine(12, 10)).toBe('已集满 1 张，可以去驿站兑换礼品啦！第 2 张 2/10')
  })
})
