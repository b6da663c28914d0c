import { Neighbor } from "./types"

/**
 * Co-purchase counts over customers' histories: `pairs[a][b]` = number of customers who bought
 * both a and b (each customer counts once per pair, whatever the quantities or number of orders),
 * `items[a]` = number of customers who bought a. Symmetric. This is exactly what the
 * `product_affinity` table holds (the diagonal a = a holds `items`).
 */
export type CoPurchaseCounts = {
  items: Map<string, number>
  pairs: Map<string, Map<string, number>>
}

/** Caps a history to its most recent `cap` distinct products (bounds the pair explosion of wholesalers). */
export function capHistory<T extends { product_id: string; last_purchased_at: Date }>(
  history: T[],
  cap: number
): T[] {
  if (history.length <= cap) {
    return history
  }
  return [...history]
    .sort((a, b) => b.last_purchased_at.getTime() - a.last_purchased_at.getTime() || (a.product_id < b.product_id ? -1 : 1))
    .slice(0, cap)
}

/** Counts co-purchases from lists of distinct product ids (one list per customer). */
export function countCoPurchases(histories: Iterable<string[]>): CoPurchaseCounts {
  const items = new Map<string, number>()
  const pairs = new Map<string, Map<string, number>>()
  const bump = (a: string, b: string) => {
    let row = pairs.get(a)
    if (!row) {
      row = new Map()
      pairs.set(a, row)
    }
    row.set(b, (row.get(b) ?? 0) + 1)
  }
  for (const raw of histories) {
    const ids = [...new Set(raw)]
    for (const id of ids) {
      items.set(id, (items.get(id) ?? 0) + 1)
    }
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        bump(ids[i], ids[j])
        bump(ids[j], ids[i])
      }
    }
  }
  return { items, pairs }
}

/**
 * The pair increments one new order causes: products new to the customer pair with each other
 * and with everything the customer bought before. Products bought before add nothing.
 * Returns the new diagonal entries (items) and the symmetric pairs as [a, b] with a !== b.
 */
export function incrementalPairs(
  previous: Iterable<string>,
  ordered: Iterable<string>
): { newItems: string[]; pairs: [string, string][] } {
  const before = new Set(previous)
  const newItems = [...new Set(ordered)].filter((id) => !before.has(id)).sort()
  const pairs: [string, string][] = []
  for (let i = 0; i < newItems.length; i++) {
    for (let j = i + 1; j < newItems.length; j++) {
      pairs.push([newItems[i], newItems[j]], [newItems[j], newItems[i]])
    }
    for (const old of before) {
      pairs.push([newItems[i], old], [old, newItems[i]])
    }
  }
  return { newItems, pairs }
}

/**
 * Top-k neighbours per product by co-purchase count (ties by id), dropping pairs seen by fewer
 * than `minSupport` customers: a pair bought by one customer would reveal that customer's basket.
 * Same selection as the store route's SQL (index on product_a, count desc).
 */
export function topNeighbors(
  counts: CoPurchaseCounts,
  k: number,
  minSupport: number
): Map<string, Neighbor[]> {
  const out = new Map<string, Neighbor[]>()
  for (const [a, row] of counts.pairs) {
    const list: Neighbor[] = []
    for (const [b, count] of row) {
      if (count >= minSupport) {
        list.push({ product_id: b, count })
      }
    }
    list.sort(byCountThenId)
    out.set(a, list.slice(0, k))
  }
  return out
}

export function byCountThenId(x: Neighbor, y: Neighbor): number {
  return y.count - x.count || (x.product_id < y.product_id ? -1 : x.product_id > y.product_id ? 1 : 0)
}
