/**
 * A balance as stamp cards of `goal` slots, as a paper card book would show it: 12 stamps with a
 * goal of 10 are one full card and card 2 with 2 stamps.
 */
export interface StampCards {
  /** Cards with every slot stamped. */
  full: number
  /** Stamps on the card being filled (0 … goal − 1). */
  current: number
  /** Number of the card being filled (1-based): `第 2 张`. */
  cardNo: number
  /** Enough for a gift. */
  canRedeem: boolean
  /** Stamps still missing on the card being filled. */
  missing: number
}

export function stampCards(balance: number, goal: number): StampCards {
  const g = Math.max(1, goal)
  const b = Math.max(0, Math.floor(balance))
  const full = Math.floor(b / g)
  const current = b % g
  return { full, current, cardNo: full + 1, canRedeem: b >= g, missing: g - current }
}

/** One line for home and the check-in result: `已集满 1 张 · 第 2 张 2/10`, `再集 3 枚就能兑换礼品`. */
export function stampCardsLine(balance: number, goal: number): string {
  const cards = stampCards(balance, goal)
  if (cards.full === 0) return `再集 ${cards.missing} 枚就能兑换礼品`
  return `已集满 ${cards.full} 张，可以去驿站兑换礼品啦！第 ${cards.cardNo} 张 ${cards.current}/${goal}`
}
