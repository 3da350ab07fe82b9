import type { Reward, Station } from '@xfqs/api-client'

/** One station stocking a gift, as the rewards page lists it under the gift. */
export interface RewardOffer extends Reward {
  station?: Station
  affordable: boolean
}

/** A gift once, with every station that stocks it (nearest first). */
export interface RewardGroup {
  name: string
  /** Lowest cost among the stations (costs may differ per station). */
  cost: number
  offers: RewardOffer[]
  /** Some station has it in stock and the rider can afford it there. */
  affordable: boolean
  inStock: number
}

const distanceOf = (o: RewardOffer) => o.station?.distanceM ?? Number.POSITIVE_INFINITY

/**
 * Rewards grouped by gift (its name), each with the stations that stock it nearest first; the
 * gifts the rider can redeem now first, then the cheapest, then by the nearest station.
 */
export function groupRewards(rewards: Reward[], stations: Map<string, Station>, balance: number): RewardGroup[] {
  const groups = new Map<string, RewardOffer[]>()
  for (const reward of rewards) {
    const offer: RewardOffer = { ...reward, station: stations.get(reward.stationId), affordable: balance >= reward.cost && reward.stock > 0 }
    const key = reward.name.trim()
    groups.set(key, [...(groups.get(key) ?? []), offer])
  }
  return [...groups.entries()]
    .map(([name, offers]) => {
      offers.sort((a, b) => Number(b.stock > 0) - Number(a.stock > 0) || distanceOf(a) - distanceOf(b))
      return {
        name,
        offers,
        cost: Math.min(...offers.map((o) => o.cost)),
        affordable: offers.some((o) => o.affordable),
        inStock: offers.reduce((n, o) => n + Math.max(0, o.stock), 0),
      }
    })
    .sort((a, b) => Number(b.affordable) - Number(a.affordable) || a.cost - b.cost || distanceOf(a.offers[0]) - distanceOf(b.offers[0]))
}
