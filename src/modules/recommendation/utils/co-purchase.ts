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
  /**
   * `later[a][b]` = customers who bought b for the first time at least `LATER_LAG_DAYS` after
   * their first purchase of a ("bought a, came back for b"). Only counted for timed histories.
   */
  later: Map<string, Map<string, number>>
  /**
   * `weighted[a][b]` = sum over the customers who bought both of 1 / (products the customer
   * counts in, their capped history): a customer who bought 3 products says more about a pair
   * than a wholesaler who bought 50 (RP3beta's user-degree step, docs/recommendations.md).
   */
  weighted: Map<string, Map<string, number>>
}

/** A product in a customer's history with the date they first bought it. */
export type TimedPurchase = { product_id: string; first_purchased_at: Date }

/**
 * A purchase counts as "later" when it comes at least this long after the first purchase of the
 * other product: a return visit, not the same basket (the store's SQL uses the same interval).
 */
export const LATER_LAG_DAYS = 1
const LAG_MS = LATER_LAG_DAYS * 86400000

/** Caps a history to its most recent `cap` distinct products (bounds the pair explosion of wholesalers). */
export function capHistory<T extends { product_id: string; last_purchased_at: Date }>(history: T[], cap: number): T[] {
  if (history.length <= cap) {
    return history
  }
  return [...history]
    .sort(
      (a, b) => b.last_purchased_at.getTime() - a.last_purchased_at.getTime() || (a.product_id < b.product_id ? -1 : 1)
    )
    .slice(0, cap)
}

/**
 * Counts co-purchases from one list per customer: distinct product ids, or products with their
 * first purchase date (which also fills `later`).
 */
export function countCoPurchases(histories: Iterable<(string | TimedPurchase)[]>): CoPurchaseCounts {
  const items = new Map<string, number>()
  const pairs = new Map<string, Map<string, number>>()
  const later = new Map<string, Map<string, number>>()
  const weighted = new Map<string, Map<string, number>>()
  const bump = (m: Map<string, Map<string, number>>, a: string, b: string, by = 1) => {
    let row = m.get(a)
    if (!row) {
      row = new Map()
      m.set(a, row)
    }
    row.set(b, (row.get(b) ?? 0) + by)
  }
  for (const raw of histories) {
    const first = new Map<string, number>()
    for (const p of raw) {
      const id = typeof p === "string" ? p : p.product_id
      const at = typeof p === "string" ? NaN : p.first_purchased_at.getTime()
      const prev = first.get(id)
      first.set(id, prev === undefined || at < prev ? at : prev)
    }
    const ids = [...first.keys()]
    for (const id of ids) {
      items.set(id, (items.get(id) ?? 0) + 1)
    }
    const share = 1 / ids.length
    for (let i = 0; i < ids.length; i++) {
      const ti = first.get(ids[i])!
      for (let j = i + 1; j < ids.length; j++) {
        bump(pairs, ids[i], ids[j])
        bump(pairs, ids[j], ids[i])
        bump(weighted, ids[i], ids[j], share)
        bump(weighted, ids[j], ids[i], share)
        const tj = first.get(ids[j])!
        if (tj >= ti + LAG_MS) {
          bump(later, ids[i], ids[j])
        } else if (ti >= tj + LAG_MS) {
          bump(later, ids[j], ids[i])
        }
      }
    }
  }
  return { items, pairs, later, weighted }
}

/**
 * Top-k neighbours per product by affinity weight (customers who bought both + customers who
 * came back for the neighbour later; ties by id), dropping pairs seen by fewer than `minSupport`
 * customers: a pair bought by one customer would reveal that customer's basket.
 * Same selection as the store route's SQL (index on product_id, weight desc).
 */
export function topNeighbors(counts: CoPurchaseCounts, k: number, minSupport: number): Map<string, Neighbor[]> {
  const out = new Map<string, Neighbor[]>()
  for (const [a, row] of counts.pairs) {
    const list: Neighbor[] = []
    const laterRow = counts.later?.get(a)
    const weightedRow = counts.weighted?.get(a)
    for (const [b, count] of row) {
      if (count >= minSupport) {
        list.push({ product_id: b, count, later: laterRow?.get(b) ?? 0, weighted: weightedRow?.get(b) ?? 0 })
      }
    }
    list.sort(byWeightThenId)
    out.set(a, list.slice(0, k))
  }
  return out
}

/** Affinity weight of a neighbour: customers who bought both plus those who came back for it. */
export function affinityWeight(n: Neighbor): number {
  return n.count + (n.later ?? 0)
}

export function byWeightThenId(x: Neighbor, y: Neighbor): number {
  return (
    affinityWeight(y) - affinityWeight(x) || (x.product_id < y.product_id ? -1 : x.product_id > y.product_id ? 1 : 0)
  )
}
